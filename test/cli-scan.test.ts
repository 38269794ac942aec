import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { randomToken } from "./support/fake-secrets.js";
import { runCli } from "./support/run-cli.js";
import { sarifSchemaErrors } from "./support/sarif-schema.js";

const CONFIG = `rules:
  - id: acme-token
    description: Acme API token
    severity: high
    keywords: [acme_]
    pattern: '\\b(acme_[A-Za-z0-9]{30})\\b'
`;

const folders: string[] = [];
function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "leakgate-scan-"));
  folders.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const acme = () => `acme_${randomToken(30)}`;

describe("leakgate scan", () => {
  it("prints the JSON contract with paths relative to the scanned folder and exits 1", () => {
    const token = acme();
    const dir = folder({ ".leakgate.yml": CONFIG, "src/deep/app.js": `\tconst k = "${token}";\n` });
    const run = runCli(["scan", dir, "--format", "json"], { cwd: tmpdir() });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(["version", "findings", "stats"]);
    expect(report.findings).toEqual([
      {
        ruleId: "acme-token",
        description: "Acme API token",
        severity: "high",
        file: "src/deep/app.js",
        line: 1,
        column: 13,
        endLine: 1,
        endColumn: 48,
        redacted: "acme********",
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        entropy: expect.any(Number),
      },
    ]);
    expect(run.stdout + run.stderr).not.toContain(token);
  });

  it("exits 0 and says so when nothing is found", () => {
    const dir = folder({ ".leakgate.yml": CONFIG, "a.txt": "nothing here\n" });
    const run = runCli(["scan", "."], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("No secrets found in 2 files scanned");
  });

  it("prints the full secret only with --unmask", () => {
    const token = acme();
    const dir = folder({ ".leakgate.yml": CONFIG, "a.txt": token });
    expect(runCli(["scan", "."], { cwd: dir }).stdout).not.toContain(token);
    expect(runCli(["scan", ".", "--unmask"], { cwd: dir }).stdout).toContain(token);
  });

  it("honours .gitignore files at every level", () => {
    const dir = folder({
      ".leakgate.yml": CONFIG,
      ".gitignore": "ignored/\n",
      "ignored/a.txt": acme(),
      "sub/.gitignore": "*.log\n",
      "sub/b.log": acme(),
      "sub/c.txt": acme(),
    });
    const report = JSON.parse(runCli(["scan", ".", "-f", "json"], { cwd: dir }).stdout);
    expect(report.findings.map((f: { file: string }) => f.file)).toEqual(["sub/c.txt"]);
  });

  it("reads standard input with -", () => {
    const dir = folder({ ".leakgate.yml": CONFIG });
    const run = runCli(["scan", "-", "-f", "json"], { cwd: dir, input: `x\ny ${acme()}\n` });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).findings[0]).toMatchObject({ file: "<stdin>", line: 2, column: 3 });
  });

  it("only fails for findings at or above --fail-on", () => {
    const dir = folder({ ".leakgate.yml": CONFIG, "a.txt": acme() });
    expect(runCli(["scan", ".", "--fail-on", "critical"], { cwd: dir }).status).toBe(0);
    expect(runCli(["scan", ".", "--fail-on", "high"], { cwd: dir }).status).toBe(1);
  });

  it("skips and counts binary, oversized, unreadable files and symlink loops without dying", () => {
    const dir = folder({
      ".leakgate.yml": CONFIG,
      "bin.dat": Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(acme())]),
      "big.txt": `${"a".repeat(2048)}\n${acme()}`,
      "latin1.txt": Buffer.concat([Buffer.from([0xe9, 0x0a]), Buffer.from(acme())]),
      "long.txt": `${"x".repeat(2 * 1024 * 1024)} ${acme()}`,
      "locked.txt": acme(),
      "empty.txt": "",
    });
    symlinkSync(dir, join(dir, "loop"));
    chmodSync(join(dir, "locked.txt"), 0o000);
    const run = runCli(["scan", ".", "-f", "json", "--max-file-size", "2KB"], { cwd: dir });
    const report = JSON.parse(run.stdout);
    expect(report.stats.skipped).toMatchObject({ binary: 1, "too-large": 2, symlink: 1 });
    expect(report.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(
      process.getuid?.() === 0 ? ["latin1.txt:2", "locked.txt:1"] : ["latin1.txt:2"],
    );
    expect(report.stats.nonUtf8).toBe(1);
  });

  it("writes SARIF that validates against the official 2.1.0 schema", () => {
    const dir = folder({ ".leakgate.yml": CONFIG, "a b/ü.txt": `\n  ${acme()}` });
    const run = runCli(["scan", ".", "-f", "sarif", "-o", "out.sarif"], { cwd: dir });
    expect(run.status).toBe(1);
    const sarif = JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8"));
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: "acme-token",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "a%20b/%C3%BC.txt" },
            region: { startLine: 2, startColumn: 3 },
          },
        },
      ],
      partialFingerprints: { "leakgate/v1": expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
  });

  it("writes JUnit XML with one failing case per finding", () => {
    const dir = folder({ ".leakgate.yml": CONFIG, "a.txt": acme() });
    const run = runCli(["scan", ".", "-f", "junit"], { cwd: dir });
    expect(run.stdout).toContain('failures="1"');
    expect(run.stdout).toContain('<testcase classname="leakgate.acme-token" name="acme-token a.txt:1">');
  });

  it("finds the same secrets with the JavaScript regex fallback, and warns that it is slower", () => {
    const dir = folder({ ".leakgate.yml": CONFIG, "é.txt": `é ${acme()}\n` });
    const re2 = runCli(["scan", ".", "-f", "json"], { cwd: dir });
    const js = runCli(["scan", ".", "-f", "json"], { cwd: dir, env: { LEAKGATE_REGEX: "javascript" } });
    expect(JSON.parse(js.stdout).findings).toEqual(JSON.parse(re2.stdout).findings);
    expect(js.stderr).toContain("warning: LEAKGATE_REGEX=javascript");
  });
});

describe("leakgate scan with a bad configuration", () => {
  it("names the file, line and field of a wrong value, and exits 2", () => {
    const dir = folder({
      ".leakgate.yml":
        "fail_on: high\nrules:\n  - id: x\n    description: d\n    severity: hgh\n    pattern: a\n",
    });
    const run = runCli(["scan", "."], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /\.leakgate\.yml:5: rule "x": field "rules\[0\]\.severity": expected one of info, low, medium, high, critical, received "hgh"/,
    );
  });

  it("names the rule of an invalid regex", () => {
    const dir = folder({
      ".leakgate.yml": "rules:\n  - id: broken\n    description: d\n    severity: low\n    pattern: '(a'\n",
    });
    const run = runCli(["scan", "."], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      '.leakgate.yml:5: rule "broken": field "rules[0].pattern": expected a regular',
    );
  });

  it("rejects an unknown rule id in disable, naming the line", () => {
    const dir = folder({ ".leakgate.yml": "disable:\n  - no-such-rule\n" });
    const run = runCli(["scan", "."], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /\.leakgate\.yml:2: field "disable\[0\]": expected the id of a built-in or custom rule/,
    );
  });

  it("rejects an unknown field and an unknown flag", () => {
    const dir = folder({ ".leakgate.yml": "fail-on: high\n" });
    expect(runCli(["scan", "."], { cwd: dir }).stderr).toContain('an unknown field "fail-on"');
    expect(runCli(["scan", "--nope"], { cwd: dir }).status).toBe(2);
  });
});
