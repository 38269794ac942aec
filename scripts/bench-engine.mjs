#!/usr/bin/env node
// Engine throughput on real code, one core: MB/s of Detector.detect over the files of a folder (default:
// this project's node_modules), with the whole catalogue and with growing subsets of it, beside the
// cost of merely reading the same bytes (a Buffer.indexOf pass) as the floor. Medians of several runs.
//
//   npm run build && npm run bench [-- --dir PATH] [--mb 64] [--runs 5]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { dir: { type: "string" }, mb: { type: "string" }, runs: { type: "string" } },
});
const root = new URL("..", import.meta.url).pathname;
const dir = values.dir ?? join(root, "node_modules");
const limit = Number(values.mb ?? 64) * 1024 * 1024;
const runs = Number(values.runs ?? 5);

const { builtinRules } = await import(join(root, "build/config/builtin-rules.js"));
const { buildRuleset } = await import(join(root, "build/config/ruleset.js"));
const { emptyConfig } = await import(join(root, "build/config/types.js"));
const { Detector } = await import(join(root, "build/engine/detector.js"));
const { regexEngine } = await import(join(root, "build/engine/regex.js"));

function collect(folder, out, budget) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (budget.left <= 0) return;
    const full = join(folder, entry.name);
    if (entry.isDirectory()) collect(full, out, budget);
    else if (entry.isFile()) {
      const size = statSync(full).size;
      if (size === 0 || size > 4 * 1024 * 1024) continue;
      const data = readFileSync(full);
      if (data.subarray(0, 8000).includes(0)) continue;
      out.push({ data, path: full.slice(dir.length + 1), provenance: { kind: "file" } });
      budget.left -= size;
    }
  }
}

const fragments = [];
collect(dir, fragments, { left: limit });
const bytes = fragments.reduce((sum, f) => sum + f.data.length, 0);
const mb = bytes / 1024 / 1024;

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median CPU seconds of this process over the runs: on a shared machine, wall time mostly measures the neighbours. */
function time(fn) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1e6);
  }
  return median(samples);
}

const floor = time(() => {
  let lines = 0;
  for (const f of fragments)
    for (let at = f.data.indexOf(10); at !== -1; at = f.data.indexOf(10, at + 1)) lines++;
  return lines;
});

const all = builtinRules();
const sizes = [10, 50, 100, all.length].filter((n, i, list) => n <= all.length && list.indexOf(n) === i);
console.log(`corpus: ${fragments.length} files, ${mb.toFixed(1)} MiB from ${dir}`);
console.log(
  `regex engine: ${regexEngine()}, node ${process.version}, ${runs} runs each, medians of CPU time`,
);
console.log(`floor (one indexOf pass counting lines): ${(mb / floor).toFixed(0)} MB/s`);
console.log("rules  seconds  MB/s   findings  vs floor");
for (const n of sizes) {
  const detector = new Detector(buildRuleset(all.slice(0, n), emptyConfig()));
  let findings = 0;
  const seconds = time(() => {
    findings = 0;
    for (const f of fragments) findings += detector.detect(f).length;
  });
  const rate = mb / seconds;
  console.log(
    `${String(n).padStart(5)}  ${seconds.toFixed(3).padStart(7)}  ${rate.toFixed(0).padStart(5)}  ${String(findings).padStart(8)}  ${(seconds / floor).toFixed(1)}x`,
  );
}
