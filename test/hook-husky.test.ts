import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { GitRepo } from "./support/git-repo.js";
import {
  acme,
  commitThroughHooks,
  headSubject,
  hookRepo,
  linkLeakgateBin,
  linkPackage,
  run,
} from "./support/hook-repo.js";
import { runCli } from "./support/run-cli.js";

const repos: GitRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

/**
 * A Node project as `npm install --save-dev husky leakgate && npx husky init` leaves it: husky and
 * leakgate in node_modules, core.hooksPath at .husky/_, and .husky/pre-commit holding `pre`.
 */
function huskyProject(pre: string, packageJson: Record<string, unknown> = {}): GitRepo {
  const repo = hookRepo({ commitConfig: false });
  repos.push(repo);
  repo.write("package.json", `${JSON.stringify({ name: "app", private: true, ...packageJson }, null, 2)}\n`);
  repo.write(".gitignore", "node_modules/\n");
  linkPackage(repo, "husky", { husky: "bin.js" });
  linkLeakgateBin(repo);
  const init = run(repo, "node_modules/.bin/husky", ["init"], { HUSKY: "" });
  expect(init).toMatchObject({ status: 0, stderr: "" });
  repo.write(".husky/pre-commit", pre);
  run(repo, "git", ["add", "-A"]);
  expect(run(repo, "git", ["commit", "-q", "--no-verify", "-m", "Set up husky"]).status).toBe(0);
  return repo;
}

describe("leakgate with husky 9", () => {
  it("adds itself to .husky/pre-commit, after what was there, and blocks through husky", () => {
    const repo = huskyProject("echo 'husky ran the project checks'\n");
    expect(run(repo, "git", ["config", "core.hooksPath"]).stdout).toBe(".husky/_\n");
    expect(runCli(["install"], { cwd: repo.dir })).toMatchObject({
      status: 0,
      stdout: "Installed the leakgate pre-commit hook in .husky/pre-commit.\n",
    });
    expect(readFileSync(join(repo.dir, ".husky/pre-commit"), "utf8")).toBe(
      "echo 'husky ran the project checks'\nleakgate staged --hook # leakgate\n",
    );
    run(repo, "git", ["add", ".husky/pre-commit"]);
    expect(commitThroughHooks(repo, "Run leakgate before each commit")).toMatchObject({ status: 0 });

    repo.write("src/.env", "DATABASE_URL=postgres://localhost/app\n");
    run(repo, "git", ["add", "src/.env"]);
    const attempt = commitThroughHooks(repo, "Add settings");
    expect(attempt.status).toBe(1);
    // Git sends a hook's standard output to its standard error: everything is on stderr, in order.
    expect(attempt.stderr).toMatch(
      /^husky ran the project checks\nleakgate blocked this commit: 1 finding in 1 file\.\n\n {2}src\/\.env {2}high {2}dotenv-file\n/,
    );
    expect(attempt.stderr).toMatch(/\nhusky - pre-commit script failed \(code 1\)\n$/);
    expect(headSubject(repo)).toBe("Run leakgate before each commit");

    run(repo, "git", ["restore", "--staged", "src/.env"]);
    repo.write("src/app.js", "export const port = 3000;\n");
    run(repo, "git", ["add", "src/app.js"]);
    expect(commitThroughHooks(repo, "Add the app")).toEqual({
      status: 0,
      stdout: "",
      stderr: "husky ran the project checks\n",
    });
  });

  it("is skipped, as every husky hook is, with HUSKY=0", () => {
    const repo = huskyProject("leakgate staged --hook # leakgate\n");
    repo.write(".env", "PORT=3000\n");
    run(repo, "git", ["add", ".env"]);
    expect(commitThroughHooks(repo, "Add settings").status).toBe(1);
    expect(commitThroughHooks(repo, "Add settings", { HUSKY: "0" }).status).toBe(0);
  });
});

describe("leakgate with lint-staged", () => {
  /** lint-staged passes the staged names (absolute) to `leakgate scan`, after hiding unstaged changes. */
  function lintStagedProject(): GitRepo {
    const repo = huskyProject("lint-staged\n", { "lint-staged": { "*": "leakgate scan" } });
    linkPackage(repo, "lint-staged", { "lint-staged": "bin/lint-staged.js" });
    return repo;
  }

  it("scans staged files whose names hold brackets and parentheses, and blocks a secret", () => {
    const repo = lintStagedProject();
    const names = ["app/[slug]/page.tsx", "src/routes/(app)/+page.svelte", "app/(shop)/[...rest]/page.tsx"];
    for (const name of names) repo.write(name, "export const title = 'Shop';\n");
    run(repo, "git", ["add", "."]);
    expect(commitThroughHooks(repo, "Add the pages")).toMatchObject({ status: 0 });

    const token = acme();
    repo.write("app/[slug]/page.tsx", `const key = "${token}";\n`);
    repo.write("src/routes/(app)/+page.svelte", `<script>const key = "${acme()}";</script>\n`);
    run(repo, "git", ["add", "."]);
    const attempt = commitThroughHooks(repo, "Call the API");
    expect(attempt.status).toBe(1);
    const output = attempt.stdout + attempt.stderr;
    expect(output).toContain("app/[slug]/page.tsx:1:14  high  acme-token  acme********");
    expect(output).toContain("src/routes/(app)/+page.svelte:1:22  high  acme-token  acme********");
    expect(output).toContain("2 findings (2 high) in 2 files scanned");
    expect(output).not.toContain(token);
    expect(headSubject(repo)).toBe("Add the pages");
  });

  it("blocks a staged .env file and lets .env.example through", () => {
    const repo = lintStagedProject();
    repo.write(".env.example", "API_KEY=\n");
    run(repo, "git", ["add", "."]);
    expect(commitThroughHooks(repo, "Document the settings")).toMatchObject({ status: 0 });
    repo.write(".env", "API_KEY=abc\n");
    run(repo, "git", ["add", "."]);
    const attempt = commitThroughHooks(repo, "Add settings");
    expect(attempt.status).toBe(1);
    expect(attempt.stdout + attempt.stderr).toContain(".env:1:1  high  dotenv-file");
  });
});
