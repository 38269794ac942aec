import { atOrAbove, DEFAULT_FAIL_ON, type EmitContext } from "../cli/emit.js";
import { EXIT_CLEAN, EXIT_FINDINGS } from "../cli/exit-codes.js";
import type { CliIo } from "../cli/io.js";
import { formatHookAdvice } from "../report/hook-advice.js";
import type { ScanResult } from "../scan.js";
import { gitSucceeds } from "../sources/git.js";

/** The flag a verb adds to parseScanFlags to speak as a hook: `parseScanFlags(args, HOOK_FLAG)`. */
export const HOOK_FLAG = { hook: { type: "boolean" } } as const;

export interface HookReportOptions {
  /** What the hook guards; the message says "blocked this commit" or "blocked this push". */
  blocking?: "commit" | "push";
}

/**
 * The `--hook` report: the blocking message on stderr and exit 1 for findings at or above fail-on;
 * otherwise at most one line, and exit 0. Takes the same context as emitReport, so a verb picks one.
 */
export async function reportForHook(
  result: ScanResult,
  context: EmitContext,
  options: HookReportOptions = {},
): Promise<number> {
  const { io, rules } = context;
  const failOn = context.flags.failOn ?? context.configFailOn ?? DEFAULT_FAIL_ON;
  const blocking = result.findings.filter((finding) => atOrAbove(finding, failOn));
  if (blocking.length === 0) {
    const below = result.findings.length;
    if (below > 0 && !context.flags.quiet) {
      io.stderr.write(
        `leakgate: ${below === 1 ? "1 finding" : `${below} findings`} below the fail-on severity (${failOn}); not blocking.\n`,
      );
    }
    return EXIT_CLEAN;
  }
  const kind = options.blocking ?? "commit";
  io.stderr.write(
    formatHookAdvice(blocking, {
      color: useColor(io),
      remediation: (ruleId) => rules.get(ruleId)?.remediation || undefined,
      blocking: kind,
      firstCommit:
        kind === "commit" && !(await gitSucceeds(io.cwd, ["rev-parse", "--verify", "--quiet", "HEAD"])),
    }),
  );
  return EXIT_FINDINGS;
}

/** Git runs hooks with the terminal as stderr when a person is committing; colours only then. */
function useColor(io: CliIo): boolean {
  return Boolean(io.stderr.isTTY) && !io.env.NO_COLOR && io.env.TERM !== "dumb";
}
