import { publishCheckRun } from "../github/check-run.js";
import {
  type ApiLogger,
  type GitHubClient,
  isRateLimited,
  PermissionError,
  type RepoRef,
} from "../github/client.js";
import { emptyIssueSyncResult, type IssueSyncResult, syncIssues } from "../github/issues.js";
import { upsertPrComment } from "../github/pr-comment.js";
import { type Annotation, commandLevel, limitCommandAnnotations } from "../report/annotations.js";
import {
  formatIssueBody,
  formatRotationIssueBody,
  issueTitle,
  type Leak,
  rotationIssueTitle,
} from "../report/issue-body.js";
import { formatPrComment, PR_COMMENT_MARKER } from "../report/pr-comment.js";
import { ROTATION_RULES } from "../rotation/rules.js";

export interface Publisher {
  logger: ApiLogger;
  /** Emits one workflow-command annotation (core.error / warning / notice). */
  command(level: "error" | "warning" | "notice", annotation: Annotation): void;
}

export interface GitHubTarget {
  client: GitHubClient | undefined;
  repo: RepoRef;
  repoUrl: string;
  runUrl: string | undefined;
}

/** Why an API step did not happen; collected into warnings and the summary. */
export type Problem = string;

/**
 * Annotations on their lines: through a check run when the token may create one (all of them, 50 per
 * request), otherwise as workflow commands (10 per level per step). Returns how many were not shown.
 */
export async function publishAnnotations(
  target: GitHubTarget,
  annotations: Annotation[],
  check: { headSha: string; title: string; summary: string; conclusion: "success" | "failure" | "neutral" },
  publisher: Publisher,
  problems: Problem[],
): Promise<{ hidden: number; via: "check-run" | "commands" }> {
  // Also with nothing to annotate: a clean re-run must replace a failed check on the same commit.
  if (target.client) {
    try {
      await publishCheckRun(target.client, target.repo, { name: "leakgate", annotations, ...check });
      return { hidden: 0, via: "check-run" };
    } catch (error) {
      // Without findings, a token that may not create check runs loses nothing worth a warning.
      if (annotations.length > 0 || !(error instanceof PermissionError)) {
        problems.push(describeFailure(error, "annotating through a check run"));
      }
    }
  }
  const { shown, hidden } = limitCommandAnnotations(annotations);
  for (const annotation of shown) publisher.command(commandLevel(annotation), annotation);
  return { hidden, via: "commands" };
}

/**
 * Remediation issues: one per leaked secret, and one per rotation finding. Returns what was done, also
 * when a later request failed (so the outputs and the pull request comment count what exists).
 */
export async function publishIssues(
  target: GitHubTarget,
  leaks: Leak[],
  options: { labels: string[]; remediation: (ruleId: string) => string | undefined },
  publisher: Publisher,
  problems: Problem[],
): Promise<IssueSyncResult | undefined> {
  if (!target.client) return undefined;
  const result = emptyIssueSyncResult();
  const render = (leak: Leak) => {
    const remediation = options.remediation(leak.ruleId);
    const bodyOptions = {
      repoUrl: target.repoUrl,
      ...(target.runUrl ? { runUrl: target.runUrl } : {}),
      ...(remediation ? { remediation } : {}),
    };
    return ROTATION_RULES.has(leak.ruleId)
      ? { title: rotationIssueTitle(leak), body: formatRotationIssueBody(leak, bodyOptions) }
      : { title: issueTitle(leak), body: formatIssueBody(leak, bodyOptions) };
  };
  try {
    await syncIssues(
      target.client,
      target.repo,
      leaks,
      {
        labels: options.labels,
        logger: publisher.logger,
        render,
        reopenComment: (leak) =>
          `leakgate found this ${ROTATION_RULES.has(leak.ruleId) ? "again" : `secret again (${leak.locations.length} location${leak.locations.length === 1 ? "" : "s"}, first at \`${leak.first.file}:${leak.first.line}\`)`}${target.runUrl ? ` in [this run](${target.runUrl})` : ""}, so the issue is open again. ${ROTATION_RULES.has(leak.ruleId) ? "Rotate the secret and record the date in the rotation policy" : "Rotate the secret and remove it from the code"} before closing it.`,
      },
      result,
    );
  } catch (error) {
    problems.push(describeFailure(error, "opening remediation issues"));
  }
  return result;
}

export async function publishPrComment(
  target: GitHubTarget,
  pullNumber: number,
  leaks: Leak[],
  extra: { commits?: number; issues?: ReadonlyMap<string, number> },
  problems: Problem[],
): Promise<void> {
  if (!target.client) return;
  try {
    const body = formatPrComment(leaks, {
      repoUrl: target.repoUrl,
      ...(target.runUrl ? { runUrl: target.runUrl } : {}),
      ...extra,
    });
    await upsertPrComment(target.client, target.repo, pullNumber, PR_COMMENT_MARKER, body);
  } catch (error) {
    problems.push(describeFailure(error, "commenting on the pull request"));
  }
}

/** A warning that names the missing permission when that is the cause. */
export function describeFailure(error: unknown, doing: string): string {
  if (error instanceof PermissionError) {
    return `leakgate skipped ${doing}: the token lacks \`${error.permission}\` (add \`${error.permission}\` to the job's \`permissions:\`; a pull request from a fork always gets a read-only token).`;
  }
  if (isRateLimited(error)) {
    return `leakgate could not finish ${doing}: GitHub's rate limit (secondary limits included) still refused the request after retrying. Re-run the job later; the findings are in the SARIF file and the job summary.`;
  }
  return `leakgate could not finish ${doing}: ${(error as Error).message}. The findings are in the SARIF file and the job summary.`;
}
