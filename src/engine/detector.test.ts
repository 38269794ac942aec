import { describe, expect, it } from "vitest";
import { fake, randomToken } from "../../test/support/fake-secrets.js";
import { buildRuleset } from "../config/ruleset.js";
import { emptyConfig, type LeakgateConfig } from "../config/types.js";
import { Detector } from "./detector.js";
import type { Fragment, RuleDefinition } from "./types.js";

const base = { references: [], remediation: "", examples: [], negativeExamples: [] };
const githubRule: RuleDefinition = {
  ...base,
  id: "github-pat",
  description: "GitHub token",
  severity: "critical",
  keywords: ["ghp_"],
  pattern: "\\b(ghp_[A-Za-z0-9]{36})\\b",
};
const genericRule: RuleDefinition = {
  ...base,
  id: "generic-token",
  description: "Generic token",
  severity: "high",
  keywords: ["token"],
  pattern: '(?i)(?P<name>[a-z_]*token)\\s*=\\s*"(?P<secret>[^"]{12,})"',
  secretGroup: "secret",
  generic: true,
  entropy: 3,
};
const envRule: RuleDefinition = {
  ...base,
  id: "env-file",
  description: ".env file",
  severity: "high",
  keywords: [],
  path: "(^|/)\\.env$",
};

function detector(
  config: Partial<LeakgateConfig> = {},
  rules = [githubRule, genericRule, envRule],
): Detector {
  return new Detector(buildRuleset(rules, { ...emptyConfig(), ...config }));
}

function fragment(text: string, path = "src/app.ts"): Fragment {
  return { data: Buffer.from(text), path, provenance: { kind: "file" } };
}

describe("Detector", () => {
  it("finds a token with its position, masks it, and fingerprints the secret alone", () => {
    const token = fake.githubPat();
    const [finding, ...rest] = detector().detect(fragment(`// é\nconst a = "${token}";\n`));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: "github-pat",
      line: 2,
      column: 12,
      endLine: 2,
      endColumn: 52,
      redacted: "ghp_********",
    });
    expect(JSON.stringify(finding)).not.toContain(token);
    const moved = detector().detect(fragment(`\n\n\nx = '${token}'`, "other/file.py"))[0];
    expect(moved?.fingerprint).toBe(finding?.fingerprint);
  });

  it("keeps the raw secret only when asked to unmask", () => {
    const token = fake.githubPat();
    expect(detector().detect(fragment(token), { unmask: true })[0]?.secret).toBe(token);
  });

  it("lets a generic rule yield to the specific rule that found the same secret", () => {
    const token = fake.githubPat();
    const findings = detector().detect(fragment(`GITHUB_TOKEN = "${token}"`));
    expect(findings.map((f) => f.ruleId)).toEqual(["github-pat"]);
  });

  it("reports a generic finding with the name it was assigned to", () => {
    const [finding] = detector().detect(fragment(`API_TOKEN = "${randomToken(20)}"`));
    expect(finding).toMatchObject({ ruleId: "generic-token", name: "API_TOKEN", line: 1, column: 14 });
  });

  it("drops a candidate below the rule's entropy", () => {
    expect(detector().detect(fragment('API_TOKEN = "aaaaaaaaaaaaaaaa"'))).toEqual([]);
  });

  it("honours the inline leakgate:allow comment on the secret's line only", () => {
    const token = fake.githubPat();
    const text = `a = "${token}" // leakgate:allow\nb = "${token}"\n`;
    expect(
      detector()
        .detect(fragment(text))
        .map((f) => f.line),
    ).toEqual([2]);
  });

  it("honours gitleaks:allow only in gitleaks compatibility mode", () => {
    const text = `a = "${fake.githubPat()}" # gitleaks:allow`;
    expect(detector().detect(fragment(text))).toHaveLength(1);
    expect(detector({ compat: { gitleaks: true } }).detect(fragment(text))).toEqual([]);
  });

  it("applies configured allowlists: paths, regexes and stopwords", () => {
    const token = fake.githubPat();
    expect(detector({ allow: { paths: ["docs/**"] } }).detect(fragment(token, "docs/a.md"))).toEqual([]);
    expect(detector({ allow: { regexes: ["^ghp_"] } }).detect(fragment(token))).toEqual([]);
    expect(
      detector({ allow: { stopwords: [token.slice(10, 20).toLowerCase()] } }).detect(fragment(token)),
    ).toEqual([]);
    expect(detector({ allow: { paths: ["docs/**"] } }).detect(fragment(token, "src/a.md"))).toHaveLength(1);
  });

  it("judges file rules on the path, and only when the source asks", () => {
    const env = fragment("PORT=3000\n", "app/.env");
    expect(
      detector()
        .detect(env)
        .map((f) => f.ruleId),
    ).toEqual(["env-file"]);
    expect(detector().detect({ ...env, checkPath: false })).toEqual([]);
    expect(detector().detect(fragment("PORT=3000\n", "app/.env.example"))).toEqual([]);
  });

  it("reports a secret spanning lines from its first to its last line", () => {
    const rule: RuleDefinition = {
      ...base,
      id: "pem",
      description: "key",
      severity: "critical",
      keywords: ["-----begin"],
      pattern: "-----BEGIN KEY-----[\\s\\S]*?-----END KEY-----",
    };
    const text = "x\r\n-----BEGIN KEY-----\r\nQUJDREVGR0g=\r\n-----END KEY-----\r\n";
    const [finding] = detector({}, [rule]).detect(fragment(text));
    expect(finding).toMatchObject({ line: 2, column: 1, endLine: 4, endColumn: 18 });
  });
});
