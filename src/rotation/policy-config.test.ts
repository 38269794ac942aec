import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readConfigFile } from "../config/config-file.js";
import { emptyConfig } from "../config/types.js";
import { ConfigError } from "../errors.js";
import { parseDate, parsePeriod } from "./period.js";
import { readRotationSettings } from "./policy-config.js";

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "leakgate-rotation-config-"));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function settingsOf(yaml: string) {
  const file = join(root, ".leakgate.yml");
  writeFileSync(file, yaml);
  return readRotationSettings(readConfigFile(file), root);
}

function errorOf(yaml: string): ConfigError {
  try {
    settingsOf(yaml);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("readRotationSettings", () => {
  it("gives the defaults when there is no rotation section", () => {
    expect(readRotationSettings(emptyConfig(), root)).toEqual({
      maxDays: 90,
      warnDays: 14,
      docs: [],
      ignore: ["GITHUB_TOKEN"],
      discover: true,
      secrets: [],
      types: [],
    });
  });

  it("reads every field, each with the line it stands on", () => {
    const settings = settingsOf(
      [
        "rotation:",
        "  max_days: 180",
        "  warn_days: 7",
        "  docs: docs/Env.md",
        "  ignore: [ci-deploy-token]",
        "  types:",
        "    api_key: 30d",
        "  secrets:",
        "    - name: MAIL_PASSWORD",
        "      rotate_every: 90 days",
        "      last_rotated: 2025-10-01",
        '      owner: "@backend"',
        "      store: aws:store-system/smtp-creds",
        "      key_id: smtp-password",
        "      type: smtp",
      ].join("\n"),
    );
    const at = (line: number) => ({ file: ".leakgate.yml", line, column: 1 });
    expect(settings).toEqual({
      maxDays: 180,
      warnDays: 7,
      docs: [{ path: "docs/Env.md", where: at(4) }],
      ignore: ["GITHUB_TOKEN", "CI_DEPLOY_TOKEN"],
      discover: true,
      types: [
        {
          type: "api_key",
          label: "api_key",
          period: { text: "30d", parsed: parsePeriod("30d"), where: at(7) },
          where: at(7),
        },
      ],
      secrets: [
        {
          name: "MAIL_PASSWORD",
          where: at(9),
          period: { text: "90 days", parsed: parsePeriod("90 days"), where: at(10) },
          lastRotated: { text: "2025-10-01", parsed: parseDate("2025-10-01"), where: at(11) },
          owner: "@backend",
          store: "aws:store-system/smtp-creds",
          keyId: "smtp-password",
          type: "smtp",
        },
      ],
    });
  });

  it("keeps a period or date it cannot read as written, for a finding", () => {
    const settings = settingsOf(
      [
        "rotation:",
        "  secrets:",
        "    - name: A_TOKEN",
        "      rotate_every: whenever",
        "      last_rotated: 13/13/2025",
      ].join("\n"),
    );
    expect(settings.secrets[0]?.period?.parsed).toEqual({ kind: "unreadable" });
    expect(settings.secrets[0]?.lastRotated?.parsed).toEqual({
      error: "ambiguous day and month order; write it as YYYY-MM-DD",
    });
  });

  it.each([
    [
      "rotation:\n  max_days: ninety\n",
      2,
      "rotation.max_days",
      'field "rotation.max_days": expected a whole number of days, at least 1, received "ninety"',
    ],
    [
      "rotation:\n  secrets:\n    - rotate_every: 30d\n",
      3,
      "rotation.secrets[0].name",
      'field "rotation.secrets[0].name": expected a non-empty string, received nothing',
    ],
    [
      "rotation:\n  secrets:\n    - name: A\n      rotate_evry: 30d\n",
      4,
      "rotation.secrets[0].rotate_evry",
      'field "rotation.secrets[0].rotate_evry": expected one of the fields name, rotate_every, last_rotated, owner, store, key_id, type, received an unknown field "rotate_evry"',
    ],
    [
      "rotation:\n  types:\n    feature_flags: 30d\n",
      3,
      "rotation.types.feature_flags",
      'field "rotation.types.feature_flags": expected a type of secret: aws, jwt, smtp, database, encryption_key, ssh_key, oauth, webhook, api_key, password, token, secret_key, received "feature_flags"',
    ],
    [
      "rotation:\n  secrets:\n    - name: A_TOKEN\n    - name: a-token\n",
      4,
      "rotation.secrets[1].name",
      'field "rotation.secrets[1].name": expected a name not declared already (line 3), received "a-token"',
    ],
    [
      "rotation:\n  secrets:\n    - name: A_TOKEN\n      rotate_every: [30d]\n",
      4,
      "rotation.secrets[0].rotate_every",
      'field "rotation.secrets[0].rotate_every": expected a period such as 30d, "90 days", quarterly or "6 months", received ["30d"]',
    ],
  ])("rejects a wrong shape with the file, line and field: %j", (yaml, line, field, message) => {
    const error = errorOf(yaml);
    expect({ file: error.file, line: error.line, field: error.field, message: error.message }).toEqual({
      file: join(root, ".leakgate.yml"),
      line,
      field,
      message: `${join(root, ".leakgate.yml")}:${line}: ${message}`,
    });
  });
});
