import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GitRepo } from "./support/git-repo.js";
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
});
