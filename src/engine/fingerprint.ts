import { createHash } from "node:crypto";

/**
 * The identity of a secret: the rule and the secret, never its place, so a secret keeps its identity
 * across commits, moves and files (baselines, SARIF and issue markers rely on that).
 */
export function fingerprint(ruleId: string, secret: string): string {
  return createHash("sha256").update(ruleId).update("\0").update(secret).digest("hex").slice(0, 32);
}
