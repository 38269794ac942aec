import { createRequire } from "node:module";
import { javaScriptFlags, toJavaScriptPattern } from "./js-regex-syntax.js";

/**
 * The only module that touches the RE2 binding. Everything matches on Buffers: the binding would
 * convert a JS string to UTF-8 on every call, which costs more than the match. Offsets are bytes.
 *
 * When no binding loads (another platform or Node ABI), a JavaScript RegExp over a latin1 view of the
 * bytes stands in: one character per byte keeps offsets in bytes, so results are the same, only slower.
 */

export interface Span {
  start: number;
  end: number;
}

export interface RegexMatch extends Span {
  /** Capture groups by number (index 0 is the whole match); undefined where a group did not take part. */
  groups: (Span | undefined)[];
  named: Record<string, Span | undefined>;
}

export interface CompiledRegex {
  readonly source: string;
  /** The first match at or after byte `from`, or null. */
  exec(data: Buffer, from: number): RegexMatch | null;
  test(data: Buffer): boolean;
}

export interface CompiledSet {
  /** Indexes of the patterns that match somewhere in `data`, in one pass. */
  match(data: Buffer): number[];
  /** Whether any pattern matches somewhere in `data`. */
  test(data: Buffer): boolean;
}

export class RegexSyntaxError extends Error {
  override name = "RegexSyntaxError";
}

interface Re2Match extends Array<Buffer | undefined> {
  index: number;
  indices: Array<[number, number] | undefined> & { groups?: Record<string, [number, number] | undefined> };
}

interface Re2Instance {
  lastIndex: number;
  exec(data: Buffer): Re2Match | null;
  test(data: Buffer): boolean;
}

interface Re2Class {
  new (pattern: string, flags?: string): Re2Instance;
  Set: new (
    patterns: string[],
    flags?: string,
  ) => { match(data: Buffer): number[]; test(data: Buffer): boolean };
}

export type RegexEngineName = "re2" | "javascript";

let binding: Re2Class | null | undefined;
let fallbackReason: string | undefined;

/** Called once when the JavaScript fallback is used; the front doors print it as a warning. */
export let onRegexFallback: (reason: string) => void = () => {};
export function setRegexFallbackHandler(handler: (reason: string) => void): void {
  onRegexFallback = handler;
}

function loadBinding(): Re2Class | null {
  if (binding !== undefined) return binding;
  const require = createRequire(import.meta.url);
  const errors: string[] = [];
  // LEAKGATE_REGEX=javascript forces the fallback, to test it and to compare the two.
  const forced = process.env.LEAKGATE_REGEX === "javascript";
  const candidates = forced
    ? []
    : [process.env.LEAKGATE_RE2_BINDING, "re2"].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    try {
      const loaded = require(candidate) as Re2Class | { RE2: Re2Class };
      binding = "RE2" in loaded ? loaded.RE2 : loaded;
      return binding;
    } catch (error) {
      errors.push(`${candidate}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  binding = null;
  fallbackReason = forced
    ? "LEAKGATE_REGEX=javascript: using JavaScript regular expressions"
    : `the RE2 binding could not be loaded for Node ${process.version} on ${process.platform}-${process.arch} (${errors.join("; ")}); using JavaScript regular expressions, which are slower`;
  onRegexFallback(fallbackReason);
  return binding;
}

export function regexEngine(): RegexEngineName {
  return loadBinding() ? "re2" : "javascript";
}

export function compileRegex(pattern: string, options: { ignoreCase?: boolean } = {}): CompiledRegex {
  const RE2 = loadBinding();
  if (RE2) {
    let re: Re2Instance;
    try {
      re = new RE2(pattern, `gd${options.ignoreCase ? "i" : ""}`);
    } catch (error) {
      throw new RegexSyntaxError((error as Error).message);
    }
    return re2Regex(pattern, re);
  }
  return jsRegex(pattern, options.ignoreCase ? `(?i)${pattern}` : pattern);
}

function re2Regex(source: string, re: Re2Instance): CompiledRegex {
  return {
    source,
    exec(data, from) {
      re.lastIndex = from;
      const m = re.exec(data);
      if (!m) return null;
      const indices = m.indices;
      const groups = Array.from(indices, (pair) => (pair ? { start: pair[0], end: pair[1] } : undefined));
      const named: Record<string, Span | undefined> = {};
      for (const [name, pair] of Object.entries(indices.groups ?? {})) {
        named[name] = pair ? { start: pair[0], end: pair[1] } : undefined;
      }
      const whole = groups[0] as Span;
      return { start: whole.start, end: whole.end, groups, named };
    },
    test(data) {
      re.lastIndex = 0;
      return re.test(data);
    },
  };
}

/**
 * A regex compiled on its first use: a scan of a few files (the hook) then pays only for the patterns it
 * reaches. For patterns already known to compile (the built-in catalogue, proven by its tests); `compile`
 * may name the rule in its errors.
 */
export function lazyRegex(pattern: string, compile = () => compileRegex(pattern)): CompiledRegex {
  let compiled: CompiledRegex | undefined;
  const get = () => {
    compiled ??= compile();
    return compiled;
  };
  return { source: pattern, exec: (data, from) => get().exec(data, from), test: (data) => get().test(data) };
}

const latin1Views = new WeakMap<Buffer, string>();
function latin1(data: Buffer): string {
  let view = latin1Views.get(data);
  if (view === undefined) {
    view = data.toString("latin1");
    latin1Views.set(data, view);
  }
  return view;
}

function jsRegex(source: string, pattern: string): CompiledRegex {
  let re: RegExp;
  try {
    re = new RegExp(toJavaScriptPattern(pattern), `gd${javaScriptFlags(pattern)}`);
  } catch (error) {
    throw new RegexSyntaxError((error as Error).message);
  }
  return {
    source,
    exec(data, from) {
      re.lastIndex = from;
      const m = re.exec(latin1(data));
      if (!m?.indices) return null;
      const groups = Array.from(m.indices, (pair) => (pair ? { start: pair[0], end: pair[1] } : undefined));
      const named: Record<string, Span | undefined> = {};
      for (const [name, pair] of Object.entries(m.indices.groups ?? {})) {
        named[name] = pair ? { start: pair[0], end: pair[1] } : undefined;
      }
      return { start: m.index, end: m.index + m[0].length, groups, named };
    },
    test(data) {
      re.lastIndex = 0;
      return re.test(latin1(data));
    },
  };
}

/**
 * Many patterns in one pass over the data. RE2 throws when a set's automaton runs out of memory on some
 * input; the answer is then "all may match", so a set can cost time but never a finding.
 */
export function compileSet(patterns: string[], options: { ignoreCase?: boolean } = {}): CompiledSet {
  const RE2 = loadBinding();
  if (RE2 && patterns.length > 0) {
    const set = new RE2.Set(patterns, options.ignoreCase ? "i" : "");
    const all = patterns.map((_, index) => index);
    return {
      match: (data) => {
        try {
          return set.match(data);
        } catch {
          return all;
        }
      },
      test: (data) => {
        try {
          return set.test(data);
        } catch {
          return true;
        }
      },
    };
  }
  const regexes = patterns.map((p) => compileRegex(p, options));
  return {
    match: (data) => regexes.flatMap((re, index) => (re.test(data) ? [index] : [])),
    test: (data) => regexes.some((re) => re.test(data)),
  };
}

/** Escapes a literal for use inside a pattern (RE2 and JavaScript alike). */
export function escapeLiteral(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
