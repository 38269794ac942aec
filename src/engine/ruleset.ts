import type { CompiledAllowList } from "./allowlist.js";
import type { CompiledRule } from "./compile-rule.js";

/** Everything the detector needs, already compiled. */
export interface Ruleset {
  rules: CompiledRule[];
  /** Allowed for every rule (from the configuration). */
  allow: CompiledAllowList;
  /** Inline comments that allow the line they stand on. */
  allowMarkers: string[];
}

export const DEFAULT_ALLOW_MARKERS = ["leakgate:allow"];
