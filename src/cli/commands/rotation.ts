import { statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { readBaseline } from "../../baseline/baseline-file.js";
import { baselinePath } from "../../baseline/filter.js";
import { readIgnoreFiles } from "../../baseline/ignore-file.js";
import { loadRuleset } from "../../config/ruleset.js";
import { SEVERITIES, type Severity } from "../../engine/types.js";
import { UsageError } from "../../errors.js";
import { toJsonFinding } from "../../report/json.js";
import { formatJunit } from "../../report/junit.js";
import {
  formatRotationMarkdown,
  formatRotationText,
  summarizeRotation,
} from "../../report/rotation-table.js";
import { formatSarif } from "../../report/sarif.js";
import { leakAcceptance } from "../../rotation/accepted-leaks.js";
import { checkRotation } from "../../rotation/check-rotation.js";
import { parseDate } from "../../rotation/period.js";
import { ROTATION_RULES } from "../../rotation/rules.js";
import type { RotationReport } from "../../rotation/types.js";
import { emptyStats, type ScanResult } from "../../scan.js";
import { leakgateVersion } from "../../version.js";
import { atOrAbove, DEFAULT_FAIL_ON } from "../emit.js";
import { EXIT_CLEAN, EXIT_FINDINGS } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { oneOf } from "../scan-flags.js";

const FORMATS = ["text", "json", "sarif", "markdown", "junit"] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: leakgate rotation [PATH] [options]

Lists every secret the project declares (rotation: in .leakgate.yml, the tables of
the docs it names) or uses (.env.example, workflows, compose, Kubernetes, git
history), with its owner, store, period, last and next rotation, and reports
secrets with no policy, a period over max_days, an overdue or soon-due rotation,
a policy it cannot read, and secrets committed to git after their last rotation.

Options:
  -f, --format FORMAT     text (default), json, sarif, markdown or junit
  -o, --output FILE       write the report to FILE instead of standard output
  -c, --config FILE       configuration file (default: .leakgate.yml in PATH)
      --now DATE          judge as if today were DATE (YYYY-MM-DD), for reproducible runs
      --no-history        do not read git history (no leaked-not-rotated check)
      --baseline FILE     leaks this baseline accepts are not reported (default: .leakgate-baseline.json
                          in PATH when it exists); .leakgateignore applies too
      --fail-on SEVERITY  exit 1 only for findings at or above: info, low (default), medium, high, critical
  -q, --quiet             no summary on standard error
  -h, --help              this help
`;

const OPTIONS = {
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  config: { type: "string", short: "c" },
  now: { type: "string" },
  "no-history": { type: "boolean" },
  baseline: { type: "string" },
  "fail-on": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_CLEAN;
  }
  if (positionals.length > 1)
    throw new UsageError(`expected at most one folder; received ${positionals.length}`);
  const format = oneOf(values.format, "--format", FORMATS) ?? "text";
  const failOnFlag = oneOf(values["fail-on"], "--fail-on", SEVERITIES);
  const now = values.now === undefined ? new Date() : readNow(values.now);
  const root = resolve(io.cwd, positionals[0] ?? ".");
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`expected a folder to check; "${positionals[0]}" is not one`);
  const { config, ruleset, warnings } = await loadRuleset({
    root,
    ...(values.config ? { configPath: values.config } : {}),
  });
  for (const warning of warnings) io.stderr.write(`leakgate: warning: ${config.file}: ${warning}\n`);
  const baselineFile = baselinePath(root, config, values.baseline, io.cwd);
  const acceptLeak = leakAcceptance(
    baselineFile ? readBaseline(baselineFile) : undefined,
    readIgnoreFiles(root, config.compat.gitleaks),
    ruleset.rules.map((rule) => rule.id),
  );
  const report = await checkRotation({
    root,
    config,
    now,
    history: values["no-history"] ? false : "git",
    ...(acceptLeak ? { acceptLeak } : {}),
  });
  const output = render(report, format);
  if (values.output) {
    writeFileSync(resolve(io.cwd, values.output), output);
    if (!values.quiet) io.stderr.write(`${summarizeRotation(report)}\nReport written to ${values.output}\n`);
  } else {
    io.stdout.write(output);
  }
  const failOn: Severity = failOnFlag ?? config.failOn ?? DEFAULT_FAIL_ON;
  return report.findings.some((finding) => atOrAbove(finding, failOn)) ? EXIT_FINDINGS : EXIT_CLEAN;
}

function render(report: RotationReport, format: Format): string {
  const result: ScanResult = {
    findings: report.findings,
    stats: { ...emptyStats(), fragments: report.filesRead },
  };
  switch (format) {
    case "text":
      return formatRotationText(report);
    case "markdown":
      return formatRotationMarkdown(report);
    case "sarif":
      return formatSarif(result, { version: leakgateVersion(), rules: ROTATION_RULES });
    case "junit":
      return formatJunit(result);
    case "json":
      return `${JSON.stringify(
        {
          version: leakgateVersion(),
          today: report.today,
          secrets: report.rows,
          findings: report.findings.map(toJsonFinding),
          stats: result.stats,
          ...(report.historyNote ? { historyNote: report.historyNote } : {}),
        },
        null,
        2,
      )}\n`;
  }
}

function readNow(text: string): Date {
  const parsed = parseDate(text);
  if ("error" in parsed) throw new UsageError(`--now expects a date such as 2025-10-25; received "${text}"`);
  return parsed.date;
}
