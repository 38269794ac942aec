import type { CommitInfo, Finding } from "../engine/types.js";
import { spawnGit } from "./git.js";
import type { Appearance, Candidate } from "./history-walk.js";

export interface Location {
  file: string;
  line: number;
  commit?: string;
}

/** What HEAD's tree holds of the blobs and paths findings were made in. */
export interface HeadContents {
  blobs: Set<string>;
  paths: Set<string>;
}

/** Which of `blobs` and `paths` are in HEAD's tree (nothing on an unborn branch). */
export async function headContents(
  cwd: string,
  head: string | undefined,
  blobs: ReadonlySet<string>,
  paths: ReadonlySet<string>,
): Promise<HeadContents> {
  const present: HeadContents = { blobs: new Set(), paths: new Set() };
  if (!head || (blobs.size === 0 && paths.size === 0)) return present;
  const git = spawnGit(cwd, ["ls-tree", "-r", "-z", "--full-tree", head]);
  for (;;) {
    const entry = await git.reader.readUntil(0);
    if (entry === undefined) break;
    const tab = entry.indexOf(9);
    const id = entry.subarray(0, tab).toString("latin1").split(" ")[2] ?? "";
    if (blobs.has(id)) present.blobs.add(id);
    if (paths.size > 0) {
      const path = entry.subarray(tab + 1).toString("utf8");
      if (paths.has(path)) present.paths.add(path);
    }
  }
  await git.finished;
  return present;
}

/**
 * Content findings at every commit and path their blob was added at. A blob no commit added (one only a
 * tag points to) keeps the path it was listed at, and the tag stands in for the commit.
 */
export function contentCandidates(
  findings: Finding[],
  appearances: ReadonlyMap<string, Appearance[]>,
  taggedBy: (blob: string) => CommitInfo | undefined,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const finding of findings) {
    const seen = (finding.blob && appearances.get(finding.blob)) || [];
    for (const a of seen) candidates.push({ finding, ...a });
    if (seen.length === 0) {
      const commit = finding.blob ? taggedBy(finding.blob) : undefined;
      candidates.push({ finding, order: Number.POSITIVE_INFINITY, commit, path: finding.file });
    }
  }
  return candidates;
}

/**
 * One finding per secret (fingerprint): at the oldest commit and path that introduced it, with every
 * other place it appears at, and whether HEAD still holds it (the blob for content, the path for files).
 */
export function attributeFindings(candidates: Candidate[], atHead: HeadContents): Finding[] {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const group = groups.get(candidate.finding.fingerprint) ?? [];
    group.push(candidate);
    groups.set(candidate.finding.fingerprint, group);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a.order - b.order);
    const [first, ...rest] = group as [Candidate, ...Candidate[]];
    const seen = new Set([`${first.path}\n${first.finding.line}`]);
    const locations: Location[] = [];
    for (const other of rest) {
      const key = `${other.path}\n${other.finding.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      locations.push({
        file: other.path,
        line: other.finding.line,
        ...(other.commit ? { commit: other.commit.sha } : {}),
      });
    }
    out.push({
      ...first.finding,
      file: first.path,
      provenance: first.commit ? { kind: "commit", commit: first.commit } : first.finding.provenance,
      locations,
      presentAtHead: group.some((c) => isAtHead(c, atHead)),
    });
  }
  return out;
}

function isAtHead(candidate: Candidate, atHead: HeadContents): boolean {
  if (candidate.finding.kind === "file") return atHead.paths.has(candidate.path);
  return candidate.finding.blob !== undefined && atHead.blobs.has(candidate.finding.blob);
}
