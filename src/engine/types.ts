/** The shared vocabulary of leakgate: what sources yield, what rules are, what the engine finds. */

export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface CommitInfo {
  sha: string;
  author: string;
  email: string;
  /** ISO 8601, the author date. */
  date: string;
  message?: string;
}

/** Where a fragment came from. Only reporters read it; the engine passes it through. */
export type Provenance =
  | { kind: "file" }
  | { kind: "stdin" }
  | { kind: "staged" }
  | { kind: "commit"; commit: CommitInfo };

/** Bytes plus where they came from. */
export interface Fragment {
  data: Buffer;
  /** Relative to the scanned root, with `/`. */
  path: string;
  provenance: Provenance;
  /**
   * File line number (1-based) of each line of `data`, for fragments that hold only some lines of a
   * file (the added lines of a diff). Absent: `data` is the whole file and its line i is line i.
   */
  lineNumbers?: readonly number[];
  /** Run the path rules (`.env`, key files) on `path`. Sources turn it off for files that were not added. */
  checkPath?: boolean;
  /** Source-specific identity (a blob id), passed through to findings. */
  blob?: string;
}

/** `special`: a FIFO, socket or device, which reading could block on forever. */
export type SkipReason =
  | "binary"
  | "too-large"
  | "unreadable"
  | "symlink"
  | "special"
  | "submodule"
  | "lfs-pointer";

/** Something a source did not scan, counted in the stats and still checked by path rules. */
export interface Skipped {
  skipped: SkipReason;
  path: string;
  provenance: Provenance;
  detail?: string;
  checkPath?: boolean;
}

export type SourceItem = Fragment | Skipped;

export function isSkipped(item: SourceItem): item is Skipped {
  return "skipped" in item;
}

/** A rule as written in `rules/*.yaml` or `.leakgate.yml`, after validation. */
export interface RuleDefinition {
  id: string;
  description: string;
  severity: Severity;
  /** RE2 syntax. Absent for a rule that judges only the path. */
  pattern?: string;
  /** Which capture group is the secret: a number or a name. Default: group 1 if present, else the match. */
  secretGroup?: number | string;
  /** Lowercase literals; the rule runs only on fragments that contain one (case-insensitive). */
  keywords: string[];
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** RE2 syntax, matched against the path. With `pattern`: only such files. Without: a file rule. */
  path?: string;
  /** Generic rules get the default false-positive filters (placeholders, references, hashes…). */
  generic?: boolean;
  allow?: AllowList;
  references: string[];
  remediation: string;
  examples: RuleExample[];
  negativeExamples: RuleExample[];
  tags?: string[];
  /** Where the definition came from, for error messages. */
  source?: string;
}

export interface RuleExample {
  /** Content to scan. Absent for a file rule example, which is only a path. */
  content?: string;
  /** Path the content is scanned at; default `example.txt`. */
  path?: string;
}

export interface AllowList {
  /** Globs matched against the path. */
  paths?: string[];
  /** RE2 regexes matched against the path (as gitleaks writes them). */
  pathRegexes?: string[];
  /** RE2 regexes; a secret (or, per `regexTarget`, its whole match or line) that matches is allowed. */
  regexes?: string[];
  /** What `regexes` are matched against; default the secret. */
  regexTarget?: "secret" | "match" | "line";
  /** Case-insensitive substrings; a secret containing one is allowed. */
  stopwords?: string[];
  /** Commit shas (or prefixes of at least 7) whose findings are allowed. */
  commits?: string[];
}

export interface Finding {
  ruleId: string;
  description: string;
  severity: Severity;
  /** Relative path with `/`. */
  file: string;
  /** 1-based; for a file rule, line 1 column 1. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The secret with most of it masked. */
  redacted: string;
  /** sha256 of ruleId and secret: the same secret keeps its identity across commits and files. */
  fingerprint: string;
  entropy?: number;
  /** For assignments (`API_KEY=…`): the name the secret was assigned to. */
  name?: string;
  /** Only with `--unmask`. */
  secret?: string;
  provenance: Provenance;
  blob?: string;
  /** Set on findings of file rules, which judge the path alone. */
  kind?: "file";
  /** History: every other place (path, line, commit) the same secret appears at. */
  locations?: { file: string; line: number; commit?: string }[];
  /** History: whether the secret is still in HEAD's tree. */
  presentAtHead?: boolean;
}

export interface DetectOptions {
  /** Keep the raw secret on findings. Never in the Action. */
  unmask?: boolean;
}
