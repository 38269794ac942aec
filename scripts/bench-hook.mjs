#!/usr/bin/env node
// Wall time of the pre-commit hook as git runs it (the file `leakgate install` writes, running
// `leakgate staged --hook` with the built-in catalogue), on a commit of 10 files and one of 500 files,
// beside `git diff --cached` on the same index (the floor: git alone producing the patch) and a bare
// `node` start. Medians of several runs. The files are this project's own sources, so the text is real
// code, copied under new names until the commit has enough files.
//
//   npm run build && npm run bench:hook [-- --runs 11] [--sizes 10,500] [--bin FILE]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { runs: { type: "string" }, sizes: { type: "string" }, bin: { type: "string" } },
});
const runs = Number(values.runs ?? 11);
const sizes = (values.sizes ?? "10,500").split(",").map(Number);
const root = new URL("..", import.meta.url).pathname;
// --bin: another build of the CLI (a file that runs build/cli/main.js), e.g. one compiled elsewhere.
const bin = values.bin ?? join(root, "bin/leakgate.js");

function sourceFiles(folder, out = []) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (/\.ts$/.test(entry.name) && statSync(full).size < 64 * 1024) out.push(full);
  }
  return out;
}

function git(dir, ...args) {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Milliseconds of one run of a command, which must exit 0. */
function timeOnce(dir, command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr}${result.stdout}`);
  }
  return ms;
}

function median(dir, command, args) {
  timeOnce(dir, command, args); // warm the page cache and git's index stat data
  const samples = Array.from({ length: runs }, () => timeOnce(dir, command, args)).sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** A repository with one earlier commit, and `count` new files staged on top of it. */
function stagedRepository(count, sources) {
  const dir = mkdtempSync(join(tmpdir(), "leakgate-bench-hook-"));
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "user.email", "bench@example.com");
  git(dir, "config", "user.name", "Bench");
  writeFileSync(join(dir, "README.md"), "# bench\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "Start");
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length];
    const target = join(
      dir,
      `pkg${Math.floor(i / 50)}`,
      `${i}-${source.slice(root.length).replace(/\//g, "_")}`,
    );
    mkdirSync(dirname(target), { recursive: true });
    const data = readFileSync(source);
    writeFileSync(target, data);
    bytes += data.length;
  }
  git(dir, "add", "-A");
  const install = spawnSync(process.execPath, [bin, "install"], { cwd: dir, encoding: "utf8" });
  if (install.status !== 0) throw new Error(`leakgate install failed: ${install.stderr}`);
  return { dir, bytes };
}

// Not rules/: its examples are fake secrets, and the benchmark times a commit that passes.
const sources = sourceFiles(join(root, "src"));
console.log(
  `leakgate hook benchmark: median of ${runs} runs; node ${process.version}, git ${git(root, "--version").trim().replace("git version ", "")}`,
);
console.log("");
console.log("files  bytes      git diff --cached  node start  hook (leakgate staged --hook)");
for (const count of sizes) {
  const { dir, bytes } = stagedRepository(count, sources);
  try {
    const diff = median(dir, "git", ["diff", "--cached", "-p"]);
    const node = median(dir, process.execPath, ["-e", ""]);
    const hook = median(dir, "sh", [join(dir, ".git/hooks/pre-commit")]);
    console.log(
      `${String(count).padStart(5)}  ${`${(bytes / 1024).toFixed(0)} KiB`.padEnd(9)}  ${`${diff.toFixed(1)} ms`.padStart(17)}  ${`${node.toFixed(1)} ms`.padStart(10)}  ${hook.toFixed(1)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
