import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDate, parsePeriod } from "./period.js";
import { type DocPolicies, readPolicyTables } from "./policy-docs.js";

const FIXTURE = join(import.meta.dirname, "../../fixtures/rotation/store-system");

function read(path: string, text = readFileSync(join(FIXTURE, path), "utf8")): DocPolicies {
  const into: DocPolicies = { secrets: [], types: [], problems: [], filesRead: 0 };
  readPolicyTables(text, path, into);
  return into;
}

describe("readPolicyTables", () => {
  it("reads the Env.md table of the audit: variable, secret path, key id and rotation policy", () => {
    const policies = read("docs/Env.md");
    expect(policies.problems).toEqual([]);
    expect(policies.types).toEqual([]);
    expect(policies.secrets[0]).toEqual({
      name: "SECRET_KEY",
      where: { file: "docs/Env.md", line: 7, column: 3 },
      period: {
        text: "90 days",
        parsed: { kind: "every", days: 90 },
        where: { file: "docs/Env.md", line: 7, column: 62 },
      },
      store: "store-system/production",
      keyId: "flask-session-key",
    });
    expect(policies.secrets.map((secret) => [secret.name, secret.period?.text])).toEqual([
      ["SECRET_KEY", "90 days"],
      ["JWT_SECRET_KEY", "90 days"],
      ["ENCRYPTION_KEY", "90 days"],
      ["ADMIN_PASSWORD", "30 days"],
      ["MAIL_PASSWORD", "90 days"],
    ]);
  });

  it("reads the Env.md quoted in the audit's markdown fence, and skips its other tables", () => {
    const policies = read("docs/Secrets_Management_Audit.md");
    expect(policies.problems).toEqual([]);
    expect(policies.secrets.map((secret) => `${secret.name}:${secret.where.line}`)).toEqual([
      "SECRET_KEY:31",
      "JWT_SECRET_KEY:32",
      "ENCRYPTION_KEY:33",
      "ADMIN_PASSWORD:34",
      "MAIL_PASSWORD:35",
    ]);
  });

  it("reads a Secret Type table: names as secrets, descriptions as type policies", () => {
    const policies = read("docs/Rotation_Schedule.md");
    expect(policies.secrets.map((secret) => secret.name)).toEqual(["SECRET_KEY"]);
    expect(policies.types).toEqual([
      typePolicy("database", "Database passwords", "90 days", 20),
      typePolicy("api_key", "API keys (3rd party)", "180 days", 21),
      typePolicy("smtp", "SMTP passwords", "180 days", 22),
      typePolicy("aws", "AWS credentials", "90 days", 23),
      typePolicy("encryption_key", "Encryption keys", "365 days", 24),
    ]);
  });

  it("reads a Last Rotated column, and keeps a date it cannot read as written", () => {
    const text = [
      "| Secret | Owner | Rotation | Last Rotated |",
      "|---|---|---|---|",
      "| STRIPE_API_KEY | @payments | 30d | 2025-09-01 |",
      "| SENTRY_DSN | @sre | quarterly | 09/01/2025 |",
    ].join("\n");
    const policies = read("docs/Secrets.md", text);
    expect(policies.secrets.map((secret) => [secret.name, secret.owner, secret.lastRotated])).toEqual([
      [
        "STRIPE_API_KEY",
        "@payments",
        {
          text: "2025-09-01",
          parsed: parseDate("2025-09-01"),
          where: { file: "docs/Secrets.md", line: 3, column: 38 },
        },
      ],
      [
        "SENTRY_DSN",
        "@sre",
        {
          text: "09/01/2025",
          parsed: { error: "ambiguous day and month order; write it as YYYY-MM-DD" },
          where: { file: "docs/Secrets.md", line: 4, column: 35 },
        },
      ],
    ]);
  });

  it("takes a Last Rotated of never as no rotation recorded", () => {
    const text = "| Secret | Rotation | Last Rotated |\n|---|---|---|\n| A_TOKEN | 30d | Never |\n";
    expect(read("docs/Secrets.md", text).secrets.map((secret) => secret.lastRotated)).toEqual([undefined]);
  });

  it("reports a row too short to hold its name and period as a malformed table", () => {
    const text = "| Variable | Rotation Policy |\n|---|---|\n| SECRET_KEY |\n";
    expect(read("docs/Env.md", text).problems).toEqual([
      {
        subject: "SECRET_KEY",
        message: "malformed table row: 1 cells where the header at line 1 has 2",
        where: { file: "docs/Env.md", line: 3, column: 3 },
      },
    ]);
  });

  it("reports a document with no rotation table", () => {
    const text = "| Requirement | Status |\n|---|---|\n| Secret rotation ≤90 days | ❌ |\n";
    expect(read("docs/Compliance.md", text).problems).toEqual([
      {
        subject: "docs/Compliance.md",
        message:
          "no table with a secret-name column and a rotation column (such as `| Variable | Rotation Policy |`)",
        where: { file: "docs/Compliance.md", line: 1, column: 1 },
      },
    ]);
  });
});

/** The 1-based column of `text` on `line` of a fixture file. */
function columnOf(path: string, line: number, text: string): number {
  const content = readFileSync(join(FIXTURE, path), "utf8").split("\n")[line - 1] ?? "";
  return content.indexOf(`| ${text} `) + 3;
}

function typePolicy(type: string, label: string, period: string, line: number) {
  const column = columnOf("docs/Rotation_Schedule.md", line, period);
  return {
    type,
    label,
    period: {
      text: period,
      parsed: parsePeriod(period),
      where: { file: "docs/Rotation_Schedule.md", line, column },
    },
    where: { file: "docs/Rotation_Schedule.md", line, column: 3 },
  };
}
