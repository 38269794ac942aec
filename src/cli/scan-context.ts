import { resolve } from "node:path";
import { acceptedFindingsFilter, baselinePath } from "../baseline/filter.js";
import { builtinRules } from "../config/builtin-rules.js";
import { loadRuleset } from "../config/ruleset.js";
import type { LeakgateConfig } from "../config/types.js";
import { Detector } from "../engine/detector.js";
import { setRegexFallbackHandler } from "../engine/regex.js";
import type { Finding, RuleDefinition } from "../engine/types.js";
import type { EmitContext } from "./emit.js";
import type { CliIo } from "./io.js";
import type { ScanFlags } from "./scan-flags.js";

/** What every scanning verb needs before it reads a byte: rules, configuration and filters. */
export interface ScanContext {
  detector: Detector;
  config: LeakgateConfig;
  rules: ReadonlyMap<string, RuleDefinition>;
  /** Drops findings accepted by a baseline or ignore file; undefined when there is none. */
  filter: ((finding: Finding) => boolean) | undefined;
  maxFileSize: number | undefined;
}

export interface PrepareOptions {
  /** Off when the scan writes the baseline itself. */
  applyBaseline?: boolean;
}

/**
 * `root` may still be on its way from git: the built-in catalogue, which does not depend on it, is read
 * meanwhile (the hook's run is mostly such waits and reads).
 */
export async function prepareScan(
  flags: ScanFlags,
  pendingRoot: string | Promise<string>,
  io: CliIo,
  options: PrepareOptions = {},
): Promise<ScanContext> {
  setRegexFallbackHandler((reason) => io.stderr.write(`leakgate: warning: ${reason}\n`));
  const rootReady = Promise.resolve(pendingRoot);
  rootReady.catch(() => {}); // awaited below; should the catalogue fail first, its error is the one told
  builtinRules();
  const root = await rootReady;
  const { ruleset, config, warnings } = await loadRuleset({
    root,
    // A path typed on the command line is the user's, relative to where they typed it.
    ...(flags.config ? { configPath: resolve(io.cwd, flags.config) } : {}),
  });
  for (const warning of warnings) io.stderr.write(`leakgate: warning: ${config.file}: ${warning}\n`);
  const rules = new Map(ruleset.rules.map((rule) => [rule.id, rule.definition]));
  return {
    detector: new Detector(ruleset),
    config,
    rules,
    filter:
      options.applyBaseline === false
        ? undefined
        : acceptedFindingsFilter(root, config, baselinePath(root, config, flags.baseline, io.cwd)),
    maxFileSize: flags.maxFileSize ?? config.maxFileSize,
  };
}

/** How a verb's report is written: its flags, and the configuration's fail-on and rule metadata. */
export function emitContext(context: ScanContext, flags: ScanFlags, io: CliIo): EmitContext {
  return {
    flags,
    io,
    rules: context.rules,
    ...(context.config.failOn ? { configFailOn: context.config.failOn } : {}),
  };
}
