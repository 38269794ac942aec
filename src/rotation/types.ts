import type { CommitInfo, Finding } from "../engine/types.js";
import type { ParsedDate, ParsedPeriod } from "./period.js";
import type { SecretType } from "./secret-names.js";

/** A place in a file of the project; `file` is relative to the root, with `/`. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface WrittenPeriod {
  /** As written, for messages (quoted back when it cannot be read). */
  text: string;
  parsed: ParsedPeriod;
  where: Location;
}

export interface WrittenDate {
  text: string;
  parsed: ParsedDate;
  where: Location;
}

/** A secret named in `.leakgate.yml` or in a docs table, with what is known of its policy. */
export interface DeclaredSecret {
  name: string;
  type?: SecretType;
  period?: WrittenPeriod;
  lastRotated?: WrittenDate;
  owner?: string;
  store?: string;
  keyId?: string;
  where: Location;
}

/** A period for every secret of a type (`types: {api_key: 30d}`, or a "Secret Type" row in the docs). */
export interface TypePolicy {
  type: SecretType;
  /** As written: `api_key`, "API keys (3rd party)". */
  label: string;
  period: WrittenPeriod;
  where: Location;
}

export type SightingKind = "env-template" | "workflow" | "compose" | "kubernetes" | "history";

/** A place where the project uses a secret. */
export interface Sighting {
  name: string;
  kind: SightingKind;
  where: Location;
  /** For `history`: the commit that added a value for the name. */
  commit?: CommitInfo;
  /** For `history`: the committed value, masked. */
  redacted?: string;
}

/** The `rotation:` section of `.leakgate.yml`, validated, with its defaults. */
export interface RotationSettings {
  maxDays: number;
  warnDays: number;
  /** Markdown files with policy tables, relative to the root. */
  docs: { path: string; where: Location | undefined }[];
  /** Normalized names that are never tracked (GITHUB_TOKEN always is). */
  ignore: string[];
  /** Look for secrets in use; false: only the declared ones. */
  discover: boolean;
  secrets: DeclaredSecret[];
  types: TypePolicy[];
}

export type RotationStatus =
  | "ok"
  | "due-soon"
  | "overdue"
  | "leaked"
  | "no-policy"
  | "too-long"
  | "unparseable"
  | "no-record";

/** One line of `leakgate rotation`: a declared or discovered secret and where it stands. */
export interface RotationRow {
  name: string;
  owner?: string;
  store?: string;
  keyId?: string;
  /** How the period reads: "90 days", "never", "manual", or the text that could not be read. */
  period?: string;
  periodDays?: number;
  /** Where the period comes from: `docs/Env.md:7`, or `type api_key (.leakgate.yml:12)`. */
  periodFrom?: string;
  /** YYYY-MM-DD. */
  lastRotated?: string;
  nextDue?: string;
  /** Worst first; `ok` alone when nothing is wrong. */
  statuses: RotationStatus[];
  declaredIn: string[];
  seenIn: string[];
}

export interface RotationReport {
  rows: RotationRow[];
  findings: Finding[];
  /** Project files read (config, docs, templates, workflows, manifests). */
  filesRead: number;
  /** The day the report was judged on, YYYY-MM-DD. */
  today: string;
  /** Why the history check was skipped, when it was. */
  historyNote?: string;
}
