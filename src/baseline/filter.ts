import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import type { LeakgateConfig } from "../config/types.js";
import type { Finding } from "../engine/types.js";
import { DEFAULT_BASELINE, inBaseline, readBaseline } from "./baseline-file.js";
import { isIgnored, readIgnoreFiles } from "./ignore-file.js";

/**
 * The baseline in force: `--baseline FILE`, else the config's `baseline:`, else `.leakgate-baseline.json`
 * at the root when it exists.
 */
export function baselinePath(
  root: string,
  config: LeakgateConfig,
  flag: string | undefined,
  cwd: string,
): string | undefined {
  if (flag) return isAbsolute(flag) ? flag : resolve(cwd, flag);
  if (config.baseline) return resolve(config.file ? dirname(config.file) : root, config.baseline);
  const byDefault = resolve(root, DEFAULT_BASELINE);
  return existsSync(byDefault) ? byDefault : undefined;
}

/** Keeps a finding unless the baseline or an ignore file accepts it; undefined when neither exists. */
export function acceptedFindingsFilter(
  root: string,
  config: LeakgateConfig,
  baselineFile: string | undefined,
): ((finding: Finding) => boolean) | undefined {
  const baseline = baselineFile ? readBaseline(baselineFile) : undefined;
  const ignore = readIgnoreFiles(root, config.compat.gitleaks);
  if (!baseline && !ignore) return undefined;
  return (finding) => !(baseline && inBaseline(baseline, finding)) && !(ignore && isIgnored(ignore, finding));
}
