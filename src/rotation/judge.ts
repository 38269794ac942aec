import type { Finding } from "../engine/types.js";
import { judgePeriod, judgeSecret } from "./judge-secret.js";
import type { PolicyProblem } from "./policy-docs.js";
import { rotationFinding } from "./rules.js";
import { normalizeName } from "./secret-names.js";
import type { DeclaredSecret, RotationRow, RotationSettings, Sighting, TypePolicy } from "./types.js";

export interface JudgeInput {
  settings: RotationSettings;
  /** Most authoritative first: `.leakgate.yml`, then the docs in the order named. */
  declared: DeclaredSecret[];
  types: TypePolicy[];
  problems: PolicyProblem[];
  /** Where the project uses secrets (templates, workflows, manifests). */
  sightings: Sighting[];
  /** Values committed to git, each with its commit. */
  leaks: Sighting[];
  now: Date;
}

export interface Judgement {
  rows: RotationRow[];
  findings: Finding[];
}

/** Every declared and discovered secret against its policy, on the day `now`. */
export function judge(input: JudgeInput): Judgement {
  const ignored = new Set(input.settings.ignore);
  const declared = groupBy(input.declared, (secret) => secret.name, ignored);
  const seen = groupBy(input.sightings, (sighting) => sighting.name, ignored);
  const leaks = groupBy(input.leaks, (sighting) => sighting.name, ignored);
  const types = new Map<string, TypePolicy>();
  for (const policy of input.types) if (!types.has(policy.type)) types.set(policy.type, policy);
  const findings: Finding[] = [];
  const rows: RotationRow[] = [];
  const names = new Set([...declared.keys(), ...seen.keys(), ...leaks.keys()]);
  for (const key of names) {
    const declarations = declared.get(key) ?? [];
    const secret = merge(declarations);
    const judged = judgeSecret({
      declaredIn: declarations.map((entry) => entry.where),
      name: secret?.name ?? (seen.get(key)?.[0] ?? leaks.get(key)?.[0])?.name ?? key,
      secret,
      sightings: seen.get(key) ?? [],
      leaks: leaks.get(key) ?? [],
      types,
      settings: input.settings,
      now: input.now,
    });
    rows.push(judged.row);
    findings.push(...judged.findings);
  }
  // The first policy of a type applies to its secrets, but every source's period is judged on its own.
  for (const policy of input.types)
    findings.push(...judgePeriod(policy.label, policy.period, input.settings));
  for (const problem of input.problems) {
    findings.push(rotationFinding({ ruleId: "rotation-unparseable", ...problem, aspect: "table" }));
  }
  rows.sort((a, b) => a.name.localeCompare(b.name, "en"));
  findings.sort((a, b) => a.file.localeCompare(b.file, "en") || a.line - b.line || a.column - b.column);
  return { rows, findings };
}

/** Merges the declarations of one name, field by field, the first one that has a field winning. */
function merge(entries: DeclaredSecret[]): DeclaredSecret | undefined {
  const [first, ...rest] = entries;
  if (!first) return undefined;
  const merged: DeclaredSecret = { ...first };
  for (const entry of rest) {
    if (!merged.period || merged.period.parsed.kind === "blank") {
      if (entry.period) merged.period = entry.period;
    }
    merged.lastRotated ??= entry.lastRotated;
    merged.owner ??= entry.owner;
    merged.store ??= entry.store;
    merged.keyId ??= entry.keyId;
    merged.type ??= entry.type;
  }
  for (const key of Object.keys(merged) as (keyof DeclaredSecret)[]) {
    if (merged[key] === undefined) delete merged[key];
  }
  return merged;
}

function groupBy<T>(items: T[], nameOf: (item: T) => string, ignored: Set<string>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = normalizeName(nameOf(item));
    if (ignored.has(key)) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
