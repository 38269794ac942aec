import { type ParseArgsConfig, parseArgs } from "node:util";
import { parseSize } from "../config/config-file.js";
import { SEVERITIES, type Severity } from "../engine/types.js";
import { UsageError } from "../errors.js";

export const FORMATS = ["text", "json", "sarif", "junit"] as const;
export type Format = (typeof FORMATS)[number];

/** The flags every scanning verb shares. */
export interface ScanFlags {
  format: Format;
  output: string | undefined;
  config: string | undefined;
  failOn: Severity | undefined;
  unmask: boolean;
  baseline: string | undefined;
  quiet: boolean;
  maxFileSize: number | undefined;
  help: boolean;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export const SCAN_OPTIONS = {
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  config: { type: "string", short: "c" },
  "fail-on": { type: "string" },
  unmask: { type: "boolean" },
  baseline: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  "max-file-size": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

export const SCAN_FLAGS_HELP = `  -f, --format FORMAT     text (default), json, sarif or junit
  -o, --output FILE       write the report to FILE instead of standard output
  -c, --config FILE       configuration file (default: .leakgate.yml at the scanned root)
      --fail-on SEVERITY  exit 1 only for findings at or above: info, low (default), medium, high, critical
      --baseline FILE     report only findings that are not in this baseline
      --unmask            show full secrets (never use in CI logs)
      --max-file-size N   skip files larger than N (default 10MB)
  -q, --quiet             no progress or summary on standard error
  -h, --help              this help`;

/** Parses the shared flags plus a verb's own; unknown flags are a UsageError naming them. */
export function parseScanFlags<T extends Options>(args: string[], extra: T = {} as T) {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof SCAN_OPTIONS & T; allowPositionals: true; strict: true }>
  >;
  try {
    parsed = parseArgs({
      args,
      options: { ...SCAN_OPTIONS, ...extra },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const flags: ScanFlags = {
    format: oneOf(values.format as string | undefined, "--format", FORMATS) ?? "text",
    output: values.output as string | undefined,
    config: values.config as string | undefined,
    failOn: oneOf(values["fail-on"] as string | undefined, "--fail-on", SEVERITIES),
    unmask: values.unmask === true,
    baseline: values.baseline as string | undefined,
    quiet: values.quiet === true,
    maxFileSize: size(values["max-file-size"] as string | undefined),
    help: values.help === true,
  };
  return { flags, values, positionals: parsed.positionals };
}

/** A flag's value, checked against the values it may take. */
export function oneOf<T extends string>(
  value: string | undefined,
  flag: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T))
    throw new UsageError(`${flag} expects one of ${allowed.join(", ")}; received "${value}"`);
  return value as T;
}

function size(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const bytes = parseSize(value);
  if (bytes === undefined)
    throw new UsageError(`--max-file-size expects a size such as 10MB or 512KB; received "${value}"`);
  return bytes;
}
