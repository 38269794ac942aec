import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "leakgate-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("leakgate rules", () => {
  it("lists every built-in rule with its severity, as text and as JSON", () => {
    const text = runCli(["rules"], { cwd: dir });
    expect(text.status).toBe(0);
    const rows = JSON.parse(runCli(["rules", "--format", "json"], { cwd: dir }).stdout);
    expect(text.stdout).toContain(`${rows.length} rules`);
    expect(rows[0]).toEqual({
      id: expect.any(String),
      description: expect.any(String),
      severity: expect.stringMatching(/^(info|low|medium|high|critical)$/),
      keywords: expect.any(Array),
      references: expect.any(Array),
      remediation: expect.any(String),
    });
  });

  it("checks a user's rule file: a passing file exits 0, a failing example is named and exits 1", () => {
    const good = join(dir, "good.yaml");
    writeFileSync(
      good,
      `rules:
  - id: acme-key
    description: Acme key
    severity: high
    keywords: [acmek_]
    pattern: '\\b(acmek_[0-9a-f]{16})\\b'
    examples: ['key = acmek_0a1b2c3d4e5f6a7b']
    negative_examples: ['acmek_ alone']
`,
    );
    const passing = runCli(["rules", "check", good], { cwd: dir });
    expect(passing).toMatchObject({ status: 0, stdout: "1 rules, 2 examples checked, 0 problems\n" });
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      `rules:\n  - id: acme-key\n    description: d\n    severity: high\n    pattern: 'acmek_[0-9]{4}'\n    examples: ['acmek_12']\n`,
    );
    const failing = runCli(["rules", "check", bad], { cwd: dir });
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain("acme-key: examples[0] gave nothing, expected exactly acme-key");
  });

  it("gives the same verdict on every example of the catalogue with the JavaScript regex fallback", () => {
    const re2 = runCli(["rules", "check"], { cwd: dir });
    const js = runCli(["rules", "check"], { cwd: dir, env: { LEAKGATE_REGEX: "javascript" } });
    expect(js.stdout).toBe(re2.stdout);
  });

  it("names the file, line and field of a malformed rule file", () => {
    const broken = join(dir, "broken.yaml");
    writeFileSync(broken, "rules:\n  - id: Bad_Id\n    description: d\n");
    const run = runCli(["rules", "check", broken], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('broken.yaml:2: field "rules[0].id": expected a kebab-case id');
  });
});
