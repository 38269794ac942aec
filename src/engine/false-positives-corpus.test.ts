import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../config/builtin-rules.js";
import { buildRuleset } from "../config/ruleset.js";
import { emptyConfig } from "../config/types.js";
import { packageRoot } from "../package-root.js";
import { Detector } from "./detector.js";

/**
 * The labelled corpus of fixtures/corpus: every file under positives/ holds one real-shaped secret in some
 * language or file type and must give a finding; every file under negatives/ (lockfiles, bundles, hashes,
 * placeholders, references, names that are not secrets) must give none, from any built-in rule.
 */
const corpus = join(packageRoot(), "fixtures", "corpus");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

const detector = new Detector(buildRuleset(builtinRules(), emptyConfig()));

function scan(root: string, path: string) {
  const data = readFileSync(join(root, path));
  return detector.detect({ data, path, provenance: { kind: "file" } });
}

describe("the detection corpus", () => {
  const positives = join(corpus, "positives");
  const negatives = join(corpus, "negatives");

  it.each(filesUnder(positives))("finds the secret in positives/%s", (path) => {
    expect(scan(positives, path).length).toBeGreaterThan(0);
  });

  it.each(filesUnder(negatives))("finds nothing in negatives/%s", (path) => {
    expect(scan(negatives, path).map((f) => `${f.ruleId} at line ${f.line}`)).toEqual([]);
  });
});
