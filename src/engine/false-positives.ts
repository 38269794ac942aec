/**
 * Default false-positive filters: what a demanding user expects a scanner to know without being told.
 * Pure; the detector calls these for every candidate before it becomes a finding.
 *
 * Two tiers. Every rule drops placeholders (`EXAMPLE`, `xxxx`, `${VAR}`, `<token>`, `changeme`, a
 * dictionary password): a provider token never looks like one, so a live key in a test folder is still
 * found. Generic rules, whose patterns only say "a value assigned to a secret-looking name", also drop
 * names that are not a secret's, values that are code, paths, URLs, hashes, UUIDs and test values, and
 * anything under a declared fixture folder.
 */
import { isSecretName, secretWordsOf } from "./false-positives-names.js";
import { isFixturePath } from "./false-positives-paths.js";
import {
  encodedPlaceholderReason,
  placeholderReason,
  repeatsUserReason,
} from "./false-positives-placeholders.js";
import { notASecretReason } from "./false-positives-values.js";

export { isGenericExemptPath, looksMinified } from "./false-positives-paths.js";

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

/** Why this candidate is not a real secret, or undefined when it may be one. */
export function falsePositiveReason(candidate: SecretCandidate): string | undefined {
  const { secret, line } = candidate;
  const narrow =
    placeholderReason(secret) ?? repeatsUserReason(secret, line) ?? encodedPlaceholderReason(secret, line);
  if (narrow || !candidate.generic) return narrow;
  return genericReason(candidate);
}

function genericReason({ secret, name, line, path }: SecretCandidate): string | undefined {
  if (isFixturePath(path)) return "test fixture";
  if (name !== undefined) {
    if (!isSecretName(name)) return "not a secret's name";
    const lower = secret.toLowerCase();
    if (secretWordsOf(name).some((word) => word.length >= 4 && lower.includes(word)))
      return "repeats its name";
  }
  if (/password|passwd|secret|api_?key|token/i.test(secret)) return "names a secret instead of holding one";
  return encodedPlaceholderReason(secret, line, true) ?? notASecretReason(secret, name, line);
}
