#!/usr/bin/env node
// `leakgate history` beside its floors, in one run: the time of `git cat-file --batch-all-objects --batch`
// (git alone reading every object) and of `git log -p --all` (git alone producing every patch), then the
// time, peak memory and MB/s of `leakgate history` on the same repository, and the ratios. Medians of
// --runs. The repository is --repo (e.g. one made by /work/shared/bench/make-history-corpus.sh), or a
// synthetic one of --synthetic N commits of real code (this project's sources) built with fast-import.
//
//   npm run build && npm run bench:history [-- --repo PATH | --synthetic 20000] [--runs 3] [--main FILE]
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    repo: { type: "string" },
    synthetic: { type: "string" },
    runs: { type: "string" },
    main: { type: "string" },
    keep: { type: "boolean" },
  },
});
const root = new URL("..", import.meta.url).pathname;
const runs = Number(values.runs ?? 3);
// --main: another build's cli/main.js (e.g. compiled into a scratch folder).
const mainModule = values.main ?? join(root, "build/cli/main.js");

const scratch = mkdtempSync(join(tmpdir(), "leakgate-bench-history-"));
const repo = values.repo ?? buildSynthetic(join(scratch, "repo"), Number(values.synthetic ?? 20000));

function sourceFiles(folder, out = []) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (/\.(ts|mjs|md|yaml)$/.test(entry.name) && statSync(full).size < 32 * 1024) out.push(full);
  }
  return out;
}

/** N commits, each changing a few files of a growing tree of real text: git's shape, made in seconds. */
function buildSynthetic(dir, commits) {
  // Only code: the rule files hold example secrets, which would make this a benchmark of findings.
  const seeds = sourceFiles(join(root, "src"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(f, "utf8").split("\n"));
  execFileSync("git", ["init", "-q", "-b", "main", dir]);
  const chunks = [];
  const files = new Map();
  let seed = 1;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  for (let i = 1; i <= commits; i += 1) {
    const changes = [];
    const touch = 1 + Math.floor(random() * 4);
    for (let j = 0; j < touch; j += 1) {
      const grow = files.size < 200 || random() < 0.15;
      const path = grow ? `pkg${Math.floor(random() * 40)}/file${files.size}.ts` : pick([...files.keys()]);
      const lines = files.get(path) ?? pick(seeds).slice(0, 120);
      const at = Math.floor(random() * (lines.length + 1));
      const next = [...lines];
      next.splice(at, random() < 0.3 ? 1 : 0, ...pick(seeds).slice(0, 1 + Math.floor(random() * 6)));
      files.set(path, next);
      const data = Buffer.from(next.join("\n"));
      changes.push(`M 100644 inline ${path}\ndata ${data.length}\n`, data, "\n");
    }
    const message = `commit ${i}`;
    chunks.push(
      `commit refs/heads/main\ncommitter Bench <bench@example.invalid> ${1_600_000_000 + i * 60} +0000\ndata ${message.length}\n${message}\n`,
      ...changes,
      "\n",
    );
  }
  const stream = Buffer.concat(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));
  execFileSync("git", ["fast-import", "--quiet"], { cwd: dir, input: stream, maxBuffer: 1 << 30 });
  execFileSync("git", ["gc", "-q"], { cwd: dir });
  execFileSync("git", ["checkout", "-q", "main"], { cwd: dir });
  return dir;
}

/** Runs a command with its output piped into this process (as leakgate reads git), timing it. */
function timed(command, args, cwd, env = process.env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let bytes = 0;
    let stdout = "";
    let stderr = "";
    const keep = command !== "git";
    child.stdout.on("data", (chunk) => {
      bytes += chunk.length;
      if (keep) stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", () => resolve({ ms: performance.now() - started, bytes, stdout, stderr }));
  });
}

/** `git rev-list --objects | git cat-file --batch`: the blobs leakgate reads, in its order, with no scan. */
function timedBlobPipeline(cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const list = spawn("git", ["rev-list", "--objects", "--all", "--filter=object:type=blob"], { cwd });
    const cat = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "ignore"] });
    let pending = "";
    list.stdout.on("data", (chunk) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop();
      const ids = lines.filter((line) => line.includes(" ")).map((line) => line.slice(0, line.indexOf(" ")));
      if (ids.length > 0 && !cat.stdin.write(`${ids.join("\n")}\n`)) list.stdout.pause();
    });
    cat.stdin.on("drain", () => list.stdout.resume());
    list.on("close", () => cat.stdin.end());
    let bytes = 0;
    cat.stdout.on("data", (chunk) => {
      bytes += chunk.length;
    });
    cat.on("error", reject);
    cat.on("close", () => resolve({ ms: performance.now() - started, bytes }));
  });
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const wrapper = join(scratch, "run.mjs");
writeFileSync(
  wrapper,
  `const { main } = await import(${JSON.stringify(mainModule)});
const code = await main(process.argv.slice(2));
const { user, system } = process.cpuUsage();
process.stderr.write("\\nBENCH " + JSON.stringify({ code, maxRSS: process.resourceUsage().maxRSS, cpuMs: (user + system) / 1000 }) + "\\n");
process.exitCode = code === 2 ? 2 : 0;
`,
);

const count = (args) => execFileSync("git", args, { cwd: repo, encoding: "utf8", maxBuffer: 1 << 30 }).trim();
const commitCount = Number(count(["rev-list", "--count", "--all"]));
const blobCount = Number(
  count(["rev-list", "--objects", "--all", "--filter=object:type=blob", "--filter-provided-objects"]).split(
    "\n",
  ).length,
);
console.log(`repository: ${repo}`);
console.log(
  `  ${commitCount} commits, ${blobCount} unique blobs, .git ${execFileSync("du", ["-sh", join(repo, ".git")], { encoding: "utf8" }).split("\t")[0]}`,
);

const catFile = [];
const pipeline = [];
const logP = [];
const history = [];
const serial = [];
let last;
for (let i = 0; i < runs; i += 1) {
  catFile.push((await timed("git", ["cat-file", "--batch-all-objects", "--batch"], repo)).ms);
  logP.push((await timed("git", ["log", "-p", "--all", "--no-color"], repo)).ms);
  pipeline.push((await timedBlobPipeline(repo)).ms);
  last = await leakgateHistory();
  history.push(last);
  // The same scan with detection on the main thread only (no worker pool), for comparison.
  serial.push(await leakgateHistory({ LEAKGATE_WORKERS: "0" }));
}

async function leakgateHistory(env = {}) {
  const args = [wrapper, "history", "--format", "json", "--quiet"];
  const run = await timed(process.execPath, args, repo, { ...process.env, ...env });
  const bench = /BENCH (.*)/.exec(run.stderr);
  if (!bench) throw new Error(`leakgate history failed:\n${run.stderr}`);
  const { maxRSS, cpuMs } = JSON.parse(bench[1]);
  return { ms: run.ms, rss: maxRSS, cpuMs, report: JSON.parse(run.stdout) };
}

const floor = median(catFile);
const logFloor = median(logP);
const blobFloor = median(pipeline);
const wall = median(history.map((h) => h.ms));
const peak = Math.max(...history.map((h) => h.rss)) / 1024;
const serialWall = median(serial.map((h) => h.ms));
const serialPeak = Math.max(...serial.map((h) => h.rss)) / 1024;
const stats = last.report.stats;
const mb = stats.bytes / 1024 / 1024;
console.log(
  `  leakgate read ${stats.fragments} blobs (${mb.toFixed(1)} MB), skipped ${JSON.stringify(stats.skipped)}, ${last.report.findings.length} findings`,
);
console.log("");
console.log(`git cat-file --batch-all-objects --batch   ${floor.toFixed(0).padStart(8)} ms   (floor)`);
console.log(`git log -p --all                           ${logFloor.toFixed(0).padStart(8)} ms`);
console.log(
  `leakgate history                           ${wall.toFixed(0).padStart(8)} ms   peak RSS ${peak.toFixed(0)} MB   ${(mb / (wall / 1000)).toFixed(1)} MB/s   CPU ${(median(history.map((h) => h.cpuMs)) / 1000).toFixed(1)} s`,
);
console.log(
  `  LEAKGATE_WORKERS=0 (no pool)             ${serialWall.toFixed(0).padStart(8)} ms   peak RSS ${serialPeak.toFixed(0)} MB   ${(mb / (serialWall / 1000)).toFixed(1)} MB/s   CPU ${(median(serial.map((h) => h.cpuMs)) / 1000).toFixed(1)} s`,
);
console.log("");
console.log(`history / cat-file floor: ${(wall / floor).toFixed(2)}x   (target: within 2x)`);
console.log(`history / log -p:         ${(wall / logFloor).toFixed(2)}x`);
console.log(`no pool / cat-file floor: ${(serialWall / floor).toFixed(2)}x`);
console.log(`history / rev-list | cat-file: ${(wall / blobFloor).toFixed(2)}x   (the rest is the detector)`);
console.log(`medians of ${runs} runs`);

if (!values.keep) rmSync(scratch, { recursive: true, force: true });
else console.log(`kept ${scratch}`);
