import { describe, expect, it } from "vitest";
import { builtinRuleFiles, builtinRules, readRuleFile } from "../src/config/builtin-rules.js";
import { checkRules } from "../src/config/check-rules.js";

/**
 * The catalogue tests itself: every example of every rule goes through the whole pipeline beside every
 * other rule and must give exactly its rule; every negative example must give nothing at all.
 */
describe("the built-in rule catalogue", () => {
  const all = builtinRules();

  it("holds at least 150 rules with unique ids", () => {
    const ids = all.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(150);
  });

  for (const file of builtinRuleFiles()) {
    const name = file.slice(file.lastIndexOf("/") + 1);
    it(`${name}: every example gives exactly its rule and every negative example gives nothing`, () => {
      const problems = checkRules(readRuleFile(file), all, { strict: true });
      expect(problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    });
  }
});
