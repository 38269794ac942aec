import { afterEach, describe, expect, it } from "vitest";
import { GitRepo } from "./support/git-repo.js";
import { acme, HOOK_TEST_CONFIG, run } from "./support/hook-repo.js";
import { runCli } from "./support/run-cli.js";

const repos: GitRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

/** A clone with a bare origin that has `main` (holding the test rules), and the pre-push hook installed. */
function cloneWithOrigin(): { repo: GitRepo; origin: GitRepo } {
  const origin = new GitRepo();
  origin.git("init", "-q", "--bare", "-b", "main");
  const repo = GitRepo.init();
  repos.push(origin, repo);
  repo.commit("Add the leakgate configuration", { ".leakgate.yml": HOOK_TEST_CONFIG });
  repo.git("remote", "add", "origin", origin.dir);
  repo.git("push", "-q", "-u", "origin", "main");
  expect(runCli(["install", "--hook", "pre-push"], { cwd: repo.dir })).toMatchObject({
    status: 0,
    stdout: "Installed the leakgate pre-push hook in .git/hooks/pre-push.\n",
  });
  return { repo, origin };
}

const push = (repo: GitRepo, ...args: string[]) => run(repo, "git", ["push", "-q", "origin", ...args]);
const remoteSha = (origin: GitRepo, ref: string) =>
  run(origin, "git", ["rev-parse", "--verify", "-q", ref]).stdout.trim();

describe("the pre-push hook from leakgate install --hook pre-push", () => {
  it("blocks a push whose commits add a secret, naming the commit and how to take it out", () => {
    const { repo, origin } = cloneWithOrigin();
    const before = remoteSha(origin, "main");
    const sha = repo.commit("Call the API", { "src/api.ts": `const key = "${acme()}";\n` });
    repo.commit("Tidy up", { "README.md": "# app\n" });
    const attempt = push(repo, "main");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toContain(`leakgate blocked this push: 1 finding in 1 file.

  src/api.ts:1:14  high  acme-token  acme********
      Acme API token (commit ${sha.slice(0, 12)})

What to do, in order:
  1. Take it out of the commits you are pushing (the remote does not have them yet):
       in the last commit: remove the value, then git commit --amend
       in an older one:    git rebase -i <the remote branch>, mark that commit edit, fix it, git rebase --continue
`);
    expect(attempt.stderr).toContain("error: failed to push some refs");
    expect(remoteSha(origin, "main")).toBe(before);
  });

  it("scans only what the remote does not have yet", () => {
    const { repo, origin } = cloneWithOrigin();
    repo.commit("Old secret, pushed before the hook", { "old.txt": acme() });
    expect(push(repo, "--no-verify", "main").status).toBe(0);
    const sha = repo.commit("Clean change", { "new.txt": "hello\n" });
    expect(push(repo, "main")).toMatchObject({ status: 0, stderr: "" });
    expect(remoteSha(origin, "main")).toBe(sha);
  });

  it("scans the commits of a new branch that no remote has, and not those it shares with main", () => {
    const { repo, origin } = cloneWithOrigin();
    repo.commit("Old secret, pushed before the hook", { "old.txt": acme() });
    expect(push(repo, "--no-verify", "main").status).toBe(0);
    repo.git("checkout", "-q", "-b", "feature");
    repo.commit("Feature", { "feature.txt": "clean\n" });
    expect(push(repo, "feature")).toMatchObject({ status: 0, stderr: "" });

    repo.git("checkout", "-q", "-b", "leaky");
    repo.commit("Leaky", { "config/.env": "TOKEN=1\n" });
    const attempt = push(repo, "leaky");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toContain("\n  config/.env  high  dotenv-file\n");
    expect(attempt.stderr).toContain(
      "       in the last commit: remove the value (a whole file: git rm --cached config/.env), then git commit --amend\n",
    );
    expect(remoteSha(origin, "leaky")).toBe("");
  });

  it("lets a branch deletion through", () => {
    const { repo, origin } = cloneWithOrigin();
    repo.git("checkout", "-q", "-b", "old");
    repo.commit("Leaky", { ".env": "TOKEN=1\n" });
    expect(push(repo, "--no-verify", "old").status).toBe(0);
    expect(push(repo, "--delete", "old")).toMatchObject({ status: 0, stderr: "" });
    expect(remoteSha(origin, "old")).toBe("");
  });

  it("scans every ref of one push, and reports a commit two refs share once", () => {
    const { repo } = cloneWithOrigin();
    repo.git("checkout", "-q", "-b", "one");
    repo.commit("Leaky", { "a.txt": acme() });
    repo.git("branch", "two");
    const attempt = push(repo, "one", "two");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toContain("leakgate blocked this push: 1 finding in 1 file.\n");
  });
});

describe("leakgate pre-push", () => {
  it("reads git's pre-push lines and scans what no remote has when the remote sha is unknown here", () => {
    const { repo } = cloneWithOrigin();
    const sha = repo.commit("Leaky", { "a.txt": `key=${acme()}\n` });
    const unknown = "1234567".padEnd(40, "0");
    const input = `refs/heads/main ${sha} refs/heads/main ${unknown}\n`;
    const scan = runCli(["pre-push", "origin", "url", "--format", "json"], { cwd: repo.dir, input });
    expect(scan.status).toBe(1);
    const report = JSON.parse(scan.stdout);
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: "acme-token",
        file: "a.txt",
        line: 1,
        column: 5,
        redacted: "acme********",
        commit: expect.objectContaining({ sha }),
      }),
    ]);
    expect(report.stats.commits).toBe(1);
  });

  it("exits 0 without a word for an empty push and for a deletion", () => {
    const { repo } = cloneWithOrigin();
    const zero = "0".repeat(40);
    const sha = repo.git("rev-parse", "HEAD").trim();
    expect(runCli(["pre-push", "origin", "url"], { cwd: repo.dir, input: "" })).toEqual({
      status: 0,
      stdout: "",
      stderr: "",
    });
    const deletion = `(delete) ${zero} refs/heads/old ${sha}\n`;
    expect(runCli(["pre-push", "origin", "url"], { cwd: repo.dir, input: deletion }).status).toBe(0);
  });
});
