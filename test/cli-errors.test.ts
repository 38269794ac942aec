import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { randomToken } from "./support/fake-secrets.js";
import { runCli } from "./support/run-cli.js";

/** What the CLI says when the user's paths, files or configuration are wrong: a clean message and exit 2. */
const folders: string[] = [];
function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "leakgate-errors-"));
  folders.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ACME_RULES = `rules:
  - id: acme-token
    description: Acme API token
    severity: high
    keywords: [acme_]
    pattern: '\\b(acme_[A-Za-z0-9]{30})\\b'
`;

describe("leakgate scan --config", () => {
  it("reads a relative --config from the current folder, not from the scanned one", () => {
    const dir = folder({ "my.yml": ACME_RULES, "sub/app.js": `const k = "acme_${randomToken(30)}";\n` });
    const run = runCli(["scan", "sub", "-c", "my.yml", "--format", "json", "--quiet"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(
      JSON.parse(run.stdout).findings.map((f: { ruleId: string; file: string }) => [f.ruleId, f.file]),
    ).toEqual([["acme-token", "app.js"]]);
    expect(run.status).toBe(1);
  });

  it("names a missing configuration file and exits 2, without a stack trace", () => {
    const dir = folder({ "a.txt": "nothing\n" });
    const run = runCli(["scan", ".", "-c", "missing.yml"], { cwd: dir });
    expect(run.stderr).toBe(
      `leakgate: ${join(dir, "missing.yml")}: the configuration file does not exist (--config)\n`,
    );
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
  });
});

describe("leakgate scan PATH", () => {
  it("exits 2 and names a path that does not exist", () => {
    const dir = folder({ "a.txt": "nothing\n" });
    const run = runCli(["scan", "a.txt", "nowhere"], { cwd: dir });
    expect(run.stderr).toBe(`leakgate: no such file or folder: ${join(dir, "nowhere")}\n`);
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
  });

  it("skips and counts a FIFO instead of waiting on it forever", () => {
    const dir = folder({ "a.txt": "nothing\n" });
    execFileSync("mkfifo", [join(dir, "pipe")]);
    const direct = runCli(["scan", "pipe", "--format", "json"], { cwd: dir });
    expect(JSON.parse(direct.stdout).stats.skipped).toEqual({ special: 1 });
    expect(direct.status).toBe(0);
    const walked = runCli(["scan", ".", "--format", "json"], { cwd: dir });
    expect(JSON.parse(walked.stdout).stats).toMatchObject({ fragments: 1, skipped: { special: 1 } });
    expect(walked.status).toBe(0);
  });
});

describe("leakgate output errors", () => {
  it.each([
    ["a folder that does not exist", "missing/dir/out.json", "its folder does not exist"],
    ["a folder", "reports", "it is a folder; give a file name"],
  ])("exits 2 with a clean message when --output is %s", (_label, output, reason) => {
    const dir = folder({ "a.txt": "nothing\n", "reports/keep": "" });
    const run = runCli(["scan", "a.txt", "-o", output], { cwd: dir });
    expect(run.stderr).toBe(`leakgate: --output ${output}: cannot write the report: ${reason}\n`);
    expect(run.status).toBe(2);
  });

  it("ends quietly when the reader of standard output goes away (`leakgate rules | true`)", () => {
    const bin = process.env.LEAKGATE_TEST_BIN ?? "";
    const run = spawnSync("bash", ["-c", 'node "$0" rules | true; echo $PIPESTATUS', bin], {
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("0\n");
  });
});
