import { type GitHubClient, type RepoRef, withPermission } from "./client.js";

/** Keeps one comment per pull request, found by its hidden marker and edited in place. */
export async function upsertPrComment(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
  marker: string,
  body: string,
): Promise<{ id: number; created: boolean }> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    ...repo,
    issue_number: pullNumber,
    per_page: 100,
  });
  const mine = comments.find((comment) => comment.body?.includes(marker));
  if (mine) {
    if (mine.body !== body) {
      await withPermission("pull-requests: write", "Updating the pull request comment", () =>
        client.rest.issues.updateComment({ ...repo, comment_id: mine.id, body }),
      );
    }
    return { id: mine.id, created: false };
  }
  const created = await withPermission("pull-requests: write", "Commenting on the pull request", () =>
    client.rest.issues.createComment({ ...repo, issue_number: pullNumber, body }),
  );
  return { id: created.data.id, created: true };
}
