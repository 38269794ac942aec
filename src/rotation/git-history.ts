import { basename } from "node:path";
import { mask } from "../engine/mask.js";
import type { CommitInfo, Finding } from "../engine/types.js";
import { GitError } from "../errors.js";
import { spawnGit } from "../sources/git.js";
import type { LeakAcceptance } from "./accepted-leaks.js";
import type { Sighting } from "./types.js";

export interface HistoryReading {
  sightings: Sighting[];
  /** Why history could not be read (not a repository, no git), when it could not. */
  note?: string;
}

const COMMIT_MARK = "\u0000";
const FORMAT = `--format=${"%x00"}%H%x09%aI%x09%ae%x09%an`;

/**
 * Every value ever committed to a tracked name, with the commit that added it. Reads `git log -p` of
 * every ref once, added lines only.
 */
export async function readCommittedSecrets(
  root: string,
  isTracked: (name: string) => boolean,
  isAccepted?: LeakAcceptance,
): Promise<HistoryReading> {
  const args = ["log", "--all", "--reverse", "-p", "--unified=0", "--no-color", "--no-ext-diff"];
  // --relative: when root is a folder inside a repository, only its files, with paths relative to it.
  args.push("--no-renames", "--no-textconv", "--relative", FORMAT);
  const git = spawnGit(root, args);
  git.stdin.end();
  const parser = new PatchParser(isTracked, isAccepted);
  try {
    for (
      let line = await git.reader.readUntil(10);
      line !== undefined;
      line = await git.reader.readUntil(10)
    ) {
      parser.push(line.toString("utf8").replace(/\r$/, ""));
    }
    await git.finished;
  } catch (error) {
    const message = error instanceof GitError ? error.message : String(error);
    const reason = /is not a git repository/.test(message) ? "not a git repository" : message;
    return { sightings: [], note: `history was not checked: ${reason}` };
  }
  return { sightings: parser.sightings };
}

/** Reads `git log -p --unified=0` output line by line. */
export class PatchParser {
  readonly sightings: Sighting[] = [];
  private commit: CommitInfo | undefined;
  private file: string | undefined;
  private inHeader = false;
  private lineNumber = 0;

  constructor(
    private readonly isTracked: (name: string) => boolean,
    private readonly isAccepted?: LeakAcceptance,
  ) {}

  push(line: string): void {
    if (line.startsWith(COMMIT_MARK)) {
      const [sha = "", date = "", email = "", author = ""] = line.slice(1).split("\t");
      this.commit = { sha, date, email, author };
      this.file = undefined;
      this.inHeader = false;
      return;
    }
    if (line.startsWith("diff --git ")) {
      this.inHeader = true;
      this.file = undefined;
      return;
    }
    if (this.inHeader) {
      if (line.startsWith("+++ "))
        this.file = line === "+++ /dev/null" ? undefined : unquote(line.slice(4)).replace(/^b\//, "");
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line);
      if (hunk) {
        this.inHeader = false;
        this.lineNumber = Number(hunk[1]);
      }
      return;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line);
    if (hunk) {
      this.lineNumber = Number(hunk[1]);
      return;
    }
    if (line.startsWith("+")) {
      this.added(line.slice(1), this.lineNumber);
      this.lineNumber++;
    }
  }

  private added(content: string, line: number): void {
    if (!this.commit || !this.file) return;
    const assignment = readAssignment(content);
    if (!assignment || !this.isTracked(assignment.name)) return;
    // In code, a bare value is another variable (`secret: secretBytes`); only config files hold bare literals.
    if (!assignment.quoted && !BARE_LITERAL_FILE.test(basename(this.file))) return;
    if (!looksLikeRealValue(assignment.value, assignment.name)) return;
    const sighting: Sighting = {
      name: assignment.name,
      kind: "history",
      where: { file: this.file, line, column: assignment.column },
      commit: this.commit,
      redacted: mask(assignment.value),
    };
    if (!this.isAccepted?.(sighting, assignment.value)) this.sightings.push(sighting);
  }
}

const PLAIN_ASSIGNMENT = /^(\s*(?:export\s+|(?:const|let|var)\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*[:=]\s*(.+)$/;
const QUOTED_KEY = /^(.*?["'])([A-Za-z_][A-Za-z0-9_]*)["']\s*:\s*(.+)$/;

/** `NAME=value`, `NAME: value`, `const NAME = "value"`, `"NAME": "value"`. */
export function readAssignment(
  content: string,
): { name: string; value: string; quoted: boolean; column: number } | undefined {
  const match = PLAIN_ASSIGNMENT.exec(content) ?? QUOTED_KEY.exec(content);
  if (!match) return undefined;
  const value = unwrapValue(match[3] as string);
  return value === undefined
    ? undefined
    : { name: match[2] as string, ...value, column: (match[1] as string).length + 1 };
}

function unwrapValue(raw: string): { value: string; quoted: boolean } | undefined {
  const text = raw.trim().replace(/[,;]+$/, "");
  const quoted = /^(["'])(.*?)\1/.exec(text);
  if (quoted) return { value: quoted[2] as string, quoted: true };
  const bare = text.replace(/\s+#.*$/, "").trim();
  return /\s/.test(bare) ? undefined : { value: bare, quoted: false };
}

/** Files whose unquoted values are literals: env files, shell, INI-like and YAML configuration. */
const BARE_LITERAL_FILE =
  /^\.env(\..*)?$|\.(env|ini|cfg|conf|properties|ya?ml|sh|bash|zsh|txt|example|sample|template)$|^(dockerfile|containerfile)$/i;

const PLACEHOLDER =
  /^(<.*>|\[.*\]|\{.*\}|x+|\*+|\.+|-+|0+)$|your[_-]|[_-]here$|change[_-]?me|placeholder|example|dummy|sample|redacted|replace[_-]?me|insert[_-]|todo|fixme|xxxx|^(true|false|null|none|nil|undefined|secret|password|required|optional)$/i;
const REFERENCE = /^\$|\$\{|\{\{|%\(|process\.env|getenv|environ|^secrets\.|^env\.|\(/;

/** A value worth calling a leak: long enough, not a placeholder, not a reference to somewhere else. */
export function looksLikeRealValue(value: string, name: string): boolean {
  if (value.length < 8 || REFERENCE.test(value) || PLACEHOLDER.test(value) || /<[^>]*>/.test(value))
    return false;
  if (value.toUpperCase() === name.toUpperCase()) return false;
  return new Set(value).size >= 4;
}

/** Findings of a history scan (`scanHistory`) that were assigned to a name, as sightings of that name. */
export function sightingsFromFindings(findings: readonly Finding[]): Sighting[] {
  const sightings: Sighting[] = [];
  for (const finding of findings) {
    if (!finding.name || finding.provenance.kind !== "commit") continue;
    sightings.push({
      name: finding.name,
      kind: "history",
      where: { file: finding.file, line: finding.line, column: finding.column },
      commit: finding.provenance.commit,
      redacted: finding.redacted,
    });
  }
  return sightings;
}

/** Git quotes paths with unusual bytes: "b/caf\303\251.env". */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char !== "\\") {
      bytes.push(...Buffer.from(char, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      const escapes: Record<string, string> = { n: "\n", t: "\t", '"': '"', "\\": "\\" };
      bytes.push(...Buffer.from(escapes[next] ?? next, "utf8"));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
