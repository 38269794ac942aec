/** What git's pre-push hook reads on stdin, and which commits each pushed ref sends. */

export interface PushedRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

/**
 * What to scan for one pushed ref: `range` (`remote..local`) when the remote already had the branch,
 * or `newCommits` (the commits reachable from `head` that no remote-tracking ref has) for a new branch.
 */
export type PushScan = { kind: "range"; base: string; head: string } | { kind: "new-branch"; head: string };

const ZERO = /^0+$/;

/** Lines of `<local ref> <local sha> <remote ref> <remote sha>`; blank lines are ignored. */
export function parsePushInput(text: string): PushedRef[] {
  const refs: PushedRef[] = [];
  for (const line of text.split("\n")) {
    const words = line.trim().split(/\s+/);
    if (words.length !== 4) continue;
    const [localRef, localSha, remoteRef, remoteSha] = words as [string, string, string, string];
    refs.push({ localRef, localSha, remoteRef, remoteSha });
  }
  return refs;
}

/** A deletion sends no commits; a new branch sends what no remote has yet; an update sends remote..local. */
export function planPushScan(ref: PushedRef): PushScan | undefined {
  if (ZERO.test(ref.localSha)) return undefined;
  if (ZERO.test(ref.remoteSha)) return { kind: "new-branch", head: ref.localSha };
  return { kind: "range", base: ref.remoteSha, head: ref.localSha };
}
