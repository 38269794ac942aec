import { ConfigError } from "../errors.js";
import type { Mode } from "./settings.js";

const ZERO = /^0+$/;

/** What a run scans, decided from the event and the `mode` input. */
export type ScanPlan =
  | {
      kind: "range";
      base: string;
      head: string;
      /** "pull request #12" or "push to main". */
      label: string;
      pullNumber?: number;
      /** Commits GitHub counts in the pull request, to size a fetch. */
      expectedCommits?: number;
      /** The repository's default branch, when the payload names it. */
      defaultBranch?: string;
      /** pull_request_target: the workspace holds the base branch, so `head` is not checked out. */
      headNotCheckedOut?: boolean;
    }
  /** A new branch: the commits on `head` that the default branch does not have. */
  /** `defaultBranch` undefined: the default branch itself was created, so all of its commits are new. */
  | { kind: "new-branch"; head: string; defaultBranch: string | undefined; label: string }
  | { kind: "history"; label: string }
  | { kind: "files"; label: string }
  | { kind: "nothing"; label: string };

interface PullRequestPayload {
  pull_request?: { number?: number; commits?: number; base?: { sha?: string }; head?: { sha?: string } };
}

interface PushPayload {
  ref?: string;
  before?: string;
  after?: string;
  deleted?: boolean;
  repository?: { default_branch?: string };
}

type Payload = PullRequestPayload & PushPayload;

export function planScan(mode: Mode, eventName: string, payload: Payload): ScanPlan {
  if (mode === "history") return { kind: "history", label: "full history" };
  if (mode === "scan") return { kind: "files", label: "the files of the checkout" };
  const range = planRange(eventName, payload);
  if (mode === "diff") {
    if (!range)
      throw new ConfigError(
        `\`mode: diff\` needs a pull_request or push event, which carry the commit range; this run is a ${eventName} event (use \`mode: history\` or \`mode: scan\`)`,
      );
    return range;
  }
  if (range) return range;
  if (eventName === "schedule" || eventName === "workflow_dispatch")
    return { kind: "history", label: "full history" };
  return { kind: "files", label: "the files of the checkout" };
}

function planRange(eventName: string, payload: Payload): ScanPlan | undefined {
  if (eventName === "pull_request" || eventName === "pull_request_target") {
    const pr = payload.pull_request;
    const base = pr?.base?.sha;
    const head = pr?.head?.sha;
    if (!pr || !base || !head) return undefined;
    return {
      kind: "range",
      base,
      head,
      label: `pull request #${pr.number}`,
      ...(pr.number !== undefined ? { pullNumber: pr.number } : {}),
      ...(pr.commits !== undefined ? { expectedCommits: pr.commits } : {}),
      ...(eventName === "pull_request_target" ? { headNotCheckedOut: true } : {}),
    };
  }
  if (eventName === "push") {
    const { before, after } = payload;
    const branch = payload.ref?.replace(/^refs\/(heads|tags)\//, "") ?? "";
    if (!after) return undefined;
    if (payload.deleted || ZERO.test(after)) return { kind: "nothing", label: `deletion of ${branch}` };
    const defaultBranch = payload.repository?.default_branch ?? "main";
    if (!before || ZERO.test(before)) {
      return {
        kind: "new-branch",
        head: after,
        defaultBranch: branch === defaultBranch ? undefined : defaultBranch,
        label: `new branch ${branch}`,
      };
    }
    return {
      kind: "range",
      base: before,
      head: after,
      label: `push to ${branch}`,
      ...(payload.repository?.default_branch ? { defaultBranch: payload.repository.default_branch } : {}),
    };
  }
  return undefined;
}
