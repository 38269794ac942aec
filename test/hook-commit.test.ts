import { afterEach, describe, expect, it } from "vitest";
import { fake } from "./support/fake-secrets.js";
import { GitRepo } from "./support/git-repo.js";
import {
  acme,
  commitThroughHooks,
  HOOK_TEST_CONFIG,
  headSubject,
  hookRepo,
  run,
} from "./support/hook-repo.js";
import { runCli } from "./support/run-cli.js";

const repos: GitRepo[] = [];
/** A repository with the test rules committed and `leakgate install` run in it. */
function installed(options: { commitConfig?: boolean } = {}): GitRepo {
  const repo = hookRepo(options);
  repos.push(repo);
  expect(runCli(["install"], { cwd: repo.dir }).status).toBe(0);
  return repo;
}
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

const FALSE_POSITIVE_FOR_CODE = `A false positive?
  In code: add the comment \`leakgate:allow\` on the line that holds the value.
  Or accept it in the baseline, which records a fingerprint, never the secret:
    leakgate baseline --update --reason "why this is not a secret"
    git add .leakgate-baseline.json .gitattributes
`;

describe("the pre-commit hook from leakgate install", () => {
  it("blocks a staged token with the file, line, rule, masked secret and what to do", () => {
    const repo = installed();
    const token = acme();
    repo.write("src/client.ts", `export const client = {\n  key: "${token}",\n};\n`);
    run(repo, "git", ["add", "src/client.ts"]);
    const attempt = commitThroughHooks(repo, "Add the client");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toBe(`leakgate blocked this commit: 1 finding in 1 file.

  src/client.ts:2:9  high  acme-token  acme********
      Acme API token

What to do, in order:
  1. Unstage it:  git restore --staged src/client.ts
  2. Move the value to a secret store or an environment variable, and read it from there in the code.
  3. If a whole file holds secrets, add it to .gitignore.
  4. If it was ever pushed or shared, rotate it now: removing it from git does not revoke it.
       acme-token: Revoke it at https://acme.example/settings/tokens.

${FALSE_POSITIVE_FOR_CODE}`);
    expect(attempt.stdout + attempt.stderr).not.toContain(token);
    expect(headSubject(repo)).toBe("Add the leakgate configuration");
  });

  it("lets a clean commit through without a word", () => {
    const repo = installed();
    repo.write("src/app.ts", "export const port = 3000;\n");
    run(repo, "git", ["add", "."]);
    expect(commitThroughHooks(repo, "Add the app")).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(headSubject(repo)).toBe("Add the app");
  });

  it("blocks a staged .env file and offers the exact .gitignore line", () => {
    const repo = installed();
    repo.write("config/.env", "PORT=3000\n");
    run(repo, "git", ["add", "."]);
    const attempt = commitThroughHooks(repo, "Add settings");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toBe(`leakgate blocked this commit: 1 finding in 1 file.

  config/.env  high  dotenv-file
      Environment file (.env) with local settings and secrets

What to do, in order:
  1. Unstage it:  git restore --staged config/.env
  2. Move the value to a secret store or an environment variable, and read it from there in the code.
  3. Keep the file out of git for good: add these lines to .gitignore
         /config/.env
  4. If it was ever pushed or shared, rotate it now: removing it from git does not revoke it.

A false positive?
  A file meant to be committed: allow its path in .leakgate.yml (allow: { paths: [...] }).
  Or accept it in the baseline, which records a fingerprint, never the secret:
    leakgate baseline --update --reason "why this is not a secret"
    git add .leakgate-baseline.json .gitattributes
`);
  });

  it("blocks the .env variants but lets the templates through", () => {
    const repo = installed();
    for (const name of [".env.example", ".env.sample", ".env.template", ".env.dist"])
      repo.write(name, "API_KEY=\n");
    run(repo, "git", ["add", "."]);
    expect(commitThroughHooks(repo, "Document the settings").status).toBe(0);
    repo.write(".env.local", "API_KEY=\n").write("deploy/.env.production", "API_KEY=\n");
    run(repo, "git", ["add", "."]);
    const attempt = commitThroughHooks(repo, "Add local settings");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toContain("\n  .env.local  high  dotenv-file\n");
    expect(attempt.stderr).toContain("\n  deploy/.env.production  high  dotenv-file\n");
    expect(attempt.stderr).toContain(
      "  1. Unstage it:  git restore --staged .env.local deploy/.env.production\n",
    );
  });

  it("blocks a private key file, even a binary keystore", () => {
    const repo = installed();
    repo.write("certs/server.p12", Buffer.from([0x30, 0x82, 0x00, 0x00, 0x02, 0x01, 0x03]));
    run(repo, "git", ["add", "."]);
    const attempt = commitThroughHooks(repo, "Add the certificate");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toContain("\n  certs/server.p12  critical  private-key-file\n");
    expect(attempt.stderr).toContain("         /certs/server.p12\n");
  });

  it("blocks a secret that is staged even when the working tree no longer has it", () => {
    const repo = installed();
    repo.write("app.py", `KEY = "${acme()}"\n`);
    run(repo, "git", ["add", "app.py"]);
    repo.write("app.py", 'KEY = os.environ["KEY"]\n');
    const attempt = commitThroughHooks(repo, "Add the app");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toContain("  app.py:1:8  high  acme-token  acme********\n");
  });

  it("does not block a secret that is only in the working tree", () => {
    const repo = installed();
    repo.write("app.py", 'KEY = os.environ["KEY"]\n');
    run(repo, "git", ["add", "app.py"]);
    repo.write("app.py", `KEY = "${acme()}"\n`).write("scratch.txt", acme());
    expect(commitThroughHooks(repo, "Add the app")).toMatchObject({ status: 0, stderr: "" });
  });

  it("scans the first commit of a new repository and says how to unstage without HEAD", () => {
    const repo = installed({ commitConfig: false });
    repo.write("main.go", `const key = "${acme()}"\n`);
    run(repo, "git", ["add", "."]);
    const attempt = commitThroughHooks(repo, "First commit");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toContain("  1. Unstage it:  git rm --cached main.go\n");
    run(repo, "git", ["rm", "-q", "--cached", "main.go"]);
    expect(commitThroughHooks(repo, "First commit").status).toBe(0);
    expect(headSubject(repo)).toBe("First commit");
  });

  it("blocks a merge commit that brings a secret in through a conflict resolution", () => {
    const repo = installed();
    repo.commit("Base", { "settings.txt": "mode=a\n" });
    repo.git("checkout", "-q", "-b", "feature");
    repo.commit("Feature", { "settings.txt": "mode=b\n" });
    repo.git("checkout", "-q", "main");
    repo.commit("Main", { "settings.txt": "mode=c\n" });
    const merge = run(repo, "git", ["merge", "-q", "feature"]);
    expect(merge.status).toBe(1);
    repo.write("settings.txt", `mode=b\ntoken=${acme()}\n`);
    run(repo, "git", ["add", "settings.txt"]);
    const attempt = commitThroughHooks(repo, "Merge feature");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toContain("  settings.txt:2:7  high  acme-token  acme********\n");
    repo.write("settings.txt", "mode=b\n");
    run(repo, "git", ["add", "settings.txt"]);
    expect(commitThroughHooks(repo, "Merge feature").status).toBe(0);
    expect(run(repo, "git", ["log", "-1", "--format=%P"]).stdout.trim().split(" ")).toHaveLength(2);
  });

  it("names a file with spaces and non-ASCII letters as git shows it, quoted for the shell", () => {
    const repo = installed();
    repo.write("docs/réglages du café.md", `key: ${acme()}\n`);
    run(repo, "git", ["add", "."]);
    const attempt = commitThroughHooks(repo, "Add the notes");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toContain("  docs/réglages du café.md:1:6  high  acme-token  acme********\n");
    expect(attempt.stderr).toContain("  1. Unstage it:  git restore --staged 'docs/réglages du café.md'\n");
  });

  it("lets a line marked leakgate:allow through", () => {
    const repo = installed();
    repo.write("test/fixture.ts", `export const sample = "${acme()}"; // leakgate:allow\n`);
    run(repo, "git", ["add", "."]);
    expect(commitThroughHooks(repo, "Add a fixture")).toMatchObject({ status: 0, stderr: "" });
  });

  it("lets a finding accepted in the baseline through, and still blocks a new one", () => {
    const repo = installed();
    repo.write("test/fixture.ts", `export const sample = "${acme()}";\n`);
    run(repo, "git", ["add", "."]);
    expect(commitThroughHooks(repo, "Add a fixture").status).toBe(1);
    const baseline = runCli(["baseline", "--update", "--reason", "test fixture"], { cwd: repo.dir });
    expect(baseline.status).toBe(0);
    run(repo, "git", ["add", ".leakgate-baseline.json", ".gitattributes"]);
    expect(commitThroughHooks(repo, "Add a fixture")).toMatchObject({ status: 0, stderr: "" });
    repo.write("test/other.ts", `export const other = "${acme()}";\n`);
    run(repo, "git", ["add", "."]);
    const attempt = commitThroughHooks(repo, "Add another fixture");
    expect(attempt.status).toBe(1);
    expect(attempt.stderr).toMatch(
      /^leakgate blocked this commit: 1 finding in 1 file\.\n\n {2}test\/other\.ts:1:/,
    );
  });

  it("lets findings below the configured severity through, saying so in one line", () => {
    const repo = installed();
    repo.write(".leakgate.yml", `fail_on: critical\n${HOOK_TEST_CONFIG}`);
    repo.write("src/client.ts", `const key = "${acme()}";\n`);
    run(repo, "git", ["add", "."]);
    expect(commitThroughHooks(repo, "Add the client")).toEqual({
      status: 0,
      stdout: "",
      stderr: "leakgate: 1 finding below the fail-on severity (critical); not blocking.\n",
    });
  });

  it("runs a hook it chained before scanning, and a failing one stops the commit", () => {
    const repo = hookRepo();
    repos.push(repo);
    repo.write(".git/hooks/pre-commit", "#!/bin/sh\necho 'their hook ran' >&2\nexit 3\n");
    run(repo, "chmod", ["+x", ".git/hooks/pre-commit"]);
    expect(runCli(["install"], { cwd: repo.dir }).status).toBe(0);
    repo.write("a.txt", "a\n");
    run(repo, "git", ["add", "."]);
    expect(commitThroughHooks(repo, "A")).toMatchObject({ status: 1, stderr: "their hook ran\n" });
  });

  it("stops blocking after leakgate uninstall", () => {
    const repo = installed();
    expect(runCli(["uninstall"], { cwd: repo.dir }).status).toBe(0);
    repo.write(".env", "PORT=3000\n");
    run(repo, "git", ["add", "."]);
    expect(commitThroughHooks(repo, "Add settings").status).toBe(0);
  });
});

describe("the pre-commit hook with the built-in rules", () => {
  it("blocks a .env file, an SSH key, a keystore and a GitHub token, and lets .env.example through", () => {
    const repo = GitRepo.init();
    repos.push(repo);
    repo.commit("Start", { "README.md": "# app\n" });
    expect(runCli(["install"], { cwd: repo.dir }).status).toBe(0);
    repo.write(".env.example", "GITHUB_TOKEN=\n");
    run(repo, "git", ["add", "."]);
    expect(commitThroughHooks(repo, "Document the settings")).toMatchObject({ status: 0, stderr: "" });

    const token = fake.githubPat();
    repo
      .write("config/.env", "PORT=3000\n")
      .write("deploy/id_ed25519", "not really a key\n")
      .write("certs/client.p12", Buffer.from([0x30, 0x82, 0x00, 0x00]))
      .write("src/github.ts", `export const token = "${token}";\n`);
    run(repo, "git", ["add", "."]);
    const attempt = commitThroughHooks(repo, "Add everything");
    expect(attempt.status).toBe(1);
    const listed = attempt.stderr
      .split("\n")
      .filter((line) => /^ {2}\S/.test(line) && !/^ {2}(In|A|Or|\d)/.test(line))
      .map((line) => line.trim().split(/ {2}/).slice(0, 3).join(" | "));
    expect(listed).toEqual([
      "certs/client.p12 | high | keystore-file",
      "config/.env | high | dotenv-file",
      "deploy/id_ed25519 | critical | ssh-private-key-file",
      expect.stringMatching(/^src\/github\.ts:1:23 \| critical \| github-/),
    ]);
    expect(attempt.stderr).toMatch(/^leakgate blocked this commit: 4 findings in 4 files\.\n/);
    expect(attempt.stderr).not.toContain(token);
  });
});
