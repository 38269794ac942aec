import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { compileAllowList } from "../engine/allowlist.js";
import { type CompiledRule, compileRule, RuleCompileError } from "../engine/compile-rule.js";
import { compileRegex, RegexSyntaxError } from "../engine/regex.js";
import { DEFAULT_ALLOW_MARKERS, type Ruleset } from "../engine/ruleset.js";
import type { RuleDefinition } from "../engine/types.js";
import { ConfigError } from "../errors.js";
import { builtinRules } from "./builtin-rules.js";
import { findConfigFile, readConfigFile } from "./config-file.js";
import { GITLEAKS_CONFIG, importGitleaksConfig } from "./gitleaks-import.js";
import { emptyConfig, type LeakgateConfig } from "./types.js";

/** leakgate's own files hold fingerprints, never secrets. */
const OWN_FILES = [".leakgate-baseline.json", ".leakgateignore", ".gitleaksignore"];

export interface LoadedRuleset {
  ruleset: Ruleset;
  config: LeakgateConfig;
  /** What a gitleaks configuration could not carry over. */
  warnings: string[];
}

/** The built-in catalogue with `.leakgate.yml` applied (found at `root`, or the file named). */
export async function loadRuleset(options: { root: string; configPath?: string }): Promise<LoadedRuleset> {
  const file = options.configPath
    ? isAbsolute(options.configPath)
      ? options.configPath
      : resolve(options.root, options.configPath)
    : (findConfigFile(options.root) ?? gitleaksConfigAt(options.root));
  if (options.configPath && file && !existsSync(file))
    throw new ConfigError("the configuration file does not exist (--config)", file);
  const builtins = builtinRules();
  const known = new Set([...builtins.map((rule) => rule.id)]);
  let config = emptyConfig();
  let warnings: string[] = [];
  if (file?.endsWith(".toml")) {
    // The importer drops disabledRules ids leakgate has no rule for, as `config import` does.
    ({ config, warnings } = importGitleaksConfig(file));
  } else if (file) {
    config = readConfigFile(file, undefined, known);
  }
  return { ruleset: buildRuleset(builtins, config), config, warnings };
}

/** A gitleaks configuration is understood in place when there is no .leakgate.yml. */
function gitleaksConfigAt(root: string): string | undefined {
  const file = join(root, GITLEAKS_CONFIG);
  return existsSync(file) ? file : undefined;
}

/** Applies a configuration to rule definitions and compiles the result. */
export function buildRuleset(builtins: RuleDefinition[], config: LeakgateConfig): Ruleset {
  const custom = new Map(config.rules.map((rule) => [rule.id, rule]));
  const disabled = new Set(config.disable);
  const definitions = [
    ...(config.builtinRules ? builtins : []).filter((rule) => !custom.has(rule.id)),
    ...config.rules,
  ].filter((rule) => !disabled.has(rule.id));
  const rules = definitions.map((definition) =>
    compileWithOverride(definition, config, !custom.has(definition.id)),
  );
  let allow: Ruleset["allow"];
  try {
    allow = compileAllowList({ ...config.allow, paths: [...(config.allow.paths ?? []), ...OWN_FILES] });
  } catch (error) {
    const field = invalidAllowRegex(config.allow);
    throw new ConfigError(
      `field "${field}": expected a regular expression in RE2 syntax, received an invalid one: ${(error as Error).message}`,
      config.file,
      undefined,
      field,
    );
  }
  const allowMarkers = config.compat.gitleaks
    ? [...DEFAULT_ALLOW_MARKERS, "gitleaks:allow"]
    : DEFAULT_ALLOW_MARKERS;
  return { rules, allow, allowMarkers };
}

/** Built-in patterns and allowlists are proven by the catalogue's tests and compile on first use; custom ones at once. */
function compileWithOverride(
  definition: RuleDefinition,
  config: LeakgateConfig,
  builtin: boolean,
): CompiledRule {
  const override = config.override[definition.id];
  const merged: RuleDefinition = override
    ? {
        ...definition,
        ...(override.severity ? { severity: override.severity } : {}),
        ...(override.entropy !== undefined ? { entropy: override.entropy } : {}),
        allow: mergeAllow(definition.allow, override.allow),
      }
    : definition;
  try {
    // An override's allow regexes are the user's: compiled at once, so a bad one fails here, named.
    return compileRule(merged, { lazy: builtin && !override?.allow });
  } catch (error) {
    if (error instanceof RuleCompileError || error instanceof RegexSyntaxError) {
      // The ConfigError names the file; the RuleCompileError's own message would name it a second time.
      const message =
        error instanceof RuleCompileError
          ? `rule "${error.ruleId}": invalid ${error.field}: ${error.reason}`
          : `rule "${definition.id}": ${error.message}`;
      throw new ConfigError(
        message,
        definition.source ?? config.file,
        undefined,
        error instanceof RuleCompileError ? error.field : undefined,
      );
    }
    throw error;
  }
}

/** Which entry of `allow.regexes` or `allow.pathRegexes` does not compile, as `allow.regexes[2]`. */
function invalidAllowRegex(allow: LeakgateConfig["allow"]): string {
  for (const list of ["regexes", "pathRegexes"] as const) {
    const index = (allow[list] ?? []).findIndex((pattern) => {
      try {
        compileRegex(pattern);
        return false;
      } catch {
        return true;
      }
    });
    if (index >= 0) return `allow.${list}[${index}]`;
  }
  return "allow";
}

function mergeAllow(base: RuleDefinition["allow"], extra: RuleDefinition["allow"]): RuleDefinition["allow"] {
  if (!extra) return base;
  const regexTarget = extra.regexTarget ?? base?.regexTarget;
  return {
    paths: [...(base?.paths ?? []), ...(extra.paths ?? [])],
    pathRegexes: [...(base?.pathRegexes ?? []), ...(extra.pathRegexes ?? [])],
    regexes: [...(base?.regexes ?? []), ...(extra.regexes ?? [])],
    stopwords: [...(base?.stopwords ?? []), ...(extra.stopwords ?? [])],
    commits: [...(base?.commits ?? []), ...(extra.commits ?? [])],
    ...(regexTarget ? { regexTarget } : {}),
  };
}
