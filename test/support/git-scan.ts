import { afterEach, expect } from "vitest";
import { randomToken } from "./fake-secrets.js";
import { GitRepo } from "./git-repo.js";
import { runCli } from "./run-cli.js";

/** A content rule and a file rule (`acme.keys`) of our own, so that git tests do not depend on the built-in rules. */
export const GIT_TEST_CONFIG = `rules:
  - id: acme-token
    description: Acme API token
    severity: high
    keywords: [acme_]
    pattern: '\\b(acme_[A-Za-z0-9]{30})\\b'
  - id: acme-key-file
    description: Acme key file
    severity: medium
    path: '(^|/)acme\\.keys$'
`;

export const acme = () => `acme_${randomToken(30)}`;

/** A repository whose first commit holds the test configuration. */
export function repoWithConfig(): GitRepo {
  const repo = GitRepo.init();
  repo.commit("Add the configuration", { ".leakgate.yml": GIT_TEST_CONFIG });
  return repo;
}

export interface JsonReport {
  status: number;
  stdout: string;
  stderr: string;
  findings: Record<string, unknown>[];
  stats: Record<string, unknown>;
}

/** Runs a leakgate verb with `--format json` and parses the report (empty when it failed). */
export function runJson(args: string[], cwd: string, env?: NodeJS.ProcessEnv): JsonReport {
  const run = runCli([...args, "--format", "json"], { cwd, ...(env ? { env } : {}) });
  const report = run.stdout.trim().startsWith("{") ? JSON.parse(run.stdout) : { findings: [], stats: {} };
  return { ...run, findings: report.findings, stats: report.stats };
}

/** The fields of a finding of `acme-token` that do not depend on the random secret. */
export function acmeFinding(file: string, line: number, column: number, extra: Record<string, unknown> = {}) {
  return {
    ruleId: "acme-token",
    description: "Acme API token",
    severity: "high",
    file,
    line,
    column,
    endLine: line,
    endColumn: column + 35,
    redacted: "acme********",
    fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
    entropy: expect.any(Number),
    ...extra,
  };
}

export function keyFileFinding(file: string, extra: Record<string, unknown> = {}) {
  return {
    ruleId: "acme-key-file",
    description: "Acme key file",
    severity: "medium",
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    redacted: file.slice(file.lastIndexOf("/") + 1),
    fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
    kind: "file",
    ...extra,
  };
}

/** A `track` for a test file: every repository it is handed is removed after each test. */
export function trackRepos(): (repo: GitRepo) => GitRepo {
  const repos: GitRepo[] = [];
  afterEach(() => {
    for (const repo of repos.splice(0)) repo.remove();
  });
  return (repo) => {
    repos.push(repo);
    return repo;
  };
}

/** The `commit` a git-source finding carries for `sha`, read from git itself. */
export function commitOf(repo: GitRepo, sha: string) {
  const [author = "", email = "", date = ""] = repo
    .git("show", "-s", "--format=%an%x00%ae%x00%aI", sha)
    .trim()
    .split("\0");
  return { sha, author, email, date };
}
