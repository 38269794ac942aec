import type { CommitInfo, Finding } from "../engine/types.js";
import { gitAtLeast, spawnGit } from "./git.js";

/** One commit that put a blob at a path. `order` counts commits oldest first. */
export interface Appearance {
  order: number;
  commit: CommitInfo;
  path: string;
}

export interface Location {
  file: string;
  line: number;
  commit?: string;
}

/**
 * Where each of `blobs` was added, oldest commit first: one `git log --raw` pass over the same revisions
 * (tree diffs only, no contents), run only when the blob scan found something. Merges are diffed against
 * their first parent so that a blob only a merge introduced still has a commit.
 */
export async function findAppearances(
  cwd: string,
  revs: string[],
  blobs: ReadonlySet<string>,
): Promise<Map<string, Appearance[]>> {
  const found = new Map<string, Appearance[]>();
  if (blobs.size === 0) return found;
  const merges = (await gitAtLeast(cwd, 2, 31)) ? ["--diff-merges=first-parent"] : ["-m", "--first-parent"];
  const git = spawnGit(cwd, [
    "log",
    "--format=%x01%H%x00%an%x00%ae%x00%aI",
    "--reverse",
    "--date-order",
    "--raw",
    "--no-abbrev",
    "-z",
    "--no-renames",
    "--no-show-signature",
    "--no-relative",
    "--root",
    ...merges,
    ...revs,
    "--",
  ]);
  const { reader } = git;
  let commit: CommitInfo | undefined;
  let order = 0;
  for (;;) {
    const next = await reader.peek();
    if (next === -1) break;
    if (next === 1) {
      await reader.skip(1);
      const fields: string[] = [];
      for (let i = 0; i < 4; i += 1) fields.push((await reader.readUntil(0))?.toString("utf8") ?? "");
      const [sha = "", author = "", email = "", date = ""] = fields;
      commit = { sha, author, email, date };
      order += 1;
    } else if (next === 58) {
      const meta = (await reader.readUntil(0))?.toString("latin1") ?? "";
      const path = await reader.readUntil(0);
      const newId = meta.split(" ")[3] ?? "";
      if (commit && path && blobs.has(newId)) {
        const list = found.get(newId) ?? [];
        list.push({ order, commit, path: path.toString("utf8") });
        found.set(newId, list);
      }
    } else {
      await reader.skip(1);
    }
  }
  await git.finished;
  return found;
}

/** Which of `blobs` are in HEAD's tree (nothing on an unborn branch). */
export async function blobsAtHead(cwd: string, head: string | undefined, blobs: ReadonlySet<string>) {
  const present = new Set<string>();
  if (!head || blobs.size === 0) return present;
  const git = spawnGit(cwd, ["ls-tree", "-r", "-z", "--full-tree", head]);
  for (;;) {
    const entry = await git.reader.readUntil(0);
    if (entry === undefined) break;
    const tab = entry.indexOf(9);
    const id = entry.subarray(0, tab).toString("latin1").split(" ")[2] ?? "";
    if (blobs.has(id)) present.add(id);
  }
  await git.finished;
  return present;
}

interface Candidate {
  finding: Finding;
  order: number;
  commit: CommitInfo | undefined;
  path: string;
}

/**
 * One finding per secret (fingerprint): at the oldest commit and path that introduced it, with every
 * other place it appears at, and whether HEAD still holds it.
 */
export function attributeFindings(
  findings: Finding[],
  appearances: ReadonlyMap<string, Appearance[]>,
  atHead: ReadonlySet<string>,
): Finding[] {
  const groups = new Map<string, Candidate[]>();
  for (const finding of findings) {
    const seen = (finding.blob && appearances.get(finding.blob)) || [];
    // A file rule judged one path: only that path's appearances are the same finding.
    const relevant = finding.kind === "file" ? seen.filter((a) => a.path === finding.file) : seen;
    const candidates: Candidate[] = relevant.map((a) => ({ finding, ...a }));
    if (candidates.length === 0)
      candidates.push({ finding, order: Number.POSITIVE_INFINITY, commit: undefined, path: finding.file });
    const group = groups.get(finding.fingerprint) ?? [];
    group.push(...candidates);
    groups.set(finding.fingerprint, group);
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
      presentAtHead: group.some((c) => c.finding.blob !== undefined && atHead.has(c.finding.blob)),
    });
  }
  return out;
}
