import picomatch from "picomatch";
import { type CompiledRegex, compileRegex } from "./regex.js";
import type { AllowList } from "./types.js";

/** An allowlist ready to ask: paths by glob, secrets by regex or stopword. */
export interface CompiledAllowList {
  paths: ((path: string) => boolean) | undefined;
  regexes: CompiledRegex[];
  /** Lowercase. */
  stopwords: string[];
}

export const EMPTY_ALLOWLIST: CompiledAllowList = { paths: undefined, regexes: [], stopwords: [] };

/** Globs without a `/` match the file name anywhere, as in .gitignore. */
export function compileGlobs(globs: string[]): ((path: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  const matchers = globs.map((glob) => picomatch(glob, { dot: true, basename: !glob.includes("/") }));
  return (path) => matchers.some((matches) => matches(path));
}

/** Throws RegexSyntaxError for an invalid regex; the caller names the rule or file. */
export function compileAllowList(allow: AllowList | undefined): CompiledAllowList {
  if (!allow) return EMPTY_ALLOWLIST;
  return {
    paths: compileGlobs(allow.paths ?? []),
    regexes: (allow.regexes ?? []).map((pattern) => compileRegex(pattern)),
    stopwords: (allow.stopwords ?? []).map((word) => word.toLowerCase()),
  };
}

export function allowsPath(list: CompiledAllowList, path: string): boolean {
  return list.paths?.(path) ?? false;
}

export function allowsSecret(list: CompiledAllowList, secret: Buffer, secretText: string): boolean {
  if (list.regexes.some((re) => re.test(secret))) return true;
  if (list.stopwords.length === 0) return false;
  const lower = secretText.toLowerCase();
  return list.stopwords.some((word) => lower.includes(word));
}
