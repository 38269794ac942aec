import { stringify } from "yaml";
import type { AllowList, RuleDefinition } from "../engine/types.js";
import type { LeakgateConfig } from "./types.js";

/** `.leakgate.yml` text for a configuration, in the field names the file uses. */
export function serializeConfig(config: LeakgateConfig, header: string): string {
  const out: Record<string, unknown> = {};
  if (!config.builtinRules) out.builtin_rules = false;
  if (config.disable.length > 0) out.disable = config.disable;
  const allow = compactAllow(config.allow);
  if (allow) out.allow = allow;
  const overrides = Object.entries(config.override).map(([id, override]) => {
    const allow = compactAllow(override.allow);
    return [
      id,
      { ...(override.severity ? { severity: override.severity } : {}), ...(allow ? { allow } : {}) },
    ];
  });
  if (overrides.length > 0) out.override = Object.fromEntries(overrides);
  if (config.compat.gitleaks) out.compat = { gitleaks: true };
  if (config.rules.length > 0) out.rules = config.rules.map(ruleToYaml);
  return `${header}${stringify(out, { lineWidth: 0 })}`;
}

function ruleToYaml(rule: RuleDefinition): Record<string, unknown> {
  const allow = compactAllow(rule.allow);
  return {
    id: rule.id,
    description: rule.description,
    severity: rule.severity,
    ...(rule.keywords.length ? { keywords: rule.keywords } : {}),
    ...(rule.pattern ? { pattern: rule.pattern } : {}),
    ...(rule.secretGroup !== undefined ? { secretGroup: rule.secretGroup } : {}),
    ...(rule.entropy !== undefined ? { entropy: rule.entropy } : {}),
    ...(rule.path ? { path: rule.path } : {}),
    ...(allow ? { allow } : {}),
    ...(rule.tags?.length ? { tags: rule.tags } : {}),
  };
}

function compactAllow(allow: AllowList | undefined): Record<string, unknown> | undefined {
  if (!allow) return undefined;
  const entries = Object.entries(allow).filter(([, value]) =>
    Array.isArray(value) ? value.length > 0 : value !== undefined,
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
