#!/usr/bin/env node
// Generates fixtures/recall/: a labeled recall corpus (positives with fake secrets in providers' formats,
// negatives that must give no finding) and fixtures/recall/labels.json. Deterministic (seeded PRNG).
// Usage: node scripts/gen-recall-corpus.mjs
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seed } from "./recall/lib.mjs";
import { negatives as baseNegatives } from "./recall/negatives.mjs";
import { hardNegatives } from "./recall/negatives-hard.mjs";
import { positives as basePositives } from "./recall/positives.mjs";
import { hardPositives } from "./recall/positives-hard.mjs";

const positives = [...basePositives, ...hardPositives];
const negatives = [...baseNegatives, ...hardNegatives];

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "recall");
rmSync(join(root, "positives"), { recursive: true, force: true });
rmSync(join(root, "negatives"), { recursive: true, force: true });

function write(path, content) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

seed(20260604);
const labels = [];
for (const file of positives) {
  const found = [];
  const content = file.build((kind, value) => {
    found.push({ kind, value });
    return value;
  });
  const cursor = new Map();
  for (const { kind, value } of found) {
    const at = content.indexOf(value, cursor.get(value) ?? 0);
    if (at < 0) throw new Error(`${file.path}: secret of kind ${kind} not found in content`);
    cursor.set(value, at + 1);
    const line = content.slice(0, at).split("\n").length;
    labels.push({ file: file.path, line, secret_prefix: value.slice(0, 6), kind });
  }
  write(join(root, "positives", file.path), content);
}
seed(777);
for (const file of negatives) write(join(root, "negatives", file.path), file.build());

write(join(root, "labels.json"), `${JSON.stringify({ positives: labels }, null, 1)}\n`);
const kinds = new Set(labels.map((l) => l.kind));
console.log(
  `${positives.length} positive files, ${labels.length} labeled secrets, ${kinds.size} kinds; ${negatives.length} negative files`,
);
