import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { randomToken } from "./support/fake-secrets.js";
import { GitRepo } from "./support/git-repo.js";
import { runCli } from "./support/run-cli.js";

const CONFIG = `rules:
  - id: acme-token
    description: Acme API token
    severity: high
    keywords: [acme_]
    pattern: '\\b(acme_[A-Za-z0-9]{30})\\b'
`;
const acme = () => `acme_${randomToken(30)}`;

const repos: GitRepo[] = [];
function repo(files: Record<string, string> = {}): GitRepo {
  const r = GitRepo.init();
  repos.push(r);
  r.commit("init", { ".leakgate.yml": CONFIG, ...files });
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

const findings = (r: GitRepo, args: string[] = []) =>
  JSON.parse(runCli(["scan", ".", "-f", "json", ...args], { cwd: r.dir }).stdout).findings as {
    file: string;
  }[];

describe("leakgate baseline", () => {
  it("accepts today's findings without a secret, a line number or a timestamp, and later scans report only new ones", () => {
    const old = acme();
    const r = repo({ "old.txt": `k=${old}\n` });
    const run = runCli(["baseline", "--reason", "rotated in 2024"], { cwd: r.dir });
    expect(run.stdout).toContain("Wrote .leakgate-baseline.json: 1 entries (1 added, 0 dropped).");
    const text = readFileSync(join(r.dir, ".leakgate-baseline.json"), "utf8");
    expect(text).not.toContain(old);
    const parsed = JSON.parse(text);
    expect(parsed.entries).toEqual([
      {
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        ruleId: "acme-token",
        path: "old.txt",
        reason: "rotated in 2024",
      },
    ]);
    expect(runCli(["scan", "."], { cwd: r.dir }).status).toBe(0);
    r.write("new.txt", acme());
    expect(findings(r).map((f) => f.file)).toEqual(["new.txt"]);
  });

  it("still accepts a baselined secret that reappears somewhere new", () => {
    const old = acme();
    const r = repo({ "old.txt": old });
    runCli(["baseline"], { cwd: r.dir });
    r.write("moved/elsewhere.yml", `token: ${old}\n`);
    expect(findings(r)).toEqual([]);
  });

  it("updates: keeps entries still found, adds new ones, and drops and names the ones gone", () => {
    const r = repo({ "a.txt": acme(), "b.txt": acme() });
    runCli(["baseline"], { cwd: r.dir });
    r.write("a.txt", "gone\n").write("c.txt", acme());
    const run = runCli(["baseline", "--update"], { cwd: r.dir });
    expect(run.stdout).toContain("2 entries (1 added, 1 dropped)");
    expect(run.stdout).toMatch(/dropped [0-9a-f]{32} {2}acme-token {2}a\.txt \(no longer found\)/);
  });

  it("accepts a reviewed JSON report with --from", () => {
    const r = repo({ "a.txt": acme() });
    writeFileSync(join(r.dir, "report.json"), runCli(["scan", ".", "-f", "json"], { cwd: r.dir }).stdout);
    runCli(["baseline", "--from", "report.json", "--reason", "reviewed"], { cwd: r.dir });
    expect(findings(r)).toEqual([]);
    expect(readFileSync(join(r.dir, ".leakgate-baseline.json"), "utf8")).toContain('"reason":"reviewed"');
  });

  it("merges entries added on two branches with plain git merge, without a conflict", () => {
    const r = repo({ "base.txt": acme() });
    runCli(["baseline"], { cwd: r.dir });
    r.commit("baseline");
    r.git("checkout", "-q", "-b", "feature");
    r.write("f.txt", acme());
    runCli(["baseline", "--update"], { cwd: r.dir });
    r.commit("feature accepts f");
    r.git("checkout", "-q", "main");
    r.write("m.txt", acme());
    runCli(["baseline", "--update"], { cwd: r.dir });
    r.commit("main accepts m");
    r.git("merge", "-q", "--no-edit", "feature");
    expect(r.git("status", "--porcelain")).toBe("");
    expect(findings(r)).toEqual([]);
    expect(runCli(["baseline", "--update"], { cwd: r.dir }).stdout).toContain(
      "3 entries (0 added, 0 dropped)",
    );
  });

  it("honours .leakgateignore fingerprints and path:rule lines", () => {
    const r = repo({ "a.txt": acme(), "docs/b.md": acme(), "c.txt": acme() });
    const [first] = JSON.parse(runCli(["scan", ".", "-f", "json"], { cwd: r.dir }).stdout).findings;
    r.write(".leakgateignore", `# accepted\n${first.fingerprint}\ndocs/**:acme-token  # docs hold samples\n`);
    expect(findings(r).map((f) => f.file)).toEqual(["c.txt"]);
  });
});
