import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fake, randomToken } from "../../test/support/fake-secrets.js";
import { GitRepo } from "../../test/support/git-repo.js";
import { mask } from "../engine/mask.js";
import type { Finding } from "../engine/types.js";
import {
  looksLikeRealValue,
  readAssignment,
  readCommittedSecrets,
  sightingsFromFindings,
} from "./git-history.js";
import { looksLikeSecretName, looksLikeSecretVariable } from "./secret-names.js";

const repos: GitRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function repo(): GitRepo {
  const made = GitRepo.init();
  repos.push(made);
  return made;
}

describe("readCommittedSecrets", () => {
  it("finds every value committed to a secret name, with its commit, file, line and masked value", async () => {
    const git = repo();
    const password = randomToken(20);
    const key = fake.stripeLive();
    git.commit("template", { ".env.example": "PORT=5000\nMAIL_PASSWORD=\n" }, "2025-01-05T10:00:00Z");
    const sha = git.commit(
      "configure mail",
      {
        "config/app.env": `PORT=5000\nMAIL_PASSWORD="${password}"\n`,
        "src/pay.ts": `const STRIPE_API_KEY = "${key}";\n`,
      },
      "2025-03-05T10:00:00Z",
    );
    const reading = await readCommittedSecrets(git.dir, looksLikeSecretName);
    // git's strict ISO 8601 author date, with the author's zone
    const commit = { sha, author: "Dev Eloper", email: "dev@example.com", date: "2025-03-05T10:00:00+00:00" };
    expect(reading).toEqual({
      sightings: [
        {
          name: "MAIL_PASSWORD",
          kind: "history",
          where: { file: "config/app.env", line: 2, column: 1 },
          commit,
          redacted: mask(password),
        },
        {
          name: "STRIPE_API_KEY",
          kind: "history",
          where: { file: "src/pay.ts", line: 1, column: 7 },
          commit,
          redacted: mask(key),
        },
      ],
    });
  });

  it("counts lines from each hunk of a change, and reads paths git quotes", async () => {
    const git = repo();
    git.commit("settings", { "café.env": "A=1\nB=2\nC=3\n" }, "2025-01-05T10:00:00Z");
    const token = randomToken(24);
    git.commit("token", { "café.env": `A=1\nB=2\nC=3\nAPI_TOKEN=${token}\n` }, "2025-02-05T10:00:00Z");
    const reading = await readCommittedSecrets(git.dir, looksLikeSecretName);
    expect(reading.sightings.map((s) => s.where)).toEqual([{ file: "café.env", line: 4, column: 1 }]);
  });

  it("takes a bare value in code for another variable, and a bare value in a config file for a literal", async () => {
    const git = repo();
    const token = randomToken(24);
    git.commit(
      "code and config",
      {
        "src/client.ts": "const options = {\n  API_TOKEN: tokenFromVault,\n  secret: secretBytes,\n};\n",
        "deploy/values.yaml": `API_TOKEN: ${token}\n`,
      },
      "2025-02-05T10:00:00Z",
    );
    const reading = await readCommittedSecrets(git.dir, looksLikeSecretVariable);
    expect(reading.sightings.map((s) => `${s.name} ${s.where.file}:${s.where.line}`)).toEqual([
      "API_TOKEN deploy/values.yaml:1",
    ]);
  });

  it("says why when the folder is not a git repository", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leakgate-not-a-repo-"));
    try {
      expect(await readCommittedSecrets(dir, looksLikeSecretName)).toEqual({
        sightings: [],
        note: "history was not checked: not a git repository",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("readAssignment", () => {
  it.each([
    ["MAIL_PASSWORD=abc", { name: "MAIL_PASSWORD", value: "abc", quoted: false, column: 1 }],
    ["export API_TOKEN='abc def'", { name: "API_TOKEN", value: "abc def", quoted: true, column: 8 }],
    ["  SECRET_KEY: abc # dev", { name: "SECRET_KEY", value: "abc", quoted: false, column: 3 }],
    ['  "JWT_SECRET": "abc",', { name: "JWT_SECRET", value: "abc", quoted: true, column: 4 }],
  ])("reads %j", (line, assignment) => {
    expect(readAssignment(line)).toEqual(assignment);
  });

  it("reads no value from an unquoted phrase", () => {
    expect(readAssignment("SECRET_KEY: set it in the vault")).toBeUndefined();
  });
});

describe("looksLikeRealValue", () => {
  it.each([
    "your-secret-key-here",
    "changeme123",
    "<AWS_SECRET_ACCESS_KEY>",
    "postgresql://<DB_USER>:<DB_PASSWORD>@<DB_HOST>:5432/<DB_NAME>",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, written as committed
    "${{ secrets.SECRET_KEY }}",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell reference, written as committed
    "${SECRET_KEY}",
    "os.getenv('SECRET_KEY')",
    "xxxxxxxxxxxx",
    "short",
    "NEW_ROTATED_PASSWORD",
  ])("takes %j for a placeholder or a reference", (value) => {
    expect(looksLikeRealValue(value, "NEW_ROTATED_PASSWORD")).toBe(false);
  });

  it("takes a random token for a real value", () => {
    expect(looksLikeRealValue(randomToken(20), "API_TOKEN")).toBe(true);
  });
});

describe("sightingsFromFindings", () => {
  it("keeps the history findings that were assigned to a name", () => {
    const commit = {
      sha: "a".repeat(40),
      author: "Dev",
      email: "dev@example.com",
      date: "2025-03-05T10:00:00Z",
    };
    const base: Finding = {
      ruleId: "generic-api-key",
      description: "Generic secret",
      severity: "high",
      file: "app.env",
      line: 3,
      column: 15,
      endLine: 3,
      endColumn: 35,
      redacted: "ab********",
      fingerprint: "f".repeat(32),
      provenance: { kind: "commit", commit },
    };
    expect(
      sightingsFromFindings([
        { ...base, name: "MAIL_PASSWORD" },
        base,
        { ...base, name: "X", provenance: { kind: "file" } },
      ]),
    ).toEqual([
      {
        name: "MAIL_PASSWORD",
        kind: "history",
        where: { file: "app.env", line: 3, column: 15 },
        commit,
        redacted: "ab********",
      },
    ]);
  });
});
