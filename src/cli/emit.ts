import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Finding, type RuleDefinition, SEVERITIES, type Severity } from "../engine/types.js";
import { UsageError } from "../errors.js";
import { formatJson } from "../report/json.js";
import { formatJunit } from "../report/junit.js";
import { formatSarif } from "../report/sarif.js";
import { formatText, summarize } from "../report/text.js";
import type { ScanResult } from "../scan.js";
import { leakgateVersion } from "../version.js";
import { EXIT_CLEAN, EXIT_FINDINGS } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import type { ScanFlags } from "./scan-flags.js";

export const DEFAULT_FAIL_ON: Severity = "low";

export interface EmitContext {
  flags: ScanFlags;
  io: CliIo;
  /** From the configuration; the flag wins. */
  configFailOn?: Severity;
  rules: ReadonlyMap<string, RuleDefinition>;
}

/** Writes the report where the flags say and returns the exit code: 1 for findings at or above fail-on. */
export function emitReport(result: ScanResult, context: EmitContext): number {
  const { flags, io } = context;
  const report = render(result, context);
  if (flags.output) {
    writeReport(resolve(io.cwd, flags.output), flags.output, report);
    if (!flags.quiet) io.stderr.write(`${summarize(result)}\nReport written to ${flags.output}\n`);
  } else {
    io.stdout.write(report);
  }
  const failOn = flags.failOn ?? context.configFailOn ?? DEFAULT_FAIL_ON;
  return result.findings.some((finding) => atOrAbove(finding, failOn)) ? EXIT_FINDINGS : EXIT_CLEAN;
}

function writeReport(file: string, given: string, report: string): void {
  try {
    writeFileSync(file, report);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "its folder does not exist"
        : code === "EISDIR"
          ? "it is a folder; give a file name"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    throw new UsageError(`--output ${given}: cannot write the report: ${reason}`);
  }
}

export function atOrAbove(finding: Finding, threshold: Severity): boolean {
  return SEVERITIES.indexOf(finding.severity) >= SEVERITIES.indexOf(threshold);
}

function render(result: ScanResult, context: EmitContext): string {
  switch (context.flags.format) {
    case "json":
      return formatJson(result, leakgateVersion());
    case "sarif":
      return formatSarif(result, { version: leakgateVersion(), rules: context.rules });
    case "junit":
      return formatJunit(result);
    case "text":
      return formatText(result, { color: useColor(context) });
  }
}

function useColor({ io, flags }: EmitContext): boolean {
  return !flags.output && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR && io.env.TERM !== "dumb";
}
