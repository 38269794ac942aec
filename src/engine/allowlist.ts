import picomatch from "picomatch";
import { type CompiledRegex, compileRegex, lazyRegex } from "./regex.js";
import type { AllowList, Provenance } from "./types.js";

/** An allowlist ready to ask: paths by glob or regex, secrets by regex or stopword, commits by sha. */
export interface CompiledAllowList {
  paths: ((path: string) => boolean) | undefined;
  pathRegexes: CompiledRegex[];
  regexes: CompiledRegex[];
  regexTarget: "secret" | "match" | "line";
  /** Lowercase. */
  stopwords: string[];
  commits: string[];
}

export const EMPTY_ALLOWLIST: CompiledAllowList = {
  paths: undefined,
  pathRegexes: [],
  regexes: [],
  regexTarget: "secret",
  stopwords: [],
  commits: [],
};

/** What a candidate offers to the allowlists: the secret, the whole match and its line, as bytes. */
export interface AllowTarget {
  secret: Buffer;
  secretText: string;
  match: Buffer;
  line: Buffer;
  provenance: Provenance;
}

/** Globs without a `/` match the file name anywhere, as in .gitignore. */
export function compileGlobs(globs: string[]): ((path: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  const matchers = globs.map((glob) => picomatch(glob, { dot: true, basename: !glob.includes("/") }));
  return (path) => matchers.some((matches) => matches(path));
}

/** compileGlobs on first use. */
function lazyGlobs(globs: string[]): ((path: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  let matches: ((path: string) => boolean) | undefined;
  return (path) => {
    matches ??= compileGlobs(globs) as (path: string) => boolean;
    return matches(path);
  };
}

/**
 * Throws RegexSyntaxError for an invalid regex; the caller names the rule or file. `lazy`: compile each
 * glob and regex on first use, for the built-in catalogue, whose 160 allow regexes a hook run mostly
 * never asks.
 */
export function compileAllowList(
  allow: AllowList | undefined,
  options: { lazy?: boolean | undefined } = {},
): CompiledAllowList {
  if (!allow) return EMPTY_ALLOWLIST;
  const regex = options.lazy
    ? (pattern: string) => lazyRegex(pattern)
    : (pattern: string) => compileRegex(pattern);
  return {
    paths: options.lazy ? lazyGlobs(allow.paths ?? []) : compileGlobs(allow.paths ?? []),
    pathRegexes: (allow.pathRegexes ?? []).map(regex),
    regexes: (allow.regexes ?? []).map(regex),
    regexTarget: allow.regexTarget ?? "secret",
    stopwords: (allow.stopwords ?? []).map((word) => word.toLowerCase()),
    commits: (allow.commits ?? []).map((sha) => sha.toLowerCase()),
  };
}

export function allowsPath(list: CompiledAllowList, path: string): boolean {
  if (list.paths?.(path)) return true;
  if (list.pathRegexes.length === 0) return false;
  const bytes = Buffer.from(path);
  return list.pathRegexes.some((re) => re.test(bytes));
}

export function allowsCandidate(list: CompiledAllowList, target: AllowTarget): boolean {
  if (list.regexes.length > 0) {
    const subject =
      list.regexTarget === "line" ? target.line : list.regexTarget === "match" ? target.match : target.secret;
    if (list.regexes.some((re) => re.test(subject))) return true;
  }
  if (list.stopwords.length > 0) {
    const lower = target.secretText.toLowerCase();
    if (list.stopwords.some((word) => lower.includes(word))) return true;
  }
  return allowsCommit(list, target.provenance);
}

export function allowsCommit(list: CompiledAllowList, provenance: Provenance): boolean {
  if (list.commits.length === 0 || provenance.kind !== "commit") return false;
  const sha = provenance.commit.sha.toLowerCase();
  return list.commits.some((allowed) => sha.startsWith(allowed));
}
