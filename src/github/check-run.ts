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
  const summary =
    report.summary.length > SUMMARY_LIMIT
      ? `${report.summary.slice(0, SUMMARY_LIMIT)}\n\n… (see the job summary)`
      : report.summary;
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
  return { id, url: created.data.html_url ?? null, requests };
}
