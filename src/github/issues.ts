import { type Leak, readIssueMarker, withoutRunLink } from "../report/issue-body.js";
import type { ApiLogger, GitHubClient, RepoRef } from "./client.js";
import { withPermission } from "./client.js";

export interface IssueContent {
  title: string;
  body: string;
}

export interface IssueSyncOptions {
  labels: string[];
  /** Title and body of the issue of one leak; never the secret. */
  render: (leak: Leak) => IssueContent;
  /** The comment left on an issue that is reopened because its secret was found again. */
  reopenComment: (leak: Leak) => string;
  logger: ApiLogger;
}

export interface IssueSyncResult {
  opened: number[];
  reopened: number[];
  updated: number[];
  /** The issue of each leak, by fingerprint. */
  byFingerprint: Map<string, number>;
}

interface ExistingIssue {
  number: number;
  state: string;
  /** `completed`, `not_planned` or `reopened` for a closed issue; null for an old one. */
  stateReason: string | null;
  title: string;
  body: string;
}

export function emptyIssueSyncResult(): IssueSyncResult {
  return { opened: [], reopened: [], updated: [], byFingerprint: new Map() };
}

/**
 * One issue per leaked secret, found by the hidden fingerprint marker: created when missing, updated in
 * place when open and changed in substance, reopened with a comment when it was closed as completed and
 * the secret is found again (an issue closed as not planned stays closed). `result` is filled as the
 * loop goes, so a caller whose call threw still knows what was done.
 */
export async function syncIssues(
  client: GitHubClient,
  repo: RepoRef,
  leaks: Leak[],
  options: IssueSyncOptions,
  result: IssueSyncResult = emptyIssueSyncResult(),
): Promise<IssueSyncResult> {
  if (leaks.length === 0) return result;
  let existing = await findLeakIssues(client, repo, options.labels);
  let relisted = false;
  for (const leak of leaks) {
    const content = options.render(leak);
    let issue = existing.get(leak.fingerprint);
    if (!issue && !relisted) {
      // A run that overlaps this one may have just opened it: look once more before creating any.
      existing = await findLeakIssues(client, repo, options.labels);
      relisted = true;
      issue = existing.get(leak.fingerprint);
    }
    if (!issue) {
      const created = await withPermission("issues: write", "Opening a remediation issue", () =>
        client.rest.issues.create({ ...repo, ...content, labels: options.labels }),
      );
      result.opened.push(created.data.number);
      result.byFingerprint.set(leak.fingerprint, created.data.number);
      options.logger.info(`Opened issue #${created.data.number} for ${leak.ruleId} in ${leak.first.file}`);
      continue;
    }
    result.byFingerprint.set(leak.fingerprint, issue.number);
    await updateIssue(client, repo, issue, leak, content, options, result);
  }
  return result;
}

async function updateIssue(
  client: GitHubClient,
  repo: RepoRef,
  issue: ExistingIssue,
  leak: Leak,
  content: IssueContent,
  options: IssueSyncOptions,
  result: IssueSyncResult,
): Promise<void> {
  const number = issue.number;
  if (issue.state === "closed") {
    // A maintainer who closed it as not planned has decided; leakgate does not argue every run.
    if (issue.stateReason === "not_planned") return;
    await withPermission("issues: write", "Reopening a remediation issue", () =>
      client.rest.issues.update({ ...repo, issue_number: number, ...content, state: "open" }),
    );
    result.reopened.push(number);
    await withPermission("issues: write", "Commenting on a reopened remediation issue", () =>
      client.rest.issues.createComment({ ...repo, issue_number: number, body: options.reopenComment(leak) }),
    );
    options.logger.info(`Reopened issue #${number}: the secret was found again`);
  } else if (issue.title !== content.title || withoutRunLink(issue.body) !== withoutRunLink(content.body)) {
    await withPermission("issues: write", "Updating a remediation issue", () =>
      client.rest.issues.update({ ...repo, issue_number: number, ...content }),
    );
    result.updated.push(number);
  }
}

/** Every issue (open or closed) carrying the first label, by the fingerprint in its marker. */
async function findLeakIssues(
  client: GitHubClient,
  repo: RepoRef,
  labels: string[],
): Promise<Map<string, ExistingIssue>> {
  const found = new Map<string, ExistingIssue>();
  const issues = await withPermission("issues: read", "Listing remediation issues", () =>
    client.paginate(client.rest.issues.listForRepo, {
      ...repo,
      state: "all",
      per_page: 100,
      ...(labels[0] ? { labels: labels[0] } : {}),
    }),
  );
  for (const issue of issues) {
    if (issue.pull_request) continue;
    const fingerprint = readIssueMarker(issue.body);
    // The oldest issue wins if a marker was ever copied by hand.
    const known = fingerprint ? found.get(fingerprint) : undefined;
    if (fingerprint && (!known || known.number > issue.number)) {
      found.set(fingerprint, {
        number: issue.number,
        state: issue.state,
        stateReason: issue.state_reason ?? null,
        title: issue.title,
        body: issue.body ?? "",
      });
    }
  }
  return found;
}
