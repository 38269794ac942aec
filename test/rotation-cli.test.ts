import { cpSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mask } from "../src/engine/mask.js";
import { randomToken } from "./support/fake-secrets.js";
import { GitRepo } from "./support/git-repo.js";
import { runCli } from "./support/run-cli.js";
import { sarifSchemaErrors } from "./support/sarif-schema.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/rotation/store-system");

const CONFIG = `rotation:
  docs: [docs/Env.md, docs/Rotation_Schedule.md]
  secrets:
    - name: MAIL_PASSWORD
      last_rotated: 2025-01-10
      owner: "@backend"
    - name: ADMIN_PASSWORD
      last_rotated: 2025-10-02
`;

const repos: GitRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

/** The seed audit's store-system project, committed on 2025-01-05, then a mail password leaked on 2025-03-05. */
function leakedProject(config = CONFIG): { repo: GitRepo; password: string; leak: string } {
  const repo = GitRepo.init();
  repos.push(repo);
  cpSync(FIXTURE, repo.dir, { recursive: true });
  repo.commit("store-system", { ".leakgate.yml": config }, "2025-01-05T10:00:00Z");
  const password = randomToken(20);
  const leak = repo.commit(
    "mail",
    { "config/mail.env": `MAIL_PASSWORD=${password}\n` },
    "2025-03-05T10:00:00Z",
  );
  return { repo, password, leak };
}

/** The cells of the text table's row for `name`. */
function textRow(stdout: string, name: string): string[] | undefined {
  return stdout
    .split("\n")
    .find((line) => line.startsWith(`${name} `))
    ?.split(/\s{2,}/);
}

describe("leakgate rotation", () => {
  it("prints the table of secrets and the findings, and exits 1", () => {
    const { repo, password } = leakedProject();
    const run = runCli(["rotation", "--now", "2025-10-20"], { cwd: repo.dir });
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n")[0]?.split(/\s{2,}/)).toEqual([
      "Secret",
      "Owner",
      "Store",
      "Period",
      "Last rotated",
      "Next due",
      "Status",
    ]);
    expect(textRow(run.stdout, "MAIL_PASSWORD")).toEqual([
      "MAIL_PASSWORD",
      "@backend",
      "store-system/smtp-creds",
      "90 days",
      "2025-01-10",
      "2025-04-10",
      "leaked, overdue",
    ]);
    expect(textRow(run.stdout, "ADMIN_PASSWORD")).toEqual([
      "ADMIN_PASSWORD",
      "-",
      "store-system/admin-creds",
      "30 days",
      "2025-10-02",
      "2025-11-01",
      "due soon",
    ]);
    expect(textRow(run.stdout, "VAULT_TOKEN")).toEqual(["VAULT_TOKEN", "-", "-", "-", "-", "-", "no policy"]);
    expect(run.stdout).toContain("13 secrets, 8 rotation findings on 2025-10-20.");
    expect(run.stdout + run.stderr).not.toContain(password);
  });

  it("prints JSON with the secrets, the findings (leaks with their commit) and the stats", () => {
    const { repo, leak, password } = leakedProject();
    const run = runCli(["rotation", "--now", "2025-10-20", "--format", "json"], { cwd: repo.dir });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(["version", "today", "secrets", "findings", "stats"]);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === "leaked-not-rotated")).toEqual({
      ruleId: "leaked-not-rotated",
      description: `Secret committed to git after its last rotation: MAIL_PASSWORD was committed in ${leak.slice(0, 12)} on 2025-03-05 (config/mail.env:1) after its last rotation on 2025-01-10; rotate it now`,
      severity: "critical",
      file: "config/mail.env",
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 14,
      redacted: mask(password),
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: "MAIL_PASSWORD",
      commit: {
        sha: leak,
        date: "2025-03-05T10:00:00+00:00",
        author: "Dev Eloper",
        email: "dev@example.com",
      },
    });
    expect(report.secrets.find((s: { name: string }) => s.name === "ADMIN_PASSWORD")).toEqual({
      name: "ADMIN_PASSWORD",
      store: "store-system/admin-creds",
      keyId: "admin-password",
      period: "30 days",
      periodDays: 30,
      periodFrom: "docs/Env.md:10",
      lastRotated: "2025-10-02",
      nextDue: "2025-11-01",
      statuses: ["due-soon"],
      declaredIn: [".leakgate.yml:7", "docs/Env.md:10"],
      seenIn: [".env.example:10"],
    });
  });

  it("prints SARIF that is valid against the official schema, with the rotation rules", () => {
    const { repo } = leakedProject();
    const run = runCli(["rotation", "--now", "2025-10-20", "--format", "sarif"], { cwd: repo.dir });
    const sarif = JSON.parse(run.stdout);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual([
      "leaked-not-rotated",
      "rotation-due-soon",
      "rotation-overdue",
      "rotation-period-too-long",
      "rotation-policy-missing",
    ]);
  });

  it("prints a Markdown table for job summaries", () => {
    const { repo } = leakedProject();
    const run = runCli(["rotation", "--now", "2025-10-20", "--format", "markdown", "--no-history"], {
      cwd: repo.dir,
    });
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "## Secret rotation (2025-10-20)",
      "",
      "| Secret | Owner | Store | Period | Last rotated | Next due | Status |",
      "|---|---|---|---|---|---|---|",
    ]);
    expect(lines).toContain(
      "| MAIL_PASSWORD | @backend | store-system/smtp-creds | 90 days | 2025-01-10 | 2025-04-10 | overdue |",
    );
  });

  it("writes the report to --output and exits 0 when no finding reaches --fail-on", () => {
    const { repo } = leakedProject(
      "rotation:\n  discover: false\n  secrets:\n    - name: A_TOKEN\n      rotate_every: 30d\n      last_rotated: 2025-09-25\n",
    );
    const run = runCli(
      ["rotation", "--now", "2025-10-20", "-o", "rotation.md", "-f", "markdown", "--no-history"],
      {
        cwd: repo.dir,
      },
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("1 secret, 1 rotation finding on 2025-10-20.\nReport written to rotation.md\n");
    expect(readFileSync(join(repo.dir, "rotation.md"), "utf8")).toContain(
      "| A_TOKEN | - | - | 30 days | 2025-09-25 | 2025-10-25 | due soon |",
    );
  });

  it("exits 2 with the file, line and field of a wrong rotation section", () => {
    const { repo } = leakedProject("rotation:\n  max_days: -3\n");
    const run = runCli(["rotation"], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `leakgate: ${join(repo.dir, ".leakgate.yml")}:2: field "rotation.max_days": expected a whole number of days, at least 1, received -3\n`,
    );
  });

  it("checks the folder given as PATH, with paths relative to it", () => {
    const { repo } = leakedProject();
    const run = runCli(["rotation", repo.dir, "--now", "2025-10-20", "--format", "json"], { cwd: tmpdir() });
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { file: string; ruleId: string }) => `${f.ruleId} ${f.file}`)).toContain(
      "leaked-not-rotated config/mail.env",
    );
  });

  it("exits 2 when PATH is not a folder", () => {
    const { repo } = leakedProject();
    const run = runCli(["rotation", "no-such-folder"], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('leakgate: expected a folder to check; "no-such-folder" is not one\n');
  });

  it("exits 2 on a --now it cannot read", () => {
    const { repo } = leakedProject();
    const run = runCli(["rotation", "--now", "next week"], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('leakgate: --now expects a date such as 2025-10-25; received "next week"\n');
  });
});

describe("leakgate rotation and what the project accepts", () => {
  const leakRules = (stdout: string) =>
    JSON.parse(stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "leaked-not-rotated");

  it("reports no leak that .leakgateignore accepts, as history does not", () => {
    const { repo } = leakedProject();
    const args = ["rotation", "--now", "2025-10-20", "--format", "json"];
    expect(leakRules(runCli(args, { cwd: repo.dir }).stdout)).toHaveLength(1);
    repo.write(".leakgateignore", "mail.env:*\n");
    expect(JSON.parse(runCli(["history", "-f", "json"], { cwd: repo.dir }).stdout).findings).toEqual([]);
    expect(leakRules(runCli(args, { cwd: repo.dir }).stdout)).toEqual([]);
  });

  it("reports no leak that the --baseline accepts", () => {
    const { repo } = leakedProject();
    const baseline = runCli(["baseline", "--history", "-o", "accepted.json"], { cwd: repo.dir });
    expect(baseline.stdout).toContain("added ");
    const args = ["rotation", "--now", "2025-10-20", "--format", "json"];
    expect(leakRules(runCli(args, { cwd: repo.dir }).stdout)).toHaveLength(1);
    expect(leakRules(runCli([...args, "--baseline", "accepted.json"], { cwd: repo.dir }).stdout)).toEqual([]);
  });

  it("judges the period of every source of a type: a docs row too long beside a config type", () => {
    const { repo } = leakedProject(`${CONFIG}  types:\n    api_key: 30d\n`);
    const run = runCli(["rotation", "--now", "2025-10-20", "--format", "json"], { cwd: repo.dir });
    const tooLong = JSON.parse(run.stdout).findings.filter(
      (f: { ruleId: string }) => f.ruleId === "rotation-period-too-long",
    );
    expect(tooLong.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toContain(
      "docs/Rotation_Schedule.md:21",
    );
  });

  it.each([["/etc/passwd"], ["../outside.md"]])(
    "exits 2 naming the field for rotation.docs %s outside the project",
    (doc) => {
      const { repo } = leakedProject(`rotation:\n  docs: [${doc}]\n`);
      const run = runCli(["rotation"], { cwd: repo.dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `leakgate: ${join(repo.dir, ".leakgate.yml")}:2: field "rotation.docs[0]": expected a path inside the project, relative to it, received "${doc}"\n`,
      );
    },
  );

  it("prints the configuration's warnings, as the scanning verbs do", () => {
    const repo = GitRepo.init();
    repos.push(repo);
    repo.write(".gitleaks.toml", `[[rules]]\nid = "lookaround"\nregex = '''secret(?=[0-9]+)'''\n`);
    const run = runCli(["rotation", "--no-history"], { cwd: repo.dir });
    expect(run.stderr).toContain(
      `leakgate: warning: ${join(repo.dir, ".gitleaks.toml")}: rule "lookaround": RE2 cannot compile its regex`,
    );
  });
});
