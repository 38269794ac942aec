import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { randomToken } from "./fake-secrets.js";
import { GitRepo } from "./git-repo.js";

/**
 * The rules the hook tests run with: the catalogue's file rules and one token rule, spelled out here so
 * that the tests pin the hook's behaviour, not the catalogue's contents.
 */
export const HOOK_TEST_CONFIG = `builtin_rules: false
rules:
  - id: acme-token
    description: Acme API token
    severity: high
    keywords: [acme_]
    pattern: '\\b(acme_[A-Za-z0-9]{30})\\b'
    remediation: Revoke it at https://acme.example/settings/tokens.
  - id: dotenv-file
    description: Environment file (.env) with local settings and secrets
    severity: high
    keywords: []
    path: '(^|/)\\.env(\\.[A-Za-z0-9_-]+)*$'
    allow:
      paths: [.env.example, .env.sample, .env.template, .env.dist]
  - id: private-key-file
    description: Private key or keystore file
    severity: critical
    keywords: []
    path: '(?i)(^|/)(id_rsa|id_dsa|id_ecdsa|id_ed25519|[^/]+\\.(p12|pfx|jks|keystore|key))$'
`;

export const acme = (): string => `acme_${randomToken(30)}`;

export interface CommandRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** The root of this repository, where node_modules/husky and node_modules/lint-staged are. */
export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");

/** A repository with the hook test rules committed, ready for a hook to be installed. */
export function hookRepo(options: { commitConfig?: boolean } = {}): GitRepo {
  const repo = GitRepo.init();
  repo.write(".leakgate.yml", HOOK_TEST_CONFIG);
  if (options.commitConfig !== false) repo.commit("Add the leakgate configuration");
  return repo;
}

/** Runs a command in the repository as a developer would, with colours off. */
export function run(repo: GitRepo, command: string, args: string[], env: NodeJS.ProcessEnv = {}): CommandRun {
  const result = spawnSync(command, args, {
    cwd: repo.dir,
    env: { ...process.env, NO_COLOR: "1", ...env },
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `git commit`, through whatever hooks the repository has installed. */
export function commitThroughHooks(repo: GitRepo, message: string, env: NodeJS.ProcessEnv = {}): CommandRun {
  return run(repo, "git", ["commit", "-q", "-m", message], env);
}

/** Whether the last commit attempt made a commit: the subject of HEAD. */
export function headSubject(repo: GitRepo): string {
  return run(repo, "git", ["log", "-1", "--format=%s"]).stdout.trim();
}

/**
 * What `npm install leakgate` creates: node_modules/.bin/leakgate running the package's bin. Here the
 * package is the CLI compiled for this test run.
 */
export function linkLeakgateBin(repo: GitRepo): void {
  const bin = process.env.LEAKGATE_TEST_BIN;
  if (!bin) throw new Error("LEAKGATE_TEST_BIN is not set: run the tests through vitest");
  const shim = join(repo.dir, "node_modules/.bin/leakgate");
  mkdirSync(dirname(shim), { recursive: true });
  writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${bin}' "$@"\n`);
  chmodSync(shim, 0o755);
}

/** Links a package installed in this repository into the test repository, as npm would install it. */
export function linkPackage(repo: GitRepo, name: string, bins: Record<string, string> = {}): void {
  const target = join(repo.dir, "node_modules", name);
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, "node_modules", name), target, "dir");
  for (const [binName, file] of Object.entries(bins)) {
    const shim = join(repo.dir, "node_modules/.bin", binName);
    mkdirSync(dirname(shim), { recursive: true });
    writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${join(target, file)}' "$@"\n`);
    chmodSync(shim, 0o755);
  }
}
