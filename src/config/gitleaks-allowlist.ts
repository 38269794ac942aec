import type { AllowList } from "../engine/types.js";

export type Table = Record<string, unknown>;

/** A gitleaks rule id as leakgate writes it: `My_Rule` → `my-rule`. Rule ids and disabledRules alike. */
export function normalizeRuleId(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9-]+/g, "-");
}

/** One gitleaks allowlist, with the rules it is aimed at (`targetRules`, gitleaks 8.25+) when it names any. */
export interface ImportedAllowList {
  allow: AllowList;
  targetRules: string[];
}

export function importAllowList(raw: Table, where: string, warnings: string[]): ImportedAllowList {
  if (typeof raw.condition === "string" && raw.condition.toUpperCase() === "AND") {
    // The engine asks each criterion alone; an AND of them cannot be expressed without changing it.
    warnings.push(`${where}: condition = "AND" is read as "OR" (any one criterion allows)`);
  }
  const target = raw.regexTarget;
  return {
    allow: {
      pathRegexes: asStrings(raw.paths),
      regexes: asStrings(raw.regexes),
      stopwords: asStrings(raw.stopwords),
      commits: asStrings(raw.commits),
      ...(target === "match" || target === "line" ? { regexTarget: target } : {}),
    },
    targetRules: asStrings(raw.targetRules).map(normalizeRuleId),
  };
}

/**
 * One leakgate allowlist from several: leakgate gives a rule one regex target, so when gitleaks' lists
 * aim regexes at different targets, the widest wins and a warning names the regexes that lose theirs.
 */
export function mergeAllowLists(lists: AllowList[], where: string, warnings: string[]): AllowList {
  const merged: AllowList = { pathRegexes: [], regexes: [], stopwords: [], commits: [] };
  const byTarget = new Map<string, string[]>();
  for (const list of lists) {
    if (list.paths?.length) merged.paths = [...(merged.paths ?? []), ...list.paths];
    merged.pathRegexes?.push(...(list.pathRegexes ?? []));
    merged.stopwords?.push(...(list.stopwords ?? []));
    merged.commits?.push(...(list.commits ?? []));
    const regexes = list.regexes ?? [];
    if (regexes.length === 0) continue;
    merged.regexes?.push(...regexes);
    const target = list.regexTarget ?? "secret";
    byTarget.set(target, [...(byTarget.get(target) ?? []), ...regexes]);
  }
  const widest = (["line", "match", "secret"] as const).find((target) => byTarget.has(target));
  if (widest && widest !== "secret") merged.regexTarget = widest;
  if (byTarget.size > 1) {
    const moved = [...byTarget].filter(([target]) => target !== widest).flatMap(([, regexes]) => regexes);
    warnings.push(
      `${where}: its allowlists aim regexes at different targets; all are matched against the ${widest}, so ${moved.map((r) => `'${r}'`).join(", ")} may allow less than in gitleaks`,
    );
  }
  return merged;
}

export function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asTables(value: unknown): Table[] {
  return Array.isArray(value) ? value.filter(isTable) : [];
}

export function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
