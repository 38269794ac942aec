import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GitRepo } from "./support/git-repo.js";
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

function hashObject(repo: GitRepo, content: string): string {
  return execFileSync("git", ["hash-object", "-w", "--stdin"], {
    cwd: repo.dir,
    input: content,
    encoding: "utf8",
  }).trim();
}

describe("leakgate history: what it covers", () => {
  it("scans every ref, a stash, a pull-request ref and a blob only an annotated tag points to, but no reflog", () => {
    const repo = track(repoWithConfig());
    repo.commit("Tracked", { "a.txt": "clean\n" });
    repo.write("a.txt", `clean\n${acme()}\n`);
    repo.git("stash", "-q");
    const stash = repo.git("rev-parse", "refs/stash").trim();
    repo.git("checkout", "-q", "-b", "pr");
    const pull = repo.commit("Pull request", { "pr.txt": `${acme()}\n` });
    repo.git("checkout", "-q", "main");
    repo.git("update-ref", "refs/pull/1/head", pull);
    repo.git("branch", "-q", "-D", "pr");
    const blob = hashObject(repo, `${acme()}\n`);
    repo.git("tag", "-a", "blobtag", "-m", "A blob", blob);
    const [tag = "", tagger = "", email = "", date = ""] = repo
      .git(
        "for-each-ref",
        "--format=%(objectname)%00%(taggername)%00%(taggeremail:trim)%00%(taggerdate:iso-strict)",
        "refs/tags/blobtag",
      )
      .trim()
      .split("\0");
    repo.commit("Amended away", { "gone.txt": `${acme()}\n` });
    repo.git("reset", "-q", "--hard", "HEAD~1");

    const run = runJson(["history"], repo.dir);
    expect(run.status).toBe(1);
    expect(run.findings).toEqual([
      acmeFinding("a.txt", 2, 1, { commit: commitOf(repo, stash), locations: [], presentAtHead: false }),
      acmeFinding("pr.txt", 1, 1, { commit: commitOf(repo, pull), locations: [], presentAtHead: false }),
      acmeFinding("refs/tags/blobtag", 1, 1, {
        commit: { sha: tag, author: tagger, email, date },
        locations: [],
        presentAtHead: false,
      }),
    ]);
    expect(runJson(["history", "--ref", "main"], repo.dir)).toMatchObject({ status: 0, findings: [] });
  });

  it("judges every path a blob was committed at, not only the first one met", () => {
    const repo = track(repoWithConfig());
    repo.commit("Keep the folder", { "sub/.gitkeep": "" });
    const empty = repo.commit("An empty key file", { "sub/acme.keys": "" });
    repo.commit("A template", { "acme.keys.example": "KEY=\n" });
    copyFileSync(join(repo.dir, "acme.keys.example"), join(repo.dir, "acme.keys"));
    const copied = repo.commit("Copy the template");
    const run = runJson(["history"], repo.dir);
    expect(run.findings).toEqual([
      keyFileFinding("acme.keys", { commit: commitOf(repo, copied), locations: [], presentAtHead: true }),
      keyFileFinding("sub/acme.keys", { commit: commitOf(repo, empty), locations: [], presentAtHead: true }),
    ]);
  });

  it("keeps the commit of a key file skipped as too large", () => {
    const repo = track(repoWithConfig());
    const added = repo.commit("Big key file", { "acme.keys": `${"A=1\n".repeat(1024)}` });
    const run = runJson(["history", "--max-file-size", "1KB"], repo.dir);
    expect(run.findings).toEqual([
      keyFileFinding("acme.keys", { commit: commitOf(repo, added), locations: [], presentAtHead: true }),
    ]);
    expect(run.stats.skipped).toEqual({ "too-large": 1 });
  });

  it("skips symlink targets and submodule entries, counting them", () => {
    const repo = track(repoWithConfig());
    const inner = track(repoWithConfig());
    symlinkSync(acme(), join(repo.dir, "link.txt"));
    repo.commit("A link whose target looks like a token");
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", inner.dir, "sub");
    repo.commit("Submodule");
    const run = runJson(["history"], repo.dir);
    expect(run).toMatchObject({ status: 0, findings: [] });
    expect(run.stats.skipped).toEqual({ symlink: 1, submodule: 1 });
  });

  it("attributes a secret on a side branch merged later to the side-branch commit", () => {
    const repo = track(repoWithConfig());
    repo.git("checkout", "-q", "-b", "side");
    const side = repo.commit("Side", { "side.txt": `${acme()}\n` }, "2024-01-01T00:00:00Z");
    repo.git("checkout", "-q", "main");
    repo.commit("Main", { "main.txt": "main\n" }, "2024-02-01T00:00:00Z");
    execFileSync("git", ["merge", "-q", "--no-ff", "-m", "Merge side", "side"], {
      cwd: repo.dir,
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: "2024-03-01T00:00:00Z",
        GIT_COMMITTER_DATE: "2024-03-01T00:00:00Z",
      },
    });
    repo.git("branch", "-q", "-D", "side");
    const run = runJson(["history"], repo.dir);
    expect(run.findings).toEqual([
      acmeFinding("side.txt", 1, 1, { commit: commitOf(repo, side), locations: [], presentAtHead: true }),
    ]);
  });

  it("reports a blob shared by two paths once, with the second path as another location", () => {
    const repo = track(repoWithConfig());
    const content = `${acme()}\n`;
    const added = repo.commit("Twice", { "a.txt": content, "b/c.txt": content });
    const run = runJson(["history"], repo.dir);
    expect(run.findings).toEqual([
      acmeFinding("a.txt", 1, 1, {
        commit: commitOf(repo, added),
        locations: [{ file: "b/c.txt", line: 1, commit: added }],
        presentAtHead: true,
      }),
    ]);
    expect(run.stats.fragments).toBe(2);
  });

  it("exits 2 with a clear message when git is not on PATH, for history and diff", () => {
    const repo = track(repoWithConfig());
    const empty = mkdtempSync(join(tmpdir(), "leakgate-nopath-"));
    for (const args of [["history"], ["diff", "HEAD"]]) {
      const run = runCli(args, { cwd: repo.dir, env: { PATH: empty } });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("git was not found on PATH");
    }
  });

  it("exits 2 and names the folder when it does not exist", () => {
    const missing = join(tmpdir(), "leakgate-no-such-folder", "repo");
    const run = runCli(["history", missing], { cwd: tmpdir() });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`no such folder: ${missing}`);
    expect(run.stderr).not.toContain("git was not found");
  });
});
