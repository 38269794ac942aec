import { describe, expect, it } from "vitest";
import { builtinRules } from "../config/builtin-rules.js";
import { patternReach } from "./pattern-reach.js";
import { reachOf, rememberReach, storedReach } from "./reach-table.js";

describe("the reach table", () => {
  it("gives back through JSON exactly what patternReach reads, for every built-in rule", () => {
    for (const rule of builtinRules()) {
      if (!rule.pattern) continue;
      const keywords = rule.keywords.map((k) => k.toLowerCase());
      const stored = JSON.parse(JSON.stringify(storedReach(rule.pattern, rule.keywords)));
      rememberReach(rule.pattern, rule.keywords, stored);
      expect(reachOf(rule.pattern, keywords), rule.id).toEqual(patternReach(rule.pattern, keywords));
    }
  });

  it("reads a pattern afresh when a configuration changed its pattern or keywords", () => {
    rememberReach("acme_[a-z]{8}", ["acme_"], [0, 13]);
    expect(reachOf("acme_[a-z]{8}", ["ACME_"])).toEqual({ maxNewlines: 0, maxBytes: 13 });
    expect(reachOf("acme_[a-z]{9}", ["acme_"])).toEqual(patternReach("acme_[a-z]{9}", ["acme_"]));
    expect(reachOf("acme_[a-z]{8}", ["other"])).toBeUndefined();
  });
});
