import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GitRepo } from "./support/git-repo.js";
import {
  acme,
  acmeFinding,
  GIT_TEST_CONFIG,
  keyFileFinding,
  repoWithConfig,
  runJson,
} from "./support/git-scan.js";
import { runCli } from "./support/run-cli.js";

const repos: GitRepo[] = [];
function track(repo: GitRepo): GitRepo {
  repos.push(repo);
  return repo;
}
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

describe("leakgate staged", () => {
  it("catches a staged secret that was deleted from the working file afterwards", () => {
    const repo = track(repoWithConfig());
    const token = acme();
    repo.write("app.js", `const key = "${token}";\n`).git("add", "app.js");
    repo.write("app.js", "const key = process.env.KEY;\n");
    const run = runJson(["staged"], repo.dir);
    expect(run.status).toBe(1);
    expect(run.findings).toEqual([acmeFinding("app.js", 1, 14)]);
    expect(run.stdout + run.stderr).not.toContain(token);
  });

  it("does not block on a secret that is only in the working tree", () => {
    const repo = track(repoWithConfig());
    repo.write("app.js", "const key = process.env.KEY;\n").git("add", "app.js");
    repo.write("app.js", `const key = "${acme()}";\n`);
    const run = runJson(["staged"], repo.dir);
    expect(run.status).toBe(0);
    expect(run.findings).toEqual([]);
  });

  it("reports only added lines, with their line numbers in the staged file", () => {
    const repo = track(repoWithConfig());
    const old = acme();
    repo.commit("Add settings", { "settings.py": `A = 1\nOLD = "${old}"\nB = 2\n` });
    repo.write("settings.py", `A = 1\nOLD = "${old}"\nB = 2\nNEW = "${acme()}"\n`).git("add", "-A");
    const run = runJson(["staged"], repo.dir);
    expect(run.findings).toEqual([acmeFinding("settings.py", 4, 8)]);
  });

  it("works on the first commit of a repository, which has no HEAD", () => {
    const repo = track(GitRepo.init());
    repo.write(".leakgate.yml", GIT_TEST_CONFIG);
    repo.write("src/first.txt", `token: ${acme()}\n`).git("add", "-A");
    const run = runJson(["staged"], repo.dir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.findings).toEqual([acmeFinding("src/first.txt", 1, 8)]);
  });

  it("finds nothing to scan in an empty repository with nothing staged", () => {
    const repo = track(GitRepo.init());
    const run = runJson(["staged"], repo.dir);
    expect(run).toMatchObject({ status: 0, findings: [], stderr: "" });
  });

  it("works on a detached HEAD", () => {
    const repo = track(repoWithConfig());
    repo.commit("More", { "more.txt": "more\n" });
    repo.git("checkout", "-q", "--detach", "HEAD~1");
    repo.write("detached.txt", `${acme()}\n`).git("add", "-A");
    expect(runJson(["staged"], repo.dir).findings).toEqual([acmeFinding("detached.txt", 1, 1)]);
  });

  it("judges the name of added and renamed files but not of modified ones", () => {
    const repo = track(repoWithConfig());
    repo.commit("Add an old key file", { "old/acme.keys": "A=1\n" });
    repo.write("old/acme.keys", "A=2\n");
    repo.write("new/acme.keys", "B=1\n");
    repo.git("add", "-A");
    mkdirSync(join(repo.dir, "moved"));
    repo.git("mv", "old/acme.keys", "moved/acme.keys");
    const run = runJson(["staged"], repo.dir);
    expect(run.findings).toEqual([keyFileFinding("moved/acme.keys"), keyFileFinding("new/acme.keys")]);
  });

  it("does not report a secret again when its file is only renamed", () => {
    const repo = track(repoWithConfig());
    repo.commit("Add a key", { "a/key.txt": `k=${acme()}\nline two\n` });
    mkdirSync(join(repo.dir, "b"));
    repo.git("mv", "a/key.txt", "b/key.txt");
    const run = runJson(["staged"], repo.dir);
    expect(run.status).toBe(0);
    expect(run.findings).toEqual([]);
  });

  it("runs from a subfolder and reports paths from the top of the repository", () => {
    const repo = track(repoWithConfig());
    repo.write("deep/er/x.txt", `x ${acme()}\n`).git("add", "-A");
    const run = runJson(["staged"], join(repo.dir, "deep"));
    expect(run.findings).toEqual([acmeFinding("deep/er/x.txt", 1, 3)]);
  });

  it("handles file names with spaces, quotes, newlines and non-ASCII characters", () => {
    const repo = track(repoWithConfig());
    const names = ["with space.txt", 'quo"te.txt', "new\nline.txt", "café/ünï.txt", "tab\there.txt"];
    for (const name of names) repo.write(name, `${acme()}\n`);
    repo.git("add", "-A");
    const run = runJson(["staged"], repo.dir);
    expect(run.findings.map((f) => f.file).sort()).toEqual([...names].sort());
    expect(run.findings).toEqual(names.map((name) => acmeFinding(name, 1, 1)).sort(byFile));
  });

  it("scans CRLF and non-UTF-8 files, and skips binary files, symlinks, LFS pointers and huge files", () => {
    const repo = track(repoWithConfig());
    repo.write("crlf.txt", `one\r\nkey=${acme()}\r\n`);
    repo.write("latin1.txt", Buffer.concat([Buffer.from("caf\xe9 ", "latin1"), Buffer.from(`${acme()}\n`)]));
    repo.write("image.bin", Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(acme())]));
    repo.write(
      "big.lfs",
      "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n",
    );
    repo.write("huge.txt", `${"x".repeat(2048)}\n${acme()}\n`);
    symlinkSync("crlf.txt", join(repo.dir, "link.txt"));
    repo.git("add", "-A");
    const run = runJson(["staged", "--max-file-size", "1KB"], repo.dir);
    expect(run.findings).toEqual([acmeFinding("crlf.txt", 2, 5), acmeFinding("latin1.txt", 1, 6)]);
    expect(run.stats.skipped).toEqual({ binary: 1, "lfs-pointer": 1, "too-large": 1, symlink: 1 });
    expect(run.stats.nonUtf8).toBe(1);
  });

  it("scans a merge being committed, against the first parent", () => {
    const repo = track(repoWithConfig());
    repo.git("checkout", "-q", "-b", "topic");
    repo.commit("Topic work", { "topic.txt": "topic\n" });
    repo.git("checkout", "-q", "main");
    repo.commit("Main work", { "main.txt": "main\n" });
    repo.git("merge", "-q", "--no-commit", "--no-ff", "topic");
    repo.write("resolution.txt", `${acme()}\n`).git("add", "-A");
    const run = runJson(["staged"], repo.dir);
    expect(run.findings).toEqual([acmeFinding("resolution.txt", 1, 1)]);
  });

  it("works in a linked worktree", () => {
    const repo = track(repoWithConfig());
    const tree = join(mkdtempSync(join(tmpdir(), "leakgate-wt-")), "tree");
    repo.git("worktree", "add", "-q", "-b", "side", tree);
    const worktree = track(new GitRepo(tree));
    worktree.write("side.txt", `${acme()}\n`).git("add", "-A");
    const run = runJson(["staged"], tree);
    expect(run.findings).toEqual([acmeFinding("side.txt", 1, 1)]);
    expect(runJson(["staged"], repo.dir).findings).toEqual([]);
  });

  it("works inside a submodule, and skips a submodule entry in the superproject", () => {
    const inner = track(repoWithConfig());
    inner.commit("Inner", { "inner.txt": "inner\n" });
    const outer = track(repoWithConfig());
    outer.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", inner.dir, "sub");
    const superRun = runJson(["staged"], outer.dir);
    expect(superRun.findings).toEqual([]);
    expect(superRun.stats.skipped).toEqual({ submodule: 1 });
    const sub = new GitRepo(join(outer.dir, "sub"));
    sub.write("leak.txt", `${acme()}\n`).git("add", "leak.txt");
    expect(runJson(["staged"], sub.dir).findings).toEqual([acmeFinding("leak.txt", 1, 1)]);
  });

  it("blocks `git commit` from a hook found through core.hooksPath", () => {
    const repo = track(repoWithConfig());
    const hooks = join(repo.dir, ".githooks");
    mkdirSync(hooks);
    const bin = process.env.LEAKGATE_TEST_BIN as string;
    writeFileSync(
      join(hooks, "pre-commit"),
      `#!/bin/sh\nexec "${process.execPath}" "${bin}" staged --quiet\n`,
    );
    chmodSync(join(hooks, "pre-commit"), 0o755);
    repo.git("config", "core.hooksPath", ".githooks");
    repo.write("leak.txt", `${acme()}\n`).git("add", "leak.txt");
    expect(() =>
      execFileSync("git", ["commit", "-q", "-m", "leak"], { cwd: repo.dir, stdio: "pipe" }),
    ).toThrow(/acme-token/);
    repo.git("reset", "-q", "leak.txt");
    repo.write("fine.txt", "fine\n").git("add", "fine.txt");
    execFileSync("git", ["commit", "-q", "-m", "fine"], { cwd: repo.dir, stdio: "pipe" });
  });

  it("speaks as the pre-commit hook with --hook: the message on standard error, exit 1, no secret", () => {
    const repo = track(repoWithConfig());
    const token = acme();
    repo.write("leak.txt", `${token}\n`).git("add", "leak.txt");
    const run = runCli(["staged", "--hook"], { cwd: repo.dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("leak.txt");
    expect(run.stderr).not.toContain(token);
  });

  it("exits 2 with a clear message outside a git repository", () => {
    const dir = mkdtempSync(join(tmpdir(), "leakgate-nogit-"));
    const run = runCli(["staged"], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("is not a git repository");
  });

  it("exits 2 with a clear message when git is not on PATH", () => {
    const repo = track(repoWithConfig());
    const run = runCli(["staged"], { cwd: repo.dir, env: { PATH: "/nonexistent" } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("git was not found on PATH");
  });
});

function byFile(a: { file: string }, b: { file: string }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}
