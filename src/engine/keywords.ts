/**
 * Words that stand in most source files. A rule keyed on one of them is selected by the prefilter for
 * nearly every file, so its regex would cost a pass over almost every byte.
 */
const COMMON_KEYWORDS = new Set([
  "key",
  "keys",
  "token",
  "tokens",
  "secret",
  "secrets",
  "auth",
  "pass",
  "password",
  "pwd",
  "api",
  "apikey",
  "api_key",
  "api-key",
  "access",
  "client",
  "private",
  "public",
  "user",
  "http",
  "https",
  "url",
  "pat",
  "eas",
  "basic",
  "bearer",
  "live",
  "test",
  "prod",
  "sk",
  "pk",
  "id",
  "app",
  "dev",
  "org",
  "com",
  "net",
  "io",
  "www",
]);

/** Common words: rules keyed on them are gated (see gate.ts). */
export function isCommonKeyword(keyword: string): boolean {
  return COMMON_KEYWORDS.has(keyword.toLowerCase()) || isJunkKeyword(keyword);
}

/** Punctuation or two characters: no keyword at all, which the catalogue's check refuses. */
export function isJunkKeyword(keyword: string): boolean {
  const alphanumerics = keyword.replace(/[^a-z0-9]/gi, "").length;
  return alphanumerics === 0 || (keyword.length < 3 && !/[~^$]/.test(keyword));
}
