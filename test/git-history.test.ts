import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GitRepo } from "./support/git-repo.js";
import {
  acme,
  acmeFinding,
  commitOf,
  GIT_TEST_CONFIG,
  keyFileFinding,
  repoWithConfig,
  runJson,
  trackRepos,
} from "./support/git-scan.js";
import { runCli } from "./support/run-cli.js";
import { sarifSchemaErrors } from "./support/sarif-schema.js";

const track = trackRepos();

describe("leakgate history", () => {
  it("reports each secret once, at the oldest commit and path, with its other locations", () => {
    const repo = track(repoWithConfig());
    const token = acme();
    const first = repo.commit(
      "Add a key",
      { "config/app.ini": `[app]\nkey = ${token}\n` },
      "2024-01-01T00:00:00Z",
    );
    const copy = repo.commit(
      "Copy it",
      { "backup/old.ini": `# old\n\n[app]\nkey = ${token}\n` },
      "2024-02-01T00:00:00Z",
    );
    repo.git("rm", "-q", "config/app.ini");
    repo.commit("Remove the original", {}, "2024-03-01T00:00:00Z");
    const run = runJson(["history"], repo.dir);
    expect(run.status).toBe(1);
    expect(run.findings).toEqual([
      acmeFinding("config/app.ini", 2, 7, {
        commit: commitOf(repo, first),
        locations: [{ file: "backup/old.ini", line: 4, commit: copy }],
        presentAtHead: true,
      }),
    ]);
    expect(run.stats).toMatchObject({ commits: 4, range: "all refs" });
    expect(run.stdout + run.stderr).not.toContain(token);
    const text = runCli(["history"], { cwd: repo.dir }).stdout;
    expect(text).toContain(`    still at HEAD\n    also at backup/old.ini:4 (commit ${copy.slice(0, 12)})\n`);
    const sarif = JSON.parse(runCli(["history", "--format", "sarif"], { cwd: repo.dir }).stdout);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results[0].relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: "backup/old.ini", uriBaseId: "%SRCROOT%" },
          region: { startLine: 4 },
        },
        message: { text: `The same secret (commit ${copy.slice(0, 12)})` },
      },
    ]);
  });

  it("says a secret is no longer at HEAD once every copy is gone", () => {
    const repo = track(repoWithConfig());
    const added = repo.commit("Add", { "a.txt": `${acme()}\n` });
    repo.commit("Remove", { "a.txt": "gone\n" });
    const run = runJson(["history"], repo.dir);
    expect(run.findings).toEqual([
      acmeFinding("a.txt", 1, 1, { commit: commitOf(repo, added), locations: [], presentAtHead: false }),
    ]);
  });

  it("scans every branch and tag and a detached HEAD, and --ref narrows the scan", () => {
    const repo = track(repoWithConfig());
    const main = repo.commit("Main", { "main.txt": `${acme()}\n` });
    repo.git("checkout", "-q", "-b", "feature");
    const feature = repo.commit("Feature", { "feature.txt": `${acme()}\n` });
    repo.git("checkout", "-q", "--detach", "main");
    const detached = repo.commit("Detached", { "detached.txt": `${acme()}\n` });
    repo.git("tag", "v1", detached);
    repo.git("checkout", "-q", "--detach", main);
    const everything = runJson(["history"], repo.dir);
    expect(everything.findings.map((f) => [f.file, (f.commit as { sha: string }).sha])).toEqual([
      ["detached.txt", detached],
      ["feature.txt", feature],
      ["main.txt", main],
    ]);
    const narrowed = runJson(["history", "--ref", "feature"], repo.dir);
    expect(narrowed.findings.map((f) => f.file)).toEqual(["feature.txt", "main.txt"]);
    expect(narrowed.stats.range).toBe("feature");
  });

  it("reads only what is new with --state, and reports no secret twice", () => {
    const repo = track(repoWithConfig());
    const state = join(mkdtempSync(join(tmpdir(), "leakgate-state-")), "history.json");
    const old = acme();
    repo.commit("Old", { "old.txt": `${old}\n` });
    const firstRun = runJson(["history", "--state", state], repo.dir);
    expect(firstRun.findings.map((f) => f.file)).toEqual(["old.txt"]);
    expect(existsSync(state)).toBe(true);
    expect(readFileSync(state, "utf8")).not.toContain(old);
    const added = repo.commit("New", { "new.txt": `${acme()}\n`, "again.txt": `${old}\n` });
    const secondRun = runJson(["history", "--state", state], repo.dir);
    expect(secondRun.findings).toEqual([
      acmeFinding("new.txt", 1, 1, { commit: commitOf(repo, added), locations: [], presentAtHead: true }),
    ]);
    // again.txt holds the same blob as old.txt, which the first run read: only new.txt is read.
    expect(secondRun.stats).toMatchObject({ commits: 1, fragments: 1 });
    const thirdRun = runJson(["history", "--state", state], repo.dir);
    expect(thirdRun).toMatchObject({ status: 0, findings: [] });
    expect(thirdRun.stats).toMatchObject({ commits: 0, fragments: 0 });
  });

  it("reads only commits not reachable from --since", () => {
    const repo = track(repoWithConfig());
    const before = repo.commit("Before", { "before.txt": `${acme()}\n` });
    const after = repo.commit("After", { "after.txt": `${acme()}\n` });
    const run = runJson(["history", "--since", before], repo.dir);
    expect(run.findings).toEqual([
      acmeFinding("after.txt", 1, 1, { commit: commitOf(repo, after), locations: [], presentAtHead: true }),
    ]);
    expect(run.stats.commits).toBe(1);
  });

  it("finds files that must never be committed by their path", () => {
    const repo = track(repoWithConfig());
    const added = repo.commit("Env", { "deploy/acme.keys": "A=1\n" });
    const run = runJson(["history"], repo.dir);
    expect(run.findings).toEqual([
      keyFileFinding("deploy/acme.keys", {
        commit: commitOf(repo, added),
        locations: [],
        presentAtHead: true,
      }),
    ]);
  });

  it("handles an empty repository and an unborn branch", () => {
    const empty = track(GitRepo.init());
    expect(runJson(["history"], empty.dir)).toMatchObject({ status: 0, findings: [], stats: { commits: 0 } });
    const repo = track(repoWithConfig());
    const added = repo.commit("Add", { "a.txt": `${acme()}\n` });
    repo.git("checkout", "-q", "--orphan", "unborn");
    const run = runJson(["history"], repo.dir);
    expect(run.findings).toEqual([
      acmeFinding("a.txt", 1, 1, { commit: commitOf(repo, added), locations: [], presentAtHead: false }),
    ]);
  });

  it("scans odd names and non-UTF-8 blobs, and skips binary, LFS pointers and huge blobs, counting them", () => {
    const repo = track(repoWithConfig());
    const sha = repo.commit("Odd", {
      'new\nline "q" é.txt': `${acme()}\r\n`,
      "latin1.txt": Buffer.concat([Buffer.from("\xe9\xe8 ", "latin1"), Buffer.from(`${acme()}\n`)]),
      "image.bin": Buffer.concat([Buffer.from([0, 1, 0]), Buffer.from(acme())]),
      "model.bin": "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 10\n",
      "huge.txt": `${"y".repeat(4096)}\n${acme()}\n`,
    });
    const run = runJson(["history", "--max-file-size", "2KB"], repo.dir);
    const commit = commitOf(repo, sha);
    expect(run.findings).toEqual([
      acmeFinding("latin1.txt", 1, 4, { commit, locations: [], presentAtHead: true }),
      acmeFinding('new\nline "q" é.txt', 1, 1, { commit, locations: [], presentAtHead: true }),
    ]);
    expect(run.stats.skipped).toEqual({ binary: 1, "lfs-pointer": 1, "too-large": 1 });
    expect(run.stats.nonUtf8).toBe(1);
  });

  it("scans what a shallow clone has and says the history is cut", () => {
    const upstream = track(repoWithConfig());
    upstream.commit("Old", { "old.txt": `${acme()}\n` });
    upstream.commit("New", { "new.txt": `${acme()}\n` });
    const dir = join(mkdtempSync(join(tmpdir(), "leakgate-shallow-")), "clone");
    execFileSync("git", ["clone", "-q", "--depth=1", `file://${upstream.dir}`, dir], { stdio: "ignore" });
    track(new GitRepo(dir));
    const run = runJson(["history"], dir);
    expect(run.findings.map((f) => f.file)).toEqual(["new.txt", "old.txt"]);
    expect(run.stats).toMatchObject({ shallow: true, commits: 1 });
    expect(run.stderr).toContain("shallow clone");
  });

  it("prints no progress when standard error is not a terminal", () => {
    const repo = track(repoWithConfig());
    repo.commit("Add", { "a.txt": "nothing\n" });
    const run = runCli(["history"], { cwd: repo.dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
  });

  it("exits 2 outside a repository and for an unknown --ref", () => {
    const dir = mkdtempSync(join(tmpdir(), "leakgate-nogit-"));
    const outside = runCli(["history", dir], { cwd: tmpdir(), env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain("is not a git repository");
    const repo = track(GitRepo.init());
    repo.commit("cfg", { ".leakgate.yml": GIT_TEST_CONFIG });
    const unknown = runCli(["history", "--ref", "nope"], { cwd: repo.dir });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("--ref nope is not a branch, tag or commit");
  });
});
