import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitRepo } from "./support/git-repo.js";
import {
  acme,
  commitThroughHooks,
  HOOK_TEST_CONFIG,
  headSubject,
  PROJECT_ROOT,
  run,
} from "./support/hook-repo.js";

/**
 * The pre-commit framework installs a node hook as a user's machine would: it clones the hook
 * repository, runs `npm install` there (which runs `prepare`, the TypeScript build), `npm pack`s it and
 * installs the tarball globally into its own environment. Nothing of this test's build is used: only
 * what the published package holds. Slow (npm and the RE2 build): LEAKGATE_SKIP_SLOW=1 skips it.
 */
const SLOW = process.env.LEAKGATE_SKIP_SLOW === "1";
const INSTALL_TIMEOUT = 900_000;

/** What `npm pack` needs from a checkout: the package files and what `prepare` builds from. */
const PACKAGE_SOURCES = [
  // foreground-scripts=false: else npm pack prints the prepare output on the stdout that pre-commit
  // reads as the tarball's name (npm >= 10.5), and the install fails.
  ".npmrc",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  ".pre-commit-hooks.yaml",
  "bin",
  "rules",
  "scripts",
  "src",
];

let hookRepository: GitRepo;
let preCommitHome: string;
let env: NodeJS.ProcessEnv;
const repos: GitRepo[] = [];

/** A commit of this working tree's package files: the hook repository pre-commit clones. */
function snapshotThisRepository(): GitRepo {
  const missing = PACKAGE_SOURCES.filter((path) => !existsSync(join(PROJECT_ROOT, path)));
  if (missing.length > 0)
    throw new Error(`the hook repository needs ${missing.join(", ")} (see PACKAGE_SOURCES)`);
  const snapshot = GitRepo.init();
  for (const path of PACKAGE_SOURCES) {
    cpSync(join(PROJECT_ROOT, path), join(snapshot.dir, path), {
      recursive: true,
      filter: (source) => !source.endsWith(".test.ts"),
    });
  }
  snapshot.commit("leakgate, as published");
  return snapshot;
}

/** The nodedir of the machine's npm configuration, which pre-commit hides from npm (it unsets the user config). */
function npmNodedir(): Record<string, string> {
  const result = spawnSync("npm", ["config", "get", "nodedir"], { encoding: "utf8" });
  const value = result.stdout?.trim();
  return value && value !== "undefined" && value !== "null" ? { npm_config_nodedir: value } : {};
}

function projectUsingPreCommit(hooks: string[]): GitRepo {
  const repo = GitRepo.init();
  repos.push(repo);
  const sha = hookRepository.git("rev-parse", "HEAD").trim();
  repo.write(".leakgate.yml", HOOK_TEST_CONFIG);
  repo.write(
    ".pre-commit-config.yaml",
    `repos:\n  - repo: ${hookRepository.dir}\n    rev: ${sha}\n    hooks:\n${hooks.map((id) => `      - id: ${id}\n`).join("")}`,
  );
  expect(run(repo, "pre-commit", ["install"], env)).toMatchObject({ status: 0 });
  run(repo, "git", ["add", "-A"]);
  return repo;
}

describe.skipIf(SLOW)("leakgate in the pre-commit framework", () => {
  beforeAll(() => {
    hookRepository = snapshotThisRepository();
    preCommitHome = mkdtempSync(join(tmpdir(), "leakgate-pre-commit-home-"));
    env = { PRE_COMMIT_HOME: preCommitHome, ...npmNodedir() };
    const repo = projectUsingPreCommit(["leakgate", "leakgate-files"]);
    const install = run(repo, "pre-commit", ["install-hooks"], env);
    expect(install.status, `pre-commit install-hooks:\n${install.stdout}${install.stderr}`).toBe(0);
  }, INSTALL_TIMEOUT);

  afterAll(() => {
    for (const repo of repos.splice(0)) repo.remove();
    hookRepository?.remove();
    if (preCommitHome) rmSync(preCommitHome, { recursive: true, force: true });
  });

  it("blocks a staged .env file with the hook message, and lets .env.example through", () => {
    const repo = projectUsingPreCommit(["leakgate"]);
    expect(commitThroughHooks(repo, "Set up pre-commit", env).status).toBe(0);
    repo.write(".env.example", "API_KEY=\n");
    run(repo, "git", ["add", "-A"]);
    expect(commitThroughHooks(repo, "Document the settings", env).status).toBe(0);
    repo.write(".env", "API_KEY=abc\n");
    run(repo, "git", ["add", "-A"]);
    const attempt = commitThroughHooks(repo, "Add settings", env);
    expect(attempt.status).toBe(1);
    const output = attempt.stdout + attempt.stderr;
    expect(output).toMatch(/leakgate \(secrets in staged changes\)\.+Failed/);
    expect(output).toContain(
      "leakgate blocked this commit: 1 finding in 1 file.\n\n  .env  high  dotenv-file\n",
    );
    expect(headSubject(repo)).toBe("Document the settings");
  });

  it("scans the file names pre-commit passes with the leakgate-files hook", () => {
    const repo = projectUsingPreCommit(["leakgate-files"]);
    expect(commitThroughHooks(repo, "Set up pre-commit", env).status).toBe(0);
    const token = acme();
    repo.write("app/[slug]/page.tsx", `const key = "${token}";\n`).write("app/about.tsx", "export {};\n");
    run(repo, "git", ["add", "-A"]);
    const attempt = commitThroughHooks(repo, "Add the pages", env);
    expect(attempt.status).toBe(1);
    const output = attempt.stdout + attempt.stderr;
    expect(output).toContain("app/[slug]/page.tsx:1:14  high  acme-token  acme********");
    expect(output).not.toContain(token);
    expect(headSubject(repo)).toBe("Set up pre-commit");
  });
});
