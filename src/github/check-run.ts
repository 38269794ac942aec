import type { Annotation } from "../report/annotations.js";
import { type GitHubClient, type RepoRef, withPermission } from "./client.js";

/** The check-runs API takes at most 50 annotations per request; more go in further updates. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** The API's limit on output.summary. */
const SUMMARY_LIMIT = 65_000;

export interface CheckRunReport {
  headSha: string;
  name: string;
  title: string;
  /** Markdown. */
  summary: string;
  conclusion: "success" | "failure" | "neutral";
  annotations: Annotation[];
}

/**
 * Publishes a completed check run with every annotation on its lines: created with the first 50, then
 * updated with 50 more per request (the API appends them). Needs `checks: write`.
 */
export async function publishCheckRun(
  client: GitHubClient,
  repo: RepoRef,
  report: CheckRunReport,
): Promise<{ id: number; url: string | null; requests: number }> {
  const summary = truncate(report.summary, SUMMARY_LIMIT);
  const batches: Annotation[][] = [];
  for (let i = 0; i < report.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(report.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const output = (annotations: Annotation[] | undefined) => ({
    title: report.title,
    summary,
    ...(annotations ? { annotations } : {}),
  });
  const created = await withPermission("checks: write", "Creating a check run with the annotations", () =>
    client.rest.checks.create({
      ...repo,
      name: report.name,
      head_sha: report.headSha,
      status: "in_progress",
      output: output(batches[0]),
    }),
  );
  let requests = 1;
  const id = created.data.id;
  try {
    for (const batch of batches.slice(1)) {
      await client.rest.checks.update({ ...repo, check_run_id: id, output: output(batch) });
      requests += 1;
    }
    await client.rest.checks.update({
      ...repo,
      check_run_id: id,
      status: "completed",
      conclusion: report.conclusion,
      output: output(undefined),
    });
    requests += 1;
  } catch (error) {
    await completeAfterFailure(client, repo, id, report);
    throw error;
  }
  return { id, url: created.data.html_url ?? null, requests };
}

/** The note a check run gets when its annotations could not all be added. */
export const FELL_BACK_NOTE =
  "Not every annotation could be added to this check run; they were shown as workflow annotations of the job instead, and all findings are in the job summary and the SARIF file.";

/**
 * Best effort after a failed update: a check run left `in_progress` spins forever on the pull request, so
 * it is completed with the findings' conclusion and a summary saying where the annotations went.
 */
async function completeAfterFailure(
  client: GitHubClient,
  repo: RepoRef,
  id: number,
  report: CheckRunReport,
): Promise<void> {
  try {
    await client.rest.checks.update({
      ...repo,
      check_run_id: id,
      status: "completed",
      conclusion: report.conclusion,
      output: {
        title: report.title,
        summary: `> [!WARNING]\n> ${FELL_BACK_NOTE}\n\n${truncate(report.summary, SUMMARY_LIMIT - 400)}`,
      },
    });
  } catch {
    // The caller reports the first failure; this one would only repeat it.
  }
}

function truncate(summary: string, limit: number): string {
  return summary.length > limit ? `${summary.slice(0, limit)}\n\n… (see the job summary)` : summary;
}
