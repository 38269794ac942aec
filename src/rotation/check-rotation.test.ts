import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { randomToken } from "../../test/support/fake-secrets.js";
import { GitRepo } from "../../test/support/git-repo.js";
import { readConfigFile } from "../config/config-file.js";
import { mask } from "../engine/mask.js";
import type { Finding, Severity } from "../engine/types.js";
import { ConfigError } from "../errors.js";
import { checkRotation } from "./check-rotation.js";
import type { RotationRuleId } from "./rules.js";

const FIXTURE = join(import.meta.dirname, "../../fixtures/rotation/store-system");
const NOW = new Date("2025-10-20T12:00:00Z");

const CONFIG = `rotation:
  warn_days: 14
  docs:
    - docs/Env.md
    - docs/Rotation_Schedule.md
  secrets:
    - name: MAIL_PASSWORD
      last_rotated: 2025-01-10
      owner: "@backend"
    - name: ADMIN_PASSWORD
      last_rotated: October 2, 2025
    - name: JWT_SECRET_KEY
      last_rotated: 2025-09-01
    - name: ENCRYPTION_KEY
      last_rotated: 25.10.2025
    - name: SECRET_KEY
      rotate_every: never
    - name: VAULT_TOKEN
      rotate_every: whenever
`;

const repos: GitRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

/** The store-system project of the seed audit, committed on 2025-01-05, with `config` as .leakgate.yml. */
function storeSystem(config = CONFIG): GitRepo {
  const repo = GitRepo.init();
  repos.push(repo);
  cpSync(FIXTURE, repo.dir, { recursive: true });
  repo.commit("store-system as audited", { ".leakgate.yml": config }, "2025-01-05T10:00:00Z");
  return repo;
}

async function check(repo: GitRepo, options: Partial<Parameters<typeof checkRotation>[0]> = {}) {
  const config = readConfigFile(join(repo.dir, ".leakgate.yml"));
  return checkRotation({ root: repo.dir, config, now: NOW, ...options });
}

const SEVERITY: Record<RotationRuleId, Severity> = {
  "rotation-policy-missing": "medium",
  "rotation-period-too-long": "medium",
  "rotation-overdue": "high",
  "rotation-due-soon": "info",
  "rotation-unparseable": "medium",
  "leaked-not-rotated": "critical",
};

/** A rotation finding about `name` at file:line:column; leaks add their commit and masked value. */
function finding(
  ruleId: RotationRuleId,
  description: string,
  name: string,
  [file, line, column]: [string, number, number],
  extra: Partial<Finding> = {},
): Finding {
  return {
    ruleId,
    description,
    severity: SEVERITY[ruleId],
    file,
    line,
    column,
    endLine: line,
    endColumn: column + name.length,
    redacted: name,
    fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown as string,
    name,
    provenance: { kind: "file" },
    ...extra,
  };
}

/** 1-based line of the first line of a file of the repo that contains `text`. */
function lineOf(repo: GitRepo, path: string, text: string): number {
  return (
    readFileSync(join(repo.dir, path), "utf8")
      .split("\n")
      .findIndex((line) => line.includes(text)) + 1
  );
}

describe("checkRotation", () => {
  it("reports every rotation finding of the seed project, each where the user must act", async () => {
    const repo = storeSystem();
    const mailPassword = randomToken(20);
    const openAiKey = `sk-${randomToken(40)}`;
    const jwtSecret = randomToken(32);
    repo.commit(
      "jwt for staging",
      { "deploy/staging.env": `JWT_SECRET_KEY=${jwtSecret}\n` },
      "2025-08-01T09:00:00Z",
    );
    const mailCommit = repo.commit(
      "mail settings",
      { "config/mail.env": `MAIL_SERVER=smtp.example.com\nMAIL_PASSWORD=${mailPassword}\n` },
      "2025-03-05T10:00:00Z",
    );
    const aiCommit = repo.commit(
      "ai client",
      { "src/ai.py": `OPENAI_API_KEY = "${openAiKey}"\n` },
      "2025-06-01T08:00:00Z",
    );
    const report = await check(repo);
    const config = (text: string): [string, number, number] => [
      ".leakgate.yml",
      lineOf(repo, ".leakgate.yml", text),
      1,
    ];
    const schedule = (text: string): [string, number, number] => {
      const line = lineOf(repo, "docs/Rotation_Schedule.md", `| ${text} |`);
      const content =
        readFileSync(join(repo.dir, "docs/Rotation_Schedule.md"), "utf8").split("\n")[line - 1] ?? "";
      const period = content.split("|")[2]?.trim() ?? "";
      return ["docs/Rotation_Schedule.md", line, content.indexOf(`| ${period} |`) + 3];
    };
    const commitOf = (sha: string, date: string) => ({
      kind: "commit" as const,
      commit: { sha, author: "Dev Eloper", email: "dev@example.com", date },
    });
    expect(report.findings).toEqual([
      finding(
        "rotation-overdue",
        "Secret rotation is overdue: MAIL_PASSWORD was due 2025-04-10, 193 days ago (last rotated 2025-01-10, every 90 days)",
        "MAIL_PASSWORD",
        config("last_rotated: 2025-01-10"),
      ),
      finding(
        "rotation-due-soon",
        "Secret rotation is due soon: ADMIN_PASSWORD is due 2025-11-01, in 12 days (last rotated 2025-10-02, every 30 days)",
        "ADMIN_PASSWORD",
        config("last_rotated: October 2, 2025"),
      ),
      finding(
        "rotation-unparseable",
        'Rotation policy that leakgate cannot read: cannot read the date "25.10.2025": ambiguous day and month order; write it as YYYY-MM-DD',
        "ENCRYPTION_KEY",
        config("last_rotated: 25.10.2025"),
      ),
      finding(
        "rotation-period-too-long",
        'Rotation period longer than the allowed maximum: SECRET_KEY is rotated "never" (never rotated); the maximum is 90 days',
        "SECRET_KEY",
        config("rotate_every: never"),
      ),
      finding(
        "rotation-unparseable",
        'Rotation policy that leakgate cannot read: cannot read the rotation period "whenever"',
        "VAULT_TOKEN",
        config("rotate_every: whenever"),
      ),
      finding(
        "leaked-not-rotated",
        `Secret committed to git after its last rotation: MAIL_PASSWORD was committed in ${mailCommit.slice(0, 12)} on 2025-03-05 (config/mail.env:2) after its last rotation on 2025-01-10; rotate it now`,
        "MAIL_PASSWORD",
        ["config/mail.env", 2, 1],
        { redacted: mask(mailPassword), provenance: commitOf(mailCommit, "2025-03-05T10:00:00+00:00") },
      ),
      finding(
        "rotation-period-too-long",
        "Rotation period longer than the allowed maximum: API keys (3rd party) is rotated every 180 days; the maximum is 90 days",
        "API keys (3rd party)",
        schedule("API keys (3rd party)"),
      ),
      finding(
        "rotation-period-too-long",
        "Rotation period longer than the allowed maximum: SMTP passwords is rotated every 180 days; the maximum is 90 days",
        "SMTP passwords",
        schedule("SMTP passwords"),
      ),
      finding(
        "rotation-period-too-long",
        "Rotation period longer than the allowed maximum: Encryption keys is rotated every 365 days; the maximum is 90 days",
        "Encryption keys",
        schedule("Encryption keys"),
      ),
      finding(
        "rotation-policy-missing",
        "Secret in use with no rotation policy: WEBHOOK_SECRET is used in k8s/secrets.yaml:7 and no policy gives its rotation period",
        "WEBHOOK_SECRET",
        ["k8s/secrets.yaml", 7, 3],
      ),
      finding(
        "leaked-not-rotated",
        `Secret committed to git after its last rotation: OPENAI_API_KEY was committed in ${aiCommit.slice(0, 12)} on 2025-06-01 (src/ai.py:1) and no rotation is recorded; rotate it now`,
        "OPENAI_API_KEY",
        ["src/ai.py", 1, 1],
        { redacted: mask(openAiKey), provenance: commitOf(aiCommit, "2025-06-01T08:00:00+00:00") },
      ),
    ]);
  });

  it("lists every declared and discovered secret with its owner, store, period, dates and status", async () => {
    const repo = storeSystem();
    const report = await check(repo, { history: false });
    const row = (name: string) => report.rows.find((candidate) => candidate.name === name);
    expect(report.rows.map((candidate) => candidate.name)).toEqual([
      "ADMIN_PASSWORD",
      "DATABASE_URL",
      "ENCRYPTION_KEY",
      "JWT_SECRET_KEY",
      "MAIL_PASSWORD",
      "MONGO_URI",
      "OPENAI_API_KEY",
      "REDIS_PASSWORD",
      "SECRET_KEY",
      "smtp_password",
      "stripe_api_key",
      "VAULT_TOKEN",
      "WEBHOOK_SECRET",
    ]);
    expect(row("MAIL_PASSWORD")).toEqual({
      name: "MAIL_PASSWORD",
      owner: "@backend",
      store: "store-system/smtp-creds",
      keyId: "smtp-password",
      period: "90 days",
      periodDays: 90,
      periodFrom: `docs/Env.md:${lineOf(repo, "docs/Env.md", "| MAIL_PASSWORD |")}`,
      lastRotated: "2025-01-10",
      nextDue: "2025-04-10",
      statuses: ["overdue"],
      declaredIn: [
        `.leakgate.yml:${lineOf(repo, ".leakgate.yml", "name: MAIL_PASSWORD")}`,
        `docs/Env.md:${lineOf(repo, "docs/Env.md", "| MAIL_PASSWORD |")}`,
      ],
      seenIn: [`.env.example:${lineOf(repo, ".env.example", "MAIL_PASSWORD=")}`],
    });
    expect(row("OPENAI_API_KEY")).toEqual({
      name: "OPENAI_API_KEY",
      period: "180 days",
      periodDays: 180,
      periodFrom: `type api_key (docs/Rotation_Schedule.md:${lineOf(repo, "docs/Rotation_Schedule.md", "API keys")})`,
      statuses: ["too-long", "no-record"],
      declaredIn: [],
      seenIn: [
        `.github/workflows/deploy.yml:${lineOf(repo, ".github/workflows/deploy.yml", "secrets.OPENAI_API_KEY")}`,
      ],
    });
    expect(row("JWT_SECRET_KEY")?.statuses).toEqual(["ok"]);
    expect(report.rows.some((candidate) => candidate.name === "GITHUB_TOKEN")).toBe(false);
    expect(report.today).toBe("2025-10-20");
  });

  it("does not report a secret committed before its last rotation", async () => {
    const repo = storeSystem();
    repo.commit(
      "jwt",
      { "deploy/staging.env": `JWT_SECRET_KEY=${randomToken(32)}\n` },
      "2025-08-31T23:00:00Z",
    );
    const report = await check(repo);
    expect(report.findings.filter((f) => f.ruleId === "leaked-not-rotated")).toEqual([]);
  });

  it("takes leaks from the findings of a history scan when given them", async () => {
    const repo = storeSystem();
    const commit = {
      sha: "c".repeat(40),
      author: "Dev",
      email: "dev@example.com",
      date: "2025-10-05T10:00:00Z",
    };
    const scanned: Finding = {
      ruleId: "generic-password",
      description: "Password assigned to a variable",
      severity: "high",
      file: "app/settings.py",
      line: 12,
      column: 17,
      endLine: 12,
      endColumn: 37,
      redacted: "********",
      fingerprint: "e".repeat(32),
      name: "ADMIN_PASSWORD",
      provenance: { kind: "commit", commit },
    };
    const report = await check(repo, { history: [scanned] });
    expect(report.findings.filter((f) => f.ruleId === "leaked-not-rotated")).toEqual([
      finding(
        "leaked-not-rotated",
        `Secret committed to git after its last rotation: ADMIN_PASSWORD was committed in cccccccccccc on 2025-10-05 (app/settings.py:12) after its last rotation on 2025-10-02; rotate it now`,
        "ADMIN_PASSWORD",
        ["app/settings.py", 12, 17],
        { redacted: "********", provenance: { kind: "commit", commit } },
      ),
    ]);
  });

  it("keeps a finding's fingerprint when its line moves", async () => {
    const repo = storeSystem();
    const before = (await check(repo, { history: false })).findings.find(
      (f) => f.ruleId === "rotation-overdue",
    );
    repo.write(".leakgate.yml", CONFIG.replace("rotation:\n", "# policies\n\nrotation:\n"));
    const after = (await check(repo, { history: false })).findings.find(
      (f) => f.ruleId === "rotation-overdue",
    );
    expect(after?.line).toBe((before?.line ?? 0) + 2);
    expect(after?.fingerprint).toBe(before?.fingerprint);
  });

  it("judges only the declared secrets when discovery is off", async () => {
    const repo = storeSystem(
      "rotation:\n  discover: false\n  secrets:\n    - name: A_TOKEN\n      rotate_every: 30d\n",
    );
    const report = await check(repo, { history: false });
    expect(report.rows.map((row) => [row.name, row.statuses])).toEqual([["A_TOKEN", ["no-record"]]]);
    expect(report.findings).toEqual([]);
  });

  it("reads a Last Rotated column of the docs and reports an overdue row where it stands", async () => {
    const repo = storeSystem("rotation:\n  discover: false\n  docs: docs/Secrets.md\n");
    repo.commit(
      "secrets doc",
      {
        "docs/Secrets.md":
          "| Secret | Owner | Rotation | Last Rotated |\n|---|---|---|---|\n| STRIPE_API_KEY | @payments | 30d | 2025-09-01 |\n",
      },
      "2025-09-02T10:00:00Z",
    );
    const report = await check(repo, { history: false });
    expect(report.findings).toEqual([
      finding(
        "rotation-overdue",
        "Secret rotation is overdue: STRIPE_API_KEY was due 2025-10-01, 19 days ago (last rotated 2025-09-01, every 30 days)",
        "STRIPE_API_KEY",
        ["docs/Secrets.md", 3, 38],
      ),
    ]);
  });

  it("reads each period and date wording of the guides from a docs table", async () => {
    const repo = GitRepo.init();
    repos.push(repo);
    cpSync(join(FIXTURE, "../wordings"), repo.dir, { recursive: true });
    repo.commit(
      "schedule",
      { ".leakgate.yml": "rotation:\n  docs: docs/Rotation.md\n" },
      "2025-01-05T10:00:00Z",
    );
    const report = await check(repo, { history: false });
    expect(
      report.rows.map((row) => [row.name, row.period, row.lastRotated, row.nextDue, row.statuses]),
    ).toEqual([
      ["ADMIN_PASSWORD", "30 days", "2025-10-10", "2025-11-09", ["ok"]],
      ["AGENT_KMS_KEY", "manual", undefined, undefined, ["too-long"]],
      ["BACKUP_ENCRYPTION_KEY", "365 days", "2025-01-15", "2026-01-15", ["too-long"]],
      ["DATABASE_PASSWORD", "30 days", "2025-10-01", "2025-10-31", ["due-soon"]],
      ["JWT_SECRET_KEY", "90 days", "2025-10-02", "2025-12-31", ["ok"]],
      ["LEGACY_API_KEY", "never", undefined, undefined, ["too-long"]],
      ["MONGO_URI", undefined, undefined, undefined, ["no-policy"]],
      ["OAUTH_CLIENT_SECRET", "60 days", "2025-09-15", "2025-11-14", ["ok"]],
      ["SECRET_KEY", "90 days", "2025-09-01", "2025-11-30", ["ok"]],
      ["SMTP_PASSWORD", "180 days", "2025-06-01", "2025-11-28", ["too-long"]],
      ["STRIPE_SECRET_KEY", '"whenever"', "10/01/2025", undefined, ["unparseable"]],
    ]);
    const row = (name: string) => `docs/Rotation.md:${lineOf(repo, "docs/Rotation.md", `| ${name} |`)}`;
    expect(report.findings.map((f) => `${f.ruleId} ${f.name} ${f.file}:${f.line}`)).toEqual([
      `rotation-period-too-long SMTP_PASSWORD ${row("SMTP_PASSWORD")}`,
      `rotation-period-too-long BACKUP_ENCRYPTION_KEY ${row("BACKUP_ENCRYPTION_KEY")}`,
      `rotation-period-too-long AGENT_KMS_KEY ${row("AGENT_KMS_KEY")}`,
      `rotation-due-soon DATABASE_PASSWORD ${row("DATABASE_PASSWORD")}`,
      `rotation-period-too-long LEGACY_API_KEY ${row("LEGACY_API_KEY")}`,
      `rotation-unparseable STRIPE_SECRET_KEY ${row("STRIPE_SECRET_KEY")}`,
      `rotation-unparseable STRIPE_SECRET_KEY ${row("STRIPE_SECRET_KEY")}`,
      `rotation-policy-missing MONGO_URI ${row("MONGO_URI")}`,
    ]);
    const unreadable = report.findings.filter((f) => f.ruleId === "rotation-unparseable");
    expect(unreadable.map((f) => f.description)).toEqual([
      'Rotation policy that leakgate cannot read: cannot read the rotation period "whenever"',
      'Rotation policy that leakgate cannot read: cannot read the date "10/01/2025": ambiguous day and month order; write it as YYYY-MM-DD',
    ]);
    expect(new Set(unreadable.map((f) => f.fingerprint)).size).toBe(2);
  });

  it("checks a project in a folder of a larger repository, with paths relative to that folder", async () => {
    const repo = GitRepo.init();
    repos.push(repo);
    const token = randomToken(24);
    repo.commit(
      "two services",
      {
        "billing/.leakgate.yml": "rotation:\n  discover: false\n",
        "billing/app.env": `BILLING_TOKEN=${token}\n`,
        "search/app.env": `SEARCH_TOKEN=${randomToken(24)}\n`,
      },
      "2025-02-01T10:00:00Z",
    );
    const root = join(repo.dir, "billing");
    const config = readConfigFile(join(root, ".leakgate.yml"));
    const report = await checkRotation({ root, config, now: NOW });
    expect(report.findings.map((f) => `${f.ruleId} ${f.name} ${f.file}:${f.line}`)).toEqual([
      "rotation-policy-missing BILLING_TOKEN app.env:1",
      "leaked-not-rotated BILLING_TOKEN app.env:1",
    ]);
  });

  it("leaves out what the global allow list allows, by path or commit", async () => {
    const repo = storeSystem("rotation:\n  discover: false\nallow:\n  paths: ['fixtures/**']\n");
    repo.commit(
      "fixture",
      { "fixtures/app.env": `FIXTURE_TOKEN=${randomToken(24)}\n` },
      "2025-02-01T10:00:00Z",
    );
    const sha = repo.commit(
      "test",
      { "test/app.env": `TEST_TOKEN=${randomToken(24)}\n` },
      "2025-02-02T10:00:00Z",
    );
    repo.write(
      ".leakgate.yml",
      `rotation:\n  discover: false\nallow:\n  paths: ['fixtures/**']\n  commits: [${sha}]\n`,
    );
    const report = await check(repo);
    expect(report.rows).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it("fails with the config line when a docs file does not exist", async () => {
    const repo = storeSystem("rotation:\n  docs:\n    - docs/Env.md\n    - docs/Missing.md\n");
    const error = await check(repo).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      '.leakgate.yml:4: field "rotation.docs": expected a Markdown file of the project, received "docs/Missing.md", which does not exist',
    );
  });

  it("fails with the config line when a docs entry is a folder", async () => {
    const repo = storeSystem("rotation:\n  docs: docs\n");
    const error = await check(repo).catch((caught: unknown) => caught);
    expect((error as ConfigError).message).toBe(
      '.leakgate.yml:2: field "rotation.docs": expected a Markdown file of the project, received "docs", which is not a file',
    );
  });

  it("reports a secret with no policy where the project first uses it", async () => {
    const repo = storeSystem("rotation:\n  max_days: 120\n");
    repo.commit(
      "ci",
      { ".github/workflows/ci.yml": `env:\n  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n` },
      "2025-02-01T10:00:00Z",
    );
    const report = await check(repo, { history: false });
    expect(report.findings.find((f) => f.name === "NPM_TOKEN")).toEqual(
      finding(
        "rotation-policy-missing",
        "Secret in use with no rotation policy: NPM_TOKEN is used in .github/workflows/ci.yml:2 and no policy gives its rotation period",
        "NPM_TOKEN",
        [".github/workflows/ci.yml", 2, 18],
      ),
    );
  });
});
