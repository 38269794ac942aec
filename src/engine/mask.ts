/**
 * Masks a secret for display: a few leading characters of a long secret (often a public prefix such as
 * `ghp_`), none of a short one, and a fixed run of stars that does not tell the length.
 */
export function mask(secret: string): string {
  const chars = Array.from(secret);
  const shown = chars.length >= 20 ? 4 : chars.length >= 12 ? 2 : 0;
  return `${chars.slice(0, shown).join("")}********`;
}
