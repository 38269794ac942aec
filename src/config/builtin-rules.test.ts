import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRuleFiles, readRulesCache, writeRulesCache } from "./builtin-rules.js";

/** Two real rule files copied into a folder of their own, with a cache written for them. */
function cachedCatalogue() {
  const dir = mkdtempSync(join(tmpdir(), "leakgate-rules-cache-"));
  const files = builtinRuleFiles()
    .slice(0, 2)
    .map((source) => {
      const copy = join(dir, source.slice(source.lastIndexOf("/") + 1));
      writeFileSync(copy, readFileSync(source));
      return copy;
    });
  const cache = join(dir, "rules.json");
  writeRulesCache(files, cache);
  // Marks the cached copy, so that a read can tell it from a parse of the YAML.
  const json = JSON.parse(readFileSync(cache, "utf8"));
  json.rules[0].description = "from the cache";
  writeFileSync(cache, JSON.stringify(json));
  return { files, cache };
}

describe("the built-in catalogue's cache", () => {
  it("is read while the rule files are those it was written from", () => {
    const { files, cache } = cachedCatalogue();
    expect(readRulesCache(files, cache)?.[0]?.description).toBe("from the cache");
  });

  it("is still read when only the files' modification times changed, as npm pack and install do", () => {
    const { files, cache } = cachedCatalogue();
    for (const file of files)
      utimesSync(file, new Date("1985-10-26T08:15:00Z"), new Date("1985-10-26T08:15:00Z"));
    expect(readRulesCache(files, cache)?.[0]?.description).toBe("from the cache");
  });

  it("is not read once a rule file was edited, even to the same size", () => {
    const { files, cache } = cachedCatalogue();
    const file = files[0] as string;
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace("description: '", "description: 'X").replace(/.$/s, ""));
    expect(readFileSync(file, "utf8").length).toBe(text.length);
    expect(readRulesCache(files, cache)).toBeUndefined();
  });
});
