import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * Compiles the CLI once per test run into a folder of its own, so that end-to-end tests run the real
 * JavaScript a user runs, and parallel runs never overwrite each other's build.
 */
export default function setup(): () => void {
  const root = resolve(import.meta.dirname, "..");
  const out = join(root, ".cache", "test-build", `${process.pid}-${Date.now()}`);
  mkdirSync(out, { recursive: true });
  execFileSync(
    process.execPath,
    [
      join(root, "node_modules/typescript/bin/tsc"),
      "-p",
      join(root, "tsconfig.build.json"),
      "--outDir",
      join(out, "build"),
    ],
    {
      stdio: "inherit",
    },
  );
  copyFileSync(join(root, "package.json"), join(out, "package.json"));
  symlinkSync(join(root, "rules"), join(out, "rules"));
  writeFileSync(
    join(out, "leakgate.js"),
    'import { main } from "./build/cli/main.js";\nprocess.exitCode = await main(process.argv.slice(2));\n',
  );
  process.env.LEAKGATE_TEST_BIN = join(out, "leakgate.js");
  // Every temporary folder a test makes (repositories, workspaces, clones) lands in one that goes at the
  // end: the test files and the processes they start read TMPDIR, which the workers inherit.
  const temp = mkdtempSync(join(tmpdir(), "leakgate-tests-"));
  process.env.TMPDIR = temp;
  return () => {
    rmSync(out, { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
  };
}
