import type { Baseline } from "../baseline/baseline-file.js";
import type { IgnoreList } from "../baseline/ignore-file.js";
import { fingerprint } from "../engine/fingerprint.js";
import type { Sighting } from "./types.js";

/** Tells whether a committed value was accepted; it sees the raw value only to hash it. */
export type LeakAcceptance = (leak: Sighting, value: string) => boolean;

/**
 * A leak the baseline or an ignore file accepts, as `history` would not report it. A leak read from
 * `git log -p` has no rule, so a fingerprint matches when it is the hash of the value under any rule
 * the project knows; `PATH:*` lines match by path (a `PATH:RULE` line names a rule the leak lacks);
 * `.gitleaksignore` lines by place, with or without the commit.
 */
export function leakAcceptance(
  baseline: Baseline | undefined,
  ignore: IgnoreList | undefined,
  ruleIds: Iterable<string>,
): LeakAcceptance | undefined {
  if (!baseline && !ignore) return undefined;
  const ids = new Set([...ruleIds, ...[...(baseline?.entries.values() ?? [])].map((entry) => entry.ruleId)]);
  return (leak, value) => {
    const fingerprints = [...ids].map((id) => fingerprint(id, value));
    if (baseline && fingerprints.some((fp) => baseline.entries.has(fp))) return true;
    if (!ignore) return false;
    if (fingerprints.some((fp) => ignore.fingerprints.has(fp))) return true;
    const file = leak.where.file;
    if (ignore.pathRules.some((entry) => entry.ruleId === "*" && entry.path(file))) return true;
    const place = `${file}:${leak.where.line}`;
    return (
      ignore.gitleaks.has(place) ||
      (leak.commit !== undefined && ignore.gitleaks.has(`${leak.commit.sha}:${place}`))
    );
  };
}
