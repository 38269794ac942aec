import { describe, expect, it } from "vitest";
import type { Finding } from "../src/engine/types.js";
import { formatHookAdvice, gitignoreLine } from "../src/report/hook-advice.js";

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: "acme-token",
    description: "Acme API token",
    severity: "high",
    file: "src/app.ts",
    line: 3,
    column: 7,
    endLine: 3,
    endColumn: 42,
    redacted: "acme********",
    fingerprint: "0123456789abcdef0123456789abcdef",
    provenance: { kind: "staged" },
    ...overrides,
  };
}

const plain = { color: false, remediation: () => undefined };

describe("the hook message", () => {
  it("is plain text unless colours are asked for, and then only adds escape codes", () => {
    const findings = [finding({})];
    const text = formatHookAdvice(findings, plain);
    expect(text).not.toContain("\x1b[");
    const coloured = formatHookAdvice(findings, { ...plain, color: true });
    expect(coloured).toContain("\x1b[1;31mleakgate blocked this commit: 1 finding in 1 file.\x1b[0m\n");
    const stripped = ["\x1b[1;31m", "\x1b[1m", "\x1b[0m"].reduce(
      (s, code) => s.replaceAll(code, ""),
      coloured,
    );
    expect(stripped).toBe(text);
  });

  it("offers a .gitignore line that matches exactly the file, brackets and all", () => {
    expect(gitignoreLine(".env")).toBe("/.env");
    expect(gitignoreLine("app/[slug]/.env.local")).toBe("/app/\\[slug\\]/.env.local");
    expect(gitignoreLine("keys/*weird?.p12")).toBe("/keys/\\*weird\\?.p12");
  });

  it("lists each rule's way to revoke the secret once, on one line", () => {
    const text = formatHookAdvice([finding({}), finding({ file: "src/b.ts" })], {
      color: false,
      remediation: (id) =>
        id === "acme-token" ? "Revoke it\n  at https://acme.example/tokens.\n" : undefined,
    });
    expect(text).toContain(
      "  4. If it was ever pushed or shared, rotate it now: removing it from git does not revoke it.\n       acme-token: Revoke it at https://acme.example/tokens.\n\n",
    );
    expect(text).toContain("  1. Unstage it:  git restore --staged src/app.ts src/b.ts\n");
  });
});
