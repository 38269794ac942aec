#!/usr/bin/env node
// Differential check of keyword windows: every file of the given folders is scanned by two detectors, one
// running rules on keyword windows (the default) and one running every rule on whole fragments; their
// findings must be identical. Prints the files where they differ; exit code 1 if any.
//
//   npm run build && node scripts/diff-keyword-windows.mjs [DIR…] [--mb 256]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({ options: { mb: { type: "string" } }, allowPositionals: true });
const root = new URL("..", import.meta.url).pathname;
const dirs =
  positionals.length > 0 ? positionals : [join(root, "node_modules"), join(root, "fixtures/recall")];
const limit = Number(values.mb ?? 256) * 1024 * 1024;

const { builtinRules } = await import(join(root, "build/config/builtin-rules.js"));
const { buildRuleset } = await import(join(root, "build/config/ruleset.js"));
const { emptyConfig } = await import(join(root, "build/config/types.js"));
const { Detector } = await import(join(root, "build/engine/detector.js"));

const ruleset = buildRuleset(builtinRules(), emptyConfig());
const windowed = new Detector(ruleset);
const whole = new Detector(ruleset, { keywordWindows: false });

function* files(folder, budget) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (budget.left <= 0) return;
    const full = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(full, budget);
    else if (entry.isFile()) {
      const size = statSync(full).size;
      if (size === 0 || size > 4 * 1024 * 1024) continue;
      budget.left -= size;
      yield full;
    }
  }
}

let scanned = 0;
let findings = 0;
let differences = 0;
for (const dir of dirs) {
  for (const file of files(dir, { left: limit })) {
    const data = readFileSync(file);
    const fragment = { data, path: file.slice(dir.length + 1), provenance: { kind: "file" } };
    const a = JSON.stringify(windowed.detect(fragment, { unmask: true }));
    const b = JSON.stringify(whole.detect(fragment, { unmask: true }));
    scanned += 1;
    findings += JSON.parse(b).length;
    if (a !== b) {
      differences += 1;
      // Compared with the raw secrets, printed masked: this script never shows a secret.
      const shown = (detector) =>
        detector
          .detect(fragment)
          .map((f) => `${f.ruleId}:${f.line}:${f.column} ${f.redacted}`)
          .join(", ");
      console.log(`DIFFERS ${file}\n  windows: ${shown(windowed)}\n  whole:   ${shown(whole)}`);
    }
  }
}
console.log(`${scanned} files, ${findings} findings, ${differences} files differ`);
process.exit(differences > 0 ? 1 : 0);
