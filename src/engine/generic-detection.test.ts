import { describe, expect, it } from "vitest";
import { randomToken } from "../../test/support/fake-secrets.js";
import { builtinRules } from "../config/builtin-rules.js";
import { buildRuleset } from "../config/ruleset.js";
import { emptyConfig } from "../config/types.js";
import { Detector } from "./detector.js";
import { fingerprint } from "./fingerprint.js";
import { mask } from "./mask.js";
import type { Finding } from "./types.js";

/**
 * Generic detection with every built-in rule: values and names that real projects use, each of which must
 * give exactly the one finding expected (or none), whole.
 */
const detector = new Detector(buildRuleset(builtinRules(), emptyConfig()));
const LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";

function scan(path: string, text: string): Finding[] {
  return detector.detect({ data: Buffer.from(text), path, provenance: { kind: "file" }, checkPath: false });
}

/** The finding a generic rule gives for `secret`, on the first line that holds it. */
function expected(ruleId: string, path: string, text: string, secret: string, name?: string) {
  const lines = text.split("\n");
  const index = lines.findIndex((line) => line.includes(secret));
  const column = (lines[index]?.indexOf(secret) ?? 0) + 1;
  return {
    ruleId,
    file: path,
    line: index + 1,
    column,
    endLine: index + 1,
    endColumn: column + secret.length,
    redacted: mask(secret),
    fingerprint: fingerprint(ruleId, secret),
    name,
  };
}

function summary(findings: Finding[]) {
  return findings.map(({ ruleId, file, line, column, endLine, endColumn, redacted, fingerprint, name }) => ({
    ruleId,
    file,
    line,
    column,
    endLine,
    endColumn,
    redacted,
    fingerprint,
    name,
  }));
}

describe("generic values with brackets, `!` or `$`", () => {
  it.each([
    ["an unbalanced parenthesis and brace", () => `${randomToken(2)}}${randomToken(3)}(${randomToken(4)}!9r`],
    ["an open square bracket", () => `${randomToken(8)}[${randomToken(2)}`],
  ])("finds a .env password with %s", (_label, make) => {
    const secret = make();
    const text = `PORT=3000\nDB_PASSWORD=${secret}\n`;
    expect(summary(scan(".env", text))).toEqual([
      expected("generic-password-unquoted", ".env", text, secret, "DB_PASSWORD"),
    ]);
  });

  it("finds a quoted YAML password that starts with `!`", () => {
    const secret = `!${randomToken(3)}#${randomToken(8)}`;
    const text = `db:\n  password: "${secret}"\n`;
    expect(summary(scan("config/app.yml", text))).toEqual([
      expected("generic-password", "config/app.yml", text, secret, "password"),
    ]);
  });

  it("finds a Java password that starts with `$`", () => {
    const secret = `$X${randomToken(3, "0123456789")}${randomToken(8)}`;
    const text = `class Db {\n  String password = "${secret}";\n}\n`;
    expect(summary(scan("src/Db.java", text))).toEqual([
      expected("generic-password", "src/Db.java", text, secret, "password"),
    ]);
  });

  it.each([
    ["a key ending in a parenthesis run", () => `${randomToken(26, LOWER)}(a`],
    ["a django-insecure key", () => `django-insecure-${randomToken(12, LOWER)}(${randomToken(12, LOWER)}@a`],
  ])("finds a Python SECRET_KEY: %s", (_label, make) => {
    const secret = make();
    const text = `DEBUG = False\nSECRET_KEY = "${secret}"\n`;
    expect(summary(scan("app/settings.py", text))).toEqual([
      expected("generic-secret", "app/settings.py", text, secret, "SECRET_KEY"),
    ]);
  });

  it.each([
    ["a call", "password = get_password(name)"],
    ["an indexed access", "password = config[key]"],
    ["a braced name", "password = {db_password}"],
    ["a whole-value variable", "PASSWORD=$SECRET_PASSWORD"],
    ["a braced variable", `PASSWORD=$${"{"}SECRET_PASSWORD}`],
    ["a command substitution", "PASSWORD=$(cat_secret)"],
    ["a CloudFormation tag", "password: !Ref DatabasePassword"],
    ["an Ansible vault tag", "password: !vault |"],
  ])("still drops %s", (_label, text) => {
    expect(summary(scan("deploy/app.yml", `${text}\n`))).toEqual([]);
  });
});

describe("secret names that hold a word such as verify, read, cache or reset", () => {
  it.each([
    "VERIFY_TOKEN",
    "NPM_READ_TOKEN",
    "CACHE_PASSWORD",
    "REDIS_CACHE_PASSWORD",
    "RESET_PASSWORD_SECRET",
  ])("finds the value of %s in a .env file", (name) => {
    const secret = randomToken(20);
    const text = `PORT=3000\n${name}=${secret}\n`;
    const rule = /PASSWORD/.test(name) ? "generic-password-unquoted" : "generic-secret-unquoted";
    expect(summary(scan(".env", text))).toEqual([expected(rule, ".env", text, secret, name)]);
  });

  it.each(["PASSWORD_RESET_URL", "TOKEN_CACHE_DIR", "SECRET_READ_TIMEOUT", "TOKEN_CACHE_TTL"])(
    "drops the value of %s, which names something about a secret",
    (name) => {
      expect(summary(scan(".env", `${name}=${randomToken(20)}\n`))).toEqual([]);
    },
  );
});

describe("public keys and one finding per secret", () => {
  it.each([
    "RECAPTCHA_SITE_KEY",
    "HCAPTCHA_SITEKEY",
    "NEXT_PUBLIC_RECAPTCHA_SITE_KEY",
    "STRIPE_PUBLISHABLE_KEY",
  ])("does not report the public %s", (name) => {
    const text = `${name}=6Lc${randomToken(37)}\n`;
    expect(summary(scan("config/app.properties", text))).toEqual([]);
  });

  it("reports a .pypirc token once, by the PyPI rule, not also by pypirc-password", () => {
    const token = `pypi-AgEIcHlwaS5vcmc${randomToken(70)}`;
    const text = `[pypi]\nusername = __token__\npassword = ${token}\n`;
    expect(summary(scan(".pypirc", text))).toEqual([expected("pypi-api-token", ".pypirc", text, token)]);
  });
});
