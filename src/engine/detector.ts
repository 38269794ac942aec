import { allowsCandidate, allowsCommit, allowsPath } from "./allowlist.js";
import type { CompiledRule } from "./compile-rule.js";
import { shannonEntropy } from "./entropy.js";
import { falsePositiveReason, isGenericExemptPath, looksMinified } from "./false-positives.js";
import { fingerprint } from "./fingerprint.js";
import { AdaptiveGate } from "./gate.js";
import { isAllowedInline } from "./inline-allow.js";
import { KeywordFinder } from "./keyword-index.js";
import { KeywordWindows } from "./keyword-windows.js";
import { LineIndex } from "./location.js";
import { mask } from "./mask.js";
import { Prefilter } from "./prefilter.js";
import type { RegexMatch, Span } from "./regex.js";
import type { Ruleset } from "./ruleset.js";
import type { DetectOptions, Finding, Fragment, Provenance } from "./types.js";

/** A pathological pattern must not flood a scan: past this many matches of one rule, a fragment is done. */
const MAX_MATCHES_PER_RULE = 1000;
/** Below this size a fragment is run whole: finding its keyword windows costs more than they save. */
const WINDOWS_FROM_BYTES = 4096;
/** Finding the keywords' offsets costs a pass over the fragment: windows pay only for this many rules. */
const WINDOWS_FROM_RULES = 8;

export interface DetectorOptions {
  /** Run rules that allow it only around their keywords (keyword-windows.ts). On by default; off to compare. */
  keywordWindows?: boolean;
}

interface Candidate {
  rule: CompiledRule;
  secret: Span;
  match: Span;
  text: string;
  name: string | undefined;
  entropy: number;
}

/**
 * The pipeline, in order: path rules → prefilter → rule regex → secret group → entropy → allowlists and
 * default false-positive filters → inline allow comment → overlap with specific rules → fingerprint → mask.
 */
export class Detector {
  private readonly contentRules: CompiledRule[];
  private readonly fileRules: CompiledRule[];
  private readonly prefilter: Prefilter;
  private readonly gate = new AdaptiveGate();
  private readonly order: Map<CompiledRule, number>;
  private readonly keywordWindows: boolean;
  private finder: KeywordFinder | undefined;

  constructor(
    readonly ruleset: Ruleset,
    options: DetectorOptions = {},
  ) {
    this.keywordWindows = options.keywordWindows ?? true;
    this.contentRules = ruleset.rules.filter((rule) => rule.regex);
    this.fileRules = ruleset.rules.filter((rule) => !rule.regex);
    this.prefilter = new Prefilter(this.contentRules);
    this.order = new Map(ruleset.rules.map((rule, index) => [rule, index]));
  }

  detect(fragment: Fragment, options: DetectOptions = {}): Finding[] {
    const byPath =
      fragment.checkPath === false ? [] : this.detectPath(fragment.path, fragment.provenance, fragment.blob);
    return [...byPath, ...this.detectContent(fragment, options)];
  }

  /** File rules: files that must never be committed, judged by their path alone. */
  detectPath(path: string, provenance: Provenance, blob?: string): Finding[] {
    if (allowsPath(this.ruleset.allow, path) || allowsCommit(this.ruleset.allow, provenance)) return [];
    const bytes = Buffer.from(path);
    const findings: Finding[] = [];
    for (const rule of this.fileRules) {
      if (!rule.path?.test(bytes) || allowsPath(rule.allow, path) || allowsCommit(rule.allow, provenance))
        continue;
      findings.push({
        ruleId: rule.id,
        description: rule.description,
        severity: rule.severity,
        file: path,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        redacted: path.slice(path.lastIndexOf("/") + 1),
        fingerprint: fingerprint(rule.id, path),
        kind: "file",
        provenance,
        ...(blob ? { blob } : {}),
      });
    }
    return findings;
  }

  detectContent(fragment: Fragment, options: DetectOptions = {}): Finding[] {
    const { data, path } = fragment;
    if (data.length === 0 || allowsPath(this.ruleset.allow, path)) return [];
    const selected = this.prefilter.select(data);
    const runnable = this.runnable(selected.rules, fragment);
    if (runnable.length === 0) return [];
    const windows =
      this.keywordWindows &&
      data.length >= WINDOWS_FROM_BYTES &&
      countUpTo(runnable, (rule) => rule.reach !== undefined, WINDOWS_FROM_RULES) >= WINDOWS_FROM_RULES
        ? new KeywordWindows(data, selected.keywords, this.keywordFinder())
        : undefined;
    const spans = new Map<CompiledRule, Span[] | undefined>();
    const spansOf = (rule: CompiledRule): Span[] | undefined => {
      if (!windows || !rule.reach) return undefined;
      if (!spans.has(rule)) spans.set(rule, windows.spans(rule.keywords, rule.reach));
      return spans.get(rule);
    };
    const rules = this.gate.filter(runnable, data, spansOf);
    if (rules.length === 0) return [];
    const lines = new LineIndex(data, fragment.lineNumbers);
    const candidates: Candidate[] = [];
    for (const rule of rules) this.collect(rule, fragment, lines, spansOf(rule), candidates);
    // Catalogue order decides which of two generic rules keeps a secret both found, whatever order ran them.
    candidates.sort((a, b) => (this.order.get(a.rule) ?? 0) - (this.order.get(b.rule) ?? 0));
    return withoutSameSpanDuplicates(withoutGenericOverlaps(candidates)).map((candidate) =>
      this.toFinding(candidate, fragment, lines, options),
    );
  }

  /** Built on first use, like the rules' reach it reads: a short scan never needs it. */
  private keywordFinder(): KeywordFinder {
    this.finder ??= new KeywordFinder(this.contentRules.flatMap((rule) => (rule.reach ? rule.keywords : [])));
    return this.finder;
  }

  /** The selected rules that apply to this fragment's path and content at all. */
  private runnable(selected: CompiledRule[], fragment: Fragment): CompiledRule[] {
    const { data, path } = fragment;
    let genericAllowed: boolean | undefined;
    let pathBytes: Buffer | undefined;
    return selected.filter((rule) => {
      if (rule.generic) {
        genericAllowed ??= !isGenericExemptPath(path) && !looksMinified(data);
        if (!genericAllowed) return false;
      }
      if (rule.path) {
        pathBytes ??= Buffer.from(path);
        if (!rule.path.test(pathBytes)) return false;
      }
      return !allowsPath(rule.allow, path);
    });
  }

  private collect(
    rule: CompiledRule,
    fragment: Fragment,
    lines: LineIndex,
    spans: Span[] | undefined,
    out: Candidate[],
  ): void {
    for (const match of matches(rule, fragment.data, spans)) {
      const candidate = this.judge(rule, match, fragment, lines);
      if (candidate) out.push(candidate);
    }
  }

  /** One match of one rule: a candidate secret, or undefined when a filter says it is not one. */
  private judge(
    rule: CompiledRule,
    match: RegexMatch,
    fragment: Fragment,
    lines: LineIndex,
  ): Candidate | undefined {
    const { data, path } = fragment;
    const secret = secretSpan(rule, match);
    if (!secret || secret.end <= secret.start) return undefined;
    const secretBytes = data.subarray(secret.start, secret.end);
    const text = secretBytes.toString("utf8");
    const entropy = shannonEntropy(text);
    if (rule.entropy !== undefined && entropy < rule.entropy) return undefined;
    const lineSpan = lines.lineSpan(secret.start);
    const target = {
      secret: secretBytes,
      secretText: text,
      match: data.subarray(match.start, match.end),
      line: data.subarray(lineSpan.start, lineSpan.end),
      provenance: fragment.provenance,
    };
    if (allowsCandidate(rule.allow, target) || allowsCandidate(this.ruleset.allow, target)) return undefined;
    const nameSpan = match.named.name;
    const name = nameSpan ? data.toString("utf8", nameSpan.start, nameSpan.end) : undefined;
    const line = data.toString("utf8", lineSpan.start, Math.min(lineSpan.end, lineSpan.start + 4096));
    if (falsePositiveReason({ secret: text, name, line, path, generic: rule.generic })) return undefined;
    if (isAllowedInline(data, match, lines, this.ruleset.allowMarkers)) return undefined;
    return { rule, secret, match, text, name, entropy };
  }

  private toFinding(
    candidate: Candidate,
    fragment: Fragment,
    lines: LineIndex,
    options: DetectOptions,
  ): Finding {
    const { rule, secret, text } = candidate;
    const start = lines.position(secret.start);
    const end = lines.position(secret.end);
    return {
      ruleId: rule.id,
      description: rule.description,
      severity: rule.severity,
      file: fragment.path,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      redacted: mask(text),
      fingerprint: fingerprint(rule.id, text),
      entropy: Math.round(candidate.entropy * 100) / 100,
      ...(candidate.name ? { name: candidate.name } : {}),
      ...(options.unmask ? { secret: text } : {}),
      provenance: fragment.provenance,
      ...(fragment.blob ? { blob: fragment.blob } : {}),
    };
  }
}

function countUpTo<T>(items: T[], test: (item: T) => boolean, limit: number): number {
  let count = 0;
  for (const item of items) if (test(item) && ++count >= limit) break;
  return count;
}

function secretSpan(rule: CompiledRule, match: RegexMatch): Span | undefined {
  const group = rule.secretGroup;
  if (typeof group === "string") return match.named[group];
  if (typeof group === "number") return match.groups[group];
  return match.groups.length > 1 ? match.groups[1] : match;
}

/** A generic rule yields to a specific rule that found the same secret, and to an earlier generic one. */
function withoutGenericOverlaps(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = candidates.filter((c) => !c.rule.generic);
  for (const candidate of candidates) {
    if (!candidate.rule.generic) continue;
    if (!kept.some((other) => overlaps(other.secret, candidate.secret))) kept.push(candidate);
  }
  return kept.length === candidates.length ? candidates : kept;
}

/**
 * Two specific rules on the very same secret (`pypirc-password` and `pypi-api-token` on a `.pypirc`
 * token): one finding, from the rule that knows the provider (no `path` scope), else the first in the
 * catalogue.
 */
function withoutSameSpanDuplicates(candidates: Candidate[]): Candidate[] {
  const bySpan = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const key = `${candidate.secret.start}:${candidate.secret.end}`;
    const other = bySpan.get(key);
    if (!other || (other.rule.path && !candidate.rule.path)) bySpan.set(key, candidate);
  }
  if (bySpan.size === candidates.length) return candidates;
  const kept = new Set(bySpan.values());
  return candidates.filter((candidate) => kept.has(candidate));
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The matches of a rule in `data`, at most MAX_MATCHES_PER_RULE of them: over the whole of it, or over the
 * given spans only (keyword windows), with offsets in `data` either way.
 */
function* matches(rule: CompiledRule, data: Buffer, spans?: Span[]): Generator<RegexMatch> {
  const regex = rule.regex;
  if (!regex) return;
  let count = 0;
  for (const span of spans ?? [{ start: 0, end: data.length }]) {
    const window = span.start === 0 && span.end === data.length ? data : data.subarray(span.start, span.end);
    let from = 0;
    for (; count < MAX_MATCHES_PER_RULE && from <= window.length; count++) {
      const match = regex.exec(window, from);
      if (!match) break;
      from = match.end > match.start ? match.end : match.end + 1;
      yield span.start === 0 ? match : shifted(match, span.start);
    }
    if (count >= MAX_MATCHES_PER_RULE) return;
  }
}

function shifted(match: RegexMatch, by: number): RegexMatch {
  const move = (span: Span | undefined) => span && { start: span.start + by, end: span.end + by };
  const named: Record<string, Span | undefined> = {};
  for (const [name, span] of Object.entries(match.named)) named[name] = move(span);
  return { start: match.start + by, end: match.end + by, groups: match.groups.map(move), named };
}
