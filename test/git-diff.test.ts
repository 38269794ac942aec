import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GitRepo } from "./support/git-repo.js";
import {
  acme,
  acmeFinding,
  commitOf,
  keyFileFinding,
  repoWithConfig,
  runJson,
  trackRepos,
} from "./support/git-scan.js";
import { runCli } from "./support/run-cli.js";

const track = trackRepos();

describe("leakgate diff", () => {
  it("reports a secret added and removed later in the range, attributed to the commit that added it", () => {
    const repo = track(repoWithConfig());
    const base = repo.git("rev-parse", "HEAD").trim();
    repo.commit("Add code", { "app.js": "const a = 1;\n" });
    const adding = repo.commit(
      "Add a key",
      { "app.js": `const a = 1;\nconst key = "${acme()}";\n` },
      "2024-03-01T10:00:00+00:00",
    );
    repo.commit("Remove the key", { "app.js": "const a = 1;\nconst key = process.env.KEY;\n" });
    const run = runJson(["diff", base], repo.dir);
    expect(run.status).toBe(1);
    expect(run.findings).toEqual([acmeFinding("app.js", 2, 14, { commit: commitOf(repo, adding) })]);
    expect(run.stats).toMatchObject({ commits: 3, range: `${base}..HEAD` });
  });

  it("accepts base..head and an explicit head, and reports nothing outside the range", () => {
    const repo = track(repoWithConfig());
    const first = repo.commit("One", { "one.txt": `${acme()}\n` });
    const second = repo.commit("Two", { "two.txt": `${acme()}\n` });
    repo.commit("Three", { "three.txt": `${acme()}\n` });
    const dotted = runJson(["diff", `${first}..${second}`], repo.dir);
    expect(dotted.findings).toEqual([acmeFinding("two.txt", 1, 1, { commit: commitOf(repo, second) })]);
    const spaced = runJson(["diff", first, second], repo.dir);
    expect(spaced.findings).toEqual(dotted.findings);
    expect(runJson(["diff", "HEAD"], repo.dir)).toMatchObject({ status: 0, findings: [] });
  });

  it("does not report lines again when a file is renamed, but judges the new path", () => {
    const repo = track(repoWithConfig());
    const base = repo.commit("Add config", { "config/app.keys": `TOKEN=${acme()}\n` });
    repo.git("mv", "config/app.keys", "acme.keys");
    const moved = repo.commit("Rename to acme.keys");
    const run = runJson(["diff", base], repo.dir);
    expect(run.findings).toEqual([keyFileFinding("acme.keys", { commit: commitOf(repo, moved) })]);
  });

  it("attributes lines a merge adds itself to the merge, and the merged branch's lines to their commits", () => {
    const repo = track(repoWithConfig());
    const base = repo.git("rev-parse", "HEAD").trim();
    repo.git("checkout", "-q", "-b", "topic");
    const topic = repo.commit("Topic", { "topic.txt": `${acme()}\n` });
    repo.git("checkout", "-q", "main");
    repo.commit("Main", { "main.txt": "main\n" });
    repo.git("merge", "-q", "--no-commit", "--no-ff", "topic");
    repo.write("evil.txt", `${acme()}\n`).git("add", "-A");
    const merge = repo.commit("Merge topic");
    const run = runJson(["diff", base], repo.dir);
    expect(run.findings).toEqual([
      acmeFinding("evil.txt", 1, 1, { commit: commitOf(repo, merge) }),
      acmeFinding("topic.txt", 1, 1, { commit: commitOf(repo, topic) }),
    ]);
    expect(run.stats.commits).toBe(3);
  });

  it("reads an octopus merge and the branches it joins", () => {
    const repo = track(repoWithConfig());
    const base = repo.git("rev-parse", "HEAD").trim();
    const shas: string[] = [];
    for (const name of ["a", "b", "c"]) {
      repo.git("checkout", "-q", "-b", name, base);
      shas.push(repo.commit(name, { [`${name}.txt`]: `${acme()}\n` }));
    }
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--no-ff", "-m", "Octopus", "a", "b", "c");
    const run = runJson(["diff", base], repo.dir);
    expect(run.findings).toEqual(
      ["a", "b", "c"].map((name, i) =>
        acmeFinding(`${name}.txt`, 1, 1, { commit: commitOf(repo, shas[i] as string) }),
      ),
    );
    expect(run.stats.commits).toBe(4);
  });

  it("exits 2 and names the fetch depth when the base is not in a shallow clone", () => {
    const upstream = track(repoWithConfig());
    const base = upstream.commit("One", { "one.txt": "1\n" });
    upstream.commit("Two", { "two.txt": "2\n" });
    const dir = join(mkdtempSync(join(tmpdir(), "leakgate-shallow-")), "clone");
    execFileSync("git", ["clone", "-q", "--depth=1", `file://${upstream.dir}`, dir], { stdio: "ignore" });
    track(new GitRepo(dir));
    const run = runCli(["diff", base], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("shallow clone");
    expect(run.stderr).toContain("fetch-depth: 0");
  });

  it("exits 2 and names the fetch depth when the range reaches where a shallow clone is cut, though the base exists", () => {
    const upstream = track(repoWithConfig());
    upstream.git("checkout", "-q", "-b", "side");
    upstream.commit("Side", { "side.txt": "side\n" });
    upstream.git("checkout", "-q", "main");
    upstream.commit("Old secrets", { "old.txt": `${acme()}\n`, "older.txt": `${acme()}\n` });
    upstream.commit("New", { "new.txt": "new\n" });
    const dir = join(mkdtempSync(join(tmpdir(), "leakgate-shallow-")), "clone");
    execFileSync("git", ["clone", "-q", "--depth=1", "--no-single-branch", `file://${upstream.dir}`, dir], {
      stdio: "ignore",
    });
    track(new GitRepo(dir));
    const run = runJson(["diff", "origin/side"], dir);
    expect(run.status).toBe(2);
    expect(run.findings).toEqual([]);
    expect(run.stderr).toContain("shallow clone");
    expect(run.stderr).toContain("fetch-depth: 0");
  });

  it("reads a range that lies wholly inside a shallow clone", () => {
    const upstream = track(repoWithConfig());
    upstream.commit("Old", { "old.txt": `${acme()}\n` });
    const base = upstream.commit("Base", { "base.txt": "base\n" });
    const added = upstream.commit("Add", { "new.txt": `${acme()}\n` });
    const dir = join(mkdtempSync(join(tmpdir(), "leakgate-shallow-")), "clone");
    execFileSync("git", ["clone", "-q", "--depth=2", `file://${upstream.dir}`, dir], { stdio: "ignore" });
    const clone = track(new GitRepo(dir));
    const run = runJson(["diff", base], dir);
    expect(run.findings).toEqual([acmeFinding("new.txt", 1, 1, { commit: commitOf(clone, added) })]);
    expect(run.stats).toMatchObject({ commits: 1, shallow: true });
  });

  it("exits 2 for a base that does not exist, and for a missing argument", () => {
    const repo = track(repoWithConfig());
    const missing = runCli(["diff", "no-such-branch"], { cwd: repo.dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("the base no-such-branch is not a commit");
    const usage = runCli(["diff"], { cwd: repo.dir });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("expects a base");
  });

  it("exits 2 in an empty repository, which has no base", () => {
    const repo = track(GitRepo.init());
    const run = runCli(["diff", "HEAD~1"], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("the repository has no commits yet");
  });

  it("skips a symlink added in a commit, and a file only made executable adds no lines", () => {
    const repo = track(repoWithConfig());
    const base = repo.commit("Script", { "run.sh": `echo ${acme()}\n` });
    symlinkSync("run.sh", join(repo.dir, "link.sh"));
    repo.git("add", "link.sh");
    repo.git("update-index", "--chmod=+x", "run.sh");
    repo.commit("Link and mode");
    const run = runJson(["diff", base], repo.dir);
    expect(run.findings).toEqual([]);
    expect(run.stats.skipped).toEqual({ symlink: 1 });
  });

  it("reads a symlink turned into a file, and a last line without a newline", () => {
    const repo = track(repoWithConfig());
    symlinkSync("target.txt", join(repo.dir, "was-link.txt"));
    const base = repo.commit("Link", { "other.txt": "one" });
    rmSync(join(repo.dir, "was-link.txt"));
    const changed = repo.commit("Now a file", {
      "was-link.txt": `line\n${acme()}\n`,
      "other.txt": `one\n${acme()}`,
    });
    const run = runJson(["diff", base], repo.dir);
    const commit = commitOf(repo, changed);
    expect(run.findings).toEqual([
      acmeFinding("other.txt", 2, 1, { commit }),
      acmeFinding("was-link.txt", 2, 1, { commit }),
    ]);
  });

  it("handles odd file names, binary files and submodule entries in commits", () => {
    const repo = track(repoWithConfig());
    const base = repo.git("rev-parse", "HEAD").trim();
    const inner = track(repoWithConfig());
    const sha = repo.commit("Odd", {
      'a "quoted"\nname.txt': `${acme()}\n`,
      "bin.dat": Buffer.concat([Buffer.from([0, 0, 0]), Buffer.from(acme())]),
    });
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", inner.dir, "sub");
    repo.commit("Submodule");
    const run = runJson(["diff", base], repo.dir);
    expect(run.findings).toEqual([
      acmeFinding('a "quoted"\nname.txt', 1, 1, { commit: commitOf(repo, sha) }),
    ]);
    expect(run.stats.skipped).toEqual({ binary: 1, submodule: 1 });
  });
});
