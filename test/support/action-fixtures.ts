import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomToken } from "./fake-secrets.js";
import { GitRepo } from "./git-repo.js";

/** A project rule, so that the Action's tests do not depend on which built-in rules exist. */
export const WIDGET_RULES = `rules:
  - id: widget-api-key
    description: Widget API key
    severity: high
    keywords: [wgt_]
    pattern: '\\b(wgt_[A-Za-z0-9]{32})\\b'
    references: [https://widgets.example/docs/keys]
    remediation: Revoke it at https://widgets.example/keys and create a new key.
`;

export const widgetKey = () => `wgt_${randomToken(32)}`;

/** The upstream repository ("origin") with a main branch holding the project configuration. */
export function makeUpstream(): GitRepo {
  const repo = GitRepo.init();
  repo.commit("Start the project", { ".leakgate.yml": WIDGET_RULES, "README.md": "# widgets\n" });
  return repo;
}

/** A runner's checkout: a shallow clone of one branch, like actions/checkout with fetch-depth 1. */
export function shallowCheckout(upstream: GitRepo, branch: string, depth = 1): GitRepo {
  const dir = join(mkdtempSync(join(tmpdir(), "leakgate-ws-")), "widgets");
  execFileSync(
    "git",
    ["clone", "-q", `--depth=${depth}`, "--branch", branch, `file://${upstream.dir}`, dir],
    { stdio: "ignore" },
  );
  return new GitRepo(dir);
}

/** A full clone (fetch-depth 0). */
export function fullCheckout(upstream: GitRepo, branch = "main"): GitRepo {
  const dir = join(mkdtempSync(join(tmpdir(), "leakgate-ws-")), "widgets");
  execFileSync("git", ["clone", "-q", "--no-local", "--branch", branch, upstream.dir, dir], {
    stdio: "ignore",
  });
  return new GitRepo(dir);
}

export function pullRequestPayload(options: {
  number: number;
  base: string;
  head: string;
  commits: number;
  fork?: boolean;
}) {
  return {
    action: "synchronize",
    number: options.number,
    pull_request: {
      number: options.number,
      commits: options.commits,
      base: { ref: "main", sha: options.base, repo: { full_name: "octo-org/widgets" } },
      head: {
        ref: "feature",
        sha: options.head,
        repo: {
          full_name: options.fork ? "someone/widgets" : "octo-org/widgets",
          fork: Boolean(options.fork),
        },
      },
    },
    repository: { full_name: "octo-org/widgets", default_branch: "main" },
  };
}

export function pushPayload(options: { ref: string; before: string; after: string; forced?: boolean }) {
  return {
    ref: options.ref,
    before: options.before,
    after: options.after,
    created: /^0+$/.test(options.before),
    deleted: false,
    forced: Boolean(options.forced),
    repository: { full_name: "octo-org/widgets", default_branch: "main" },
  };
}
