import { existsSync, readFileSync, writeFileSync } from "node:fs";
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
      "end of entries: keeps this file valid JSON when git merges it with merge=union",
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
    expect(run.stdout).toMatch(/added {3}[0-9a-f]{32} {2}acme-token {2}c\.txt\n/);
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
    const merged = JSON.parse(readFileSync(join(r.dir, ".leakgate-baseline.json"), "utf8"));
    expect(
      (merged.entries as unknown[])
        .flatMap((e) => (typeof e === "object" ? [(e as { path: string }).path] : []))
        .sort(),
    ).toEqual(["base.txt", "f.txt", "m.txt"]);
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
  it("keeps entries accepted from history on a --update of the files, and drops them only with --update --history", () => {
    const r = repo();
    r.commit("leak", { "old.txt": `k=${acme()}\n` });
    r.commit("remove", { "old.txt": "clean\n" });
    expect(runCli(["baseline", "--history"], { cwd: r.dir }).stdout).toContain(
      "1 entries (1 added, 0 dropped)",
    );
    const update = runCli(["baseline", "--update"], { cwd: r.dir });
    expect(update.stdout).toContain("1 entries (0 added, 0 dropped)");
    expect(update.stdout).toContain("kept 1 entries accepted from history, which this scan does not read");
    expect(JSON.parse(runCli(["history", "-f", "json"], { cwd: r.dir }).stdout).findings).toEqual([]);
    const file = join(r.dir, ".leakgate-baseline.json");
    const gone = randomToken(32, "0123456789abcdef");
    const text = readFileSync(file, "utf8").replace(
      '    "end of entries',
      `    {"fingerprint":"${gone}","ruleId":"acme-token","path":"x.txt","commit":"${"a".repeat(40)}"},\n    "end of entries`,
    );
    writeFileSync(file, text);
    const history = runCli(["baseline", "--update", "--history"], { cwd: r.dir });
    expect(history.stdout).toContain("1 entries (0 added, 1 dropped)");
    expect(history.stdout).toContain(`dropped ${gone}  acme-token  x.txt @ aaaaaaaaaaaa (no longer found)`);
  });

  it("rejects a --from report whose finding lacks a fingerprint, naming the index and field, with exit 2", () => {
    const r = repo({ "a.txt": acme() });
    const report = JSON.parse(runCli(["scan", ".", "-f", "json"], { cwd: r.dir }).stdout);
    report.findings.push({ ruleId: "acme-token", file: "b.txt" });
    writeFileSync(join(r.dir, "report.json"), JSON.stringify(report));
    const run = runCli(["baseline", "--from", "report.json"], { cwd: r.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "report.json: findings[1].fingerprint: expected a fingerprint of 32 hex digits; received nothing",
    );
    expect(existsSync(join(r.dir, ".leakgate-baseline.json"))).toBe(false);
  });

  it("records the first place a secret was found, and from a history report its earliest commit", () => {
    const secret = acme();
    const r = repo({ "a.txt": secret, "b.txt": secret });
    runCli(["baseline"], { cwd: r.dir });
    const [entry, end] = JSON.parse(readFileSync(join(r.dir, ".leakgate-baseline.json"), "utf8")).entries;
    const fingerprint = entry.fingerprint;
    expect(entry).toEqual({ fingerprint, ruleId: "acme-token", path: "a.txt" });
    expect(typeof end).toBe("string");
    const at = (file: string, sha: string, date: string) => ({
      fingerprint,
      ruleId: "acme-token",
      file,
      commit: { sha: sha.repeat(40), date, author: "Dev", email: "dev@example.com" },
      presentAtHead: true,
    });
    const report = {
      findings: [at("late.txt", "b", "2025-03-01T00:00:00Z"), at("early.txt", "c", "2025-01-01T00:00:00Z")],
    };
    writeFileSync(join(r.dir, "report.json"), JSON.stringify(report));
    runCli(["baseline", "--from", "report.json", "-o", "history.json"], { cwd: r.dir });
    const [history] = JSON.parse(readFileSync(join(r.dir, "history.json"), "utf8")).entries;
    expect(history).toEqual({
      fingerprint,
      ruleId: "acme-token",
      path: "early.txt",
      commit: "c".repeat(40),
    });
  });

  it("reads a baseline in the first format, an entries list", () => {
    const old = acme();
    const r = repo({ "old.txt": old });
    const { fingerprint } = JSON.parse(runCli(["scan", ".", "-f", "json"], { cwd: r.dir }).stdout)
      .findings[0];
    r.write(
      ".leakgate-baseline.json",
      `{\n  "leakgateBaseline": 1,\n  "entries": [\n    {"fingerprint":"${fingerprint}","ruleId":"acme-token","path":"old.txt"}\n  ]\n}\n`,
    );
    expect(findings(r)).toEqual([]);
  });
});
