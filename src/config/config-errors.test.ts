import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { captureGroups } from "../engine/capture-groups.js";
import type { RuleDefinition } from "../engine/types.js";
import { ConfigError } from "../errors.js";
import { loadRuleset } from "./ruleset.js";

/** A wrong `.leakgate.yml` is a ConfigError that names the file, the line, the field and what was expected. */
const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function loadError(yaml: string): Promise<{ message: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), "leakgate-config-"));
  folders.push(dir);
  const file = join(dir, ".leakgate.yml");
  writeFileSync(file, yaml);
  try {
    await loadRuleset({ root: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return { message: (error as Error).message, file };
  }
  throw new Error("the configuration loaded without an error");
}

const rule = (id: string, extra = "") =>
  `  - id: ${id}\n    description: Acme token\n    severity: high\n    keywords: [acme_]\n    pattern: '(acme_[a-z0-9]{20})'\n${extra}`;

describe("configuration errors", () => {
  it("gives file, line and column for invalid YAML", async () => {
    const { message, file } = await loadError("fail_on: high\nrules:\n  - id: [unclosed\n");
    expect(message).toMatch(new RegExp(`^${regexLiteral(file)}:4:1: invalid YAML: `));
  });

  it("names the rule, the line and the field of an invalid custom regex, and the file once", async () => {
    const yaml = `rules:\n${rule("acme-token")}  - id: broken\n    description: Broken\n    severity: high\n    pattern: '(unclosed'\n`;
    const { message, file } = await loadError(yaml);
    expect(message).toMatch(
      new RegExp(
        `^${regexLiteral(file)}:10: rule "broken": field "rules\\[1\\]\\.pattern": expected a regular expression in RE2 syntax \\(.+\\), received "\\(unclosed"$`,
      ),
    );
    expect(message.split(file).length).toBe(2);
  });

  it("names the line and index of a bad allow.regexes entry", async () => {
    const { message, file } = await loadError("allow:\n  regexes:\n    - '^ok$'\n    - '[bad'\n");
    expect(message).toMatch(
      new RegExp(
        `^${regexLiteral(file)}:4: field "allow\\.regexes\\[1\\]": expected a regular expression in RE2 syntax`,
      ),
    );
  });

  it.each([
    ["5", "a number from 0 to 1, received 5"],
    ["nm", 'a number from 0 to 1, received "nm"'],
  ])("rejects secretGroup: %s, which the pattern does not have", async (group, tail) => {
    const { message, file } = await loadError(`rules:\n${rule("acme-token", `    secretGroup: ${group}\n`)}`);
    expect(message).toBe(
      `${file}:7: rule "acme-token": field "rules[0].secretGroup": expected a group of the pattern: ${tail}`,
    );
  });

  it("accepts a named secretGroup the pattern defines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leakgate-config-"));
    folders.push(dir);
    const named = rule("acme-token", "    secretGroup: tok\n").replace("(acme_", "(?P<tok>acme_");
    writeFileSync(join(dir, ".leakgate.yml"), `rules:\n${named}`);
    const { ruleset } = await loadRuleset({ root: dir });
    expect(ruleset.rules.find((r) => r.id === "acme-token")?.secretGroup).toBe("tok");
  });

  it("rejects two custom rules with one id, naming both lines", async () => {
    const { message, file } = await loadError(`rules:\n${rule("acme-token")}${rule("acme-token")}`);
    expect(message).toBe(
      `${file}:7: rule "acme-token" is defined twice (at line 2 and line 7); give each custom rule its own id`,
    );
  });
});

describe("captureGroups", () => {
  it("counts numbered and named groups, not non-capturing ones, escapes or classes", () => {
    expect(captureGroups("(?i)(?:a|b)(?P<name>x)\\((y)[(]z(?<other>w)")).toEqual({
      count: 3,
      names: ["name", "other"],
    });
  });
});

describe("rules compiled outside a YAML file", () => {
  it("rejects a secretGroup the pattern does not have", async () => {
    const { buildRuleset } = await import("./ruleset.js");
    const { emptyConfig } = await import("./types.js");
    const definition: RuleDefinition = {
      id: "acme-token",
      description: "Acme",
      severity: "high",
      keywords: [],
      pattern: "(acme_[a-z]{4})",
      secretGroup: 2,
      references: [],
      remediation: "",
      examples: [],
      negativeExamples: [],
    };
    expect(() => buildRuleset([], { ...emptyConfig(), rules: [definition] })).toThrow(
      'rule "acme-token": invalid secretGroup: the pattern has no group 2 (expected 0 to 1)',
    );
  });
});

function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
