import { type Leak, readIssueMarker } from "../report/issue-body.js";
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
  title: string;
  body: string;
}

/**
 * One issue per leaked secret, found by the hidden fingerprint marker: created when missing, updated in
 * place when open, reopened with a comment when it was closed and the secret is found again.
 */
export async function syncIssues(
  client: GitHubClient,
  repo: RepoRef,
  leaks: Leak[],
  options: IssueSyncOptions,
): Promise<IssueSyncResult> {
  const result: IssueSyncResult = { opened: [], reopened: [], updated: [], byFingerprint: new Map() };
  if (leaks.length === 0) return result;
  const existing = await findLeakIssues(client, repo, options.labels);
  for (const leak of leaks) {
    const content = options.render(leak);
    const issue = existing.get(leak.fingerprint);
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
    if (issue.state === "closed") {
      await withPermission("issues: write", "Reopening a remediation issue", () =>
        client.rest.issues.update({ ...repo, issue_number: issue.number, ...content, state: "open" }),
      );
      await client.rest.issues.createComment({
        ...repo,
        issue_number: issue.number,
        body: options.reopenComment(leak),
      });
      result.reopened.push(issue.number);
      options.logger.info(`Reopened issue #${issue.number}: the secret was found again`);
    } else if (issue.title !== content.title || issue.body !== content.body) {
      await withPermission("issues: write", "Updating a remediation issue", () =>
        client.rest.issues.update({ ...repo, issue_number: issue.number, ...content }),
      );
      result.updated.push(issue.number);
    }
  }
  return result;
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
        title: issue.title,
        body: issue.body ?? "",
      });
    }
  }
  return found;
}
