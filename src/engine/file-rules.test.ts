import { describe, expect, it } from "vitest";
import { randomToken } from "../../test/support/fake-secrets.js";
import { builtinRules } from "../config/builtin-rules.js";
import { buildRuleset } from "../config/ruleset.js";
import { emptyConfig } from "../config/types.js";
import { Detector } from "./detector.js";
import { fingerprint } from "./fingerprint.js";
import { mask } from "./mask.js";

/** The built-in file rules: which committed files are reported by name, and which only when they hold a credential. */
const detector = new Detector(buildRuleset(builtinRules(), emptyConfig()));
const provenance = { kind: "file" } as const;

function scan(path: string, text = "") {
  return detector.detect({ data: Buffer.from(text), path, provenance });
}

function fileFinding(ruleId: string, path: string, severity = "high") {
  return {
    ruleId,
    description: expect.any(String),
    severity,
    file: path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    redacted: path.slice(path.lastIndexOf("/") + 1),
    fingerprint: fingerprint(ruleId, path),
    kind: "file",
    provenance,
  };
}

describe("dotenv-file", () => {
  it.each([".env.test", "ci/.env.ci", "docker/.env.docker", "x.env", "config/app.env", ".env.keys"])(
    "reports %s",
    (path) => {
      expect(scan(path)).toEqual([fileFinding("dotenv-file", path)]);
    },
  );

  it.each([
    ".env.example",
    ".env.local.sample",
    "app.env.template",
    ".env.tmpl",
    "sample.env",
    ".env.vault",
    ".envrc",
    "env.example",
  ])("does not report the template or look-alike %s", (path) => {
    expect(scan(path)).toEqual([]);
  });
});

describe("ssh-private-key-file", () => {
  it.each(["backup/id_rsa_backup.pub", ".ssh/id_ed25519_work.pub"])(
    "never reports the public key %s",
    (path) => {
      expect(scan(path)).toEqual([]);
    },
  );

  it("still reports a private key with a suffix", () => {
    expect(scan("ci/id_rsa_backup")).toEqual([
      fileFinding("ssh-private-key-file", "ci/id_rsa_backup", "critical"),
    ]);
  });
});

describe("credential files that count only with a credential in them", () => {
  it("does not report an empty .git-credentials or a .pgpass of comments", () => {
    expect(scan(".git-credentials", "")).toEqual([]);
    expect(scan("home/.pgpass", "# hostname:port:database:username:password\n")).toEqual([]);
  });

  it("reports the password of a .pgpass entry, masked, on its line", () => {
    const password = randomToken(14);
    const [finding, ...rest] = scan("home/.pgpass", `# prod\ndb.corp.net:5432:app:deploy:${password}\n`);
    expect(rest).toEqual([]);
    expect(finding).toEqual({
      ruleId: "pgpass-password",
      description: "Password in a PostgreSQL .pgpass file",
      severity: "high",
      file: "home/.pgpass",
      line: 2,
      column: 29,
      endLine: 2,
      endColumn: 29 + password.length,
      redacted: mask(password),
      fingerprint: fingerprint("pgpass-password", password),
      entropy: expect.any(Number),
      name: "deploy",
      provenance,
    });
  });

  it("reports a .git-credentials line by its password", () => {
    const password = randomToken(14);
    const findings = scan(".git-credentials", `https://deploy:${password}@github.com\n`);
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.redacted])).toEqual([
      ["url-credentials", 1, 16, mask(password)],
    ]);
  });
});
