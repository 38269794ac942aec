import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GitRepo } from "./support/git-repo.js";
import { commitThroughHooks, headSubject, hookRepo } from "./support/hook-repo.js";
import { runCli } from "./support/run-cli.js";

const repos: GitRepo[] = [];
function repo(): GitRepo {
  const r = GitRepo.init();
  repos.push(r);
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

describe("leakgate install", () => {
  it("writes an executable pre-commit hook in .git/hooks, and a second run changes nothing", () => {
    const r = repo();
    const first = runCli(["install"], { cwd: r.dir });
    expect(first).toMatchObject({
      status: 0,
      stdout: "Installed the leakgate pre-commit hook in .git/hooks/pre-commit.\n",
    });
    const hook = join(r.dir, ".git/hooks/pre-commit");
    const content = readFileSync(hook, "utf8");
    expect(content).toContain("leakgate_run staged --hook");
    expect(statSync(hook).mode & 0o111).not.toBe(0);
    const second = runCli(["install"], { cwd: r.dir });
    expect(second.stdout).toBe(
      "The leakgate pre-commit hook is already installed in .git/hooks/pre-commit.\n",
    );
    expect(readFileSync(hook, "utf8")).toBe(content);
  });

  it("keeps an existing hook, runs it first, and restores it on uninstall", () => {
    const r = repo();
    const hook = join(r.dir, ".git/hooks/pre-commit");
    writeFileSync(hook, "#!/bin/sh\necho theirs\n", { mode: 0o755 });
    expect(runCli(["install"], { cwd: r.dir }).stdout).toContain(
      "your existing hook was kept and runs first",
    );
    expect(readFileSync(`${hook}.leakgate-chained`, "utf8")).toBe("#!/bin/sh\necho theirs\n");
    expect(runCli(["uninstall"], { cwd: r.dir }).stdout).toContain("restored your previous hook");
    expect(readFileSync(hook, "utf8")).toBe("#!/bin/sh\necho theirs\n");
    expect(existsSync(`${hook}.leakgate-chained`)).toBe(false);
  });

  it("honours core.hooksPath relative to the repository root", () => {
    const r = repo();
    r.git("config", "core.hooksPath", "tools/hooks");
    runCli(["install", "--hook", "pre-push"], { cwd: r.dir });
    expect(readFileSync(join(r.dir, "tools/hooks/pre-push"), "utf8")).toContain("leakgate_run pre-push");
  });

  it("adds one line to husky's hook file instead of writing .git/hooks", () => {
    const r = repo();
    r.write(".husky/_/h", "").write(".husky/pre-commit", "npm test\n");
    r.git("config", "core.hooksPath", ".husky/_");
    runCli(["install"], { cwd: r.dir });
    runCli(["install"], { cwd: r.dir });
    expect(readFileSync(join(r.dir, ".husky/pre-commit"), "utf8")).toBe(
      "npm test\nleakgate staged --hook # leakgate\n",
    );
    expect(existsSync(join(r.dir, ".git/hooks/pre-commit"))).toBe(false);
    runCli(["uninstall"], { cwd: r.dir });
    expect(readFileSync(join(r.dir, ".husky/pre-commit"), "utf8")).toBe("npm test\n");
  });

  it("fails with exit 2 outside a git repository", () => {
    const run = runCli(["install"], { cwd: "/" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("is not a git repository");
  });

  it("resolves a core.hooksPath that starts with ~ to the home folder, as git does", () => {
    const r = repo();
    const home = mkdtempSync(join(tmpdir(), "leakgate-home-"));
    try {
      r.git("config", "core.hooksPath", "~/githooks");
      const run = runCli(["install"], { cwd: r.dir, env: { HOME: home } });
      expect(run.status).toBe(0);
      expect(readFileSync(join(home, "githooks/pre-commit"), "utf8")).toContain("leakgate_run staged --hook");
      expect(existsSync(join(r.dir, "~"))).toBe(false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("finds a relative core.hooksPath from the repository root when run in a subfolder", () => {
    const r = repo();
    r.git("config", "core.hooksPath", "tools/hooks");
    mkdirSync(join(r.dir, "src/deep"), { recursive: true });
    const run = runCli(["install"], { cwd: join(r.dir, "src/deep") });
    expect(run).toMatchObject({
      status: 0,
      stdout: "Installed the leakgate pre-commit hook in ../../tools/hooks/pre-commit.\n",
    });
    expect(existsSync(join(r.dir, "tools/hooks/pre-commit"))).toBe(true);
  });

  it("keeps both hooks when another tool replaced leakgate's after it had chained one, and runs both", () => {
    const r = hookRepo();
    repos.push(r);
    const hook = join(r.dir, ".git/hooks/pre-commit");
    writeFileSync(hook, "#!/bin/sh\necho first tool >&2\n", { mode: 0o755 });
    runCli(["install"], { cwd: r.dir });
    // Another tool's installer overwrites the hook file, leakgate's included.
    writeFileSync(hook, "#!/bin/sh\necho second tool >&2\n", { mode: 0o755 });
    expect(runCli(["install"], { cwd: r.dir }).stdout).toContain(
      "your existing hook was kept and runs first",
    );

    expect(readFileSync(`${hook}.leakgate-chained`, "utf8")).toBe("#!/bin/sh\necho first tool >&2\n");
    expect(readFileSync(`${hook}.leakgate-chained-2`, "utf8")).toBe("#!/bin/sh\necho second tool >&2\n");
    r.write("notes.txt", "hello\n");
    r.git("add", "notes.txt");
    expect(commitThroughHooks(r, "Add notes")).toEqual({
      status: 0,
      stdout: "",
      stderr: "first tool\nsecond tool\n",
    });
    expect(headSubject(r)).toBe("Add notes");

    // Uninstall keeps both running; installing again adds no third copy.
    expect(runCli(["uninstall"], { cwd: r.dir }).stdout).toContain("restored your previous hook");
    expect(readFileSync(hook, "utf8")).not.toContain("leakgate_run");
    r.write("notes.txt", "hello again\n");
    r.git("add", "notes.txt");
    expect(commitThroughHooks(r, "Edit notes").stderr).toBe("first tool\nsecond tool\n");
    runCli(["install"], { cwd: r.dir });
    expect(existsSync(`${hook}.leakgate-chained-3`)).toBe(false);
    expect(readFileSync(hook, "utf8")).toContain("leakgate_run staged --hook");
  });

  it.each([
    ["husky in devDependencies", { devDependencies: { husky: "^9.1.0" } }],
    ["a prepare script that runs husky", { scripts: { prepare: "husky" } }],
    ["no package.json, only a tracked .husky/pre-commit", undefined],
  ])("adds itself to .husky/pre-commit in a fresh clone before npm install (%s)", (_name, manifest) => {
    const r = repo();
    if (manifest) r.write("package.json", `${JSON.stringify({ name: "app", ...manifest })}\n`);
    r.commit("Set up husky", { ".husky/pre-commit": "npm test\n" });
    expect(runCli(["install"], { cwd: r.dir })).toMatchObject({
      status: 0,
      stdout: "Installed the leakgate pre-commit hook in .husky/pre-commit.\n",
    });
    expect(readFileSync(join(r.dir, ".husky/pre-commit"), "utf8")).toBe(
      "npm test\nleakgate staged --hook # leakgate\n",
    );
    expect(existsSync(join(r.dir, ".git/hooks/pre-commit"))).toBe(false);
  });

  it("does not take an untracked .husky folder for husky", () => {
    const r = repo();
    r.write(".husky/pre-commit", "npm test\n");
    runCli(["install"], { cwd: r.dir });
    expect(existsSync(join(r.dir, ".git/hooks/pre-commit"))).toBe(true);
  });
});
