import { escapeMarkdown, type Leak, link, type RepoLinks } from "./issue-body.js";

/** The hidden marker of the one comment leakgate keeps on a pull request. */
export const PR_COMMENT_MARKER = "<!-- leakgate:pr-comment -->";

export interface PrCommentOptions extends RepoLinks {
  /** Commits scanned in the pull request. */
  commits?: number;
  runUrl?: string;
  /** Issue numbers by fingerprint, to link each secret to its remediation issue. */
  issues?: ReadonlyMap<string, number>;
}

const MAX_ROWS = 100;

/** The pull request's comment: what this PR adds, updated in place on every run. */
export function formatPrComment(leaks: Leak[], options: PrCommentOptions = {}): string {
  const scanned =
    options.commits !== undefined ? ` in ${options.commits} commit${options.commits === 1 ? "" : "s"}` : "";
  const header = [PR_COMMENT_MARKER, "### leakgate"];
  if (leaks.length === 0) {
    return [...header, "", `No secrets found${scanned} of this pull request.`, footer(options), ""].join(
      "\n",
    );
  }
  const rows = leaks.slice(0, MAX_ROWS).map((leak) => {
    const commit = leak.first.provenance.kind === "commit" ? leak.first.provenance.commit : undefined;
    const issue = options.issues?.get(leak.fingerprint);
    return `| \`${leak.ruleId}\` | \`${leak.first.file.replace(/[`|]/g, "?")}:${leak.first.line}\` | ${commit ? link(commit.sha.slice(0, 7), options.repoUrl && `${options.repoUrl}/commit/${commit.sha}`) : ""} | \`${leak.redacted.replace(/[`|]/g, "?")}\` | ${issue ? `#${issue}` : ""} |`;
  });
  return [
    ...header,
    "",
    `**${leaks.length} secret${leaks.length === 1 ? "" : "s"}** found${scanned} of this pull request. A secret that reached a commit must be revoked or rotated even after the commit is removed.`,
    "",
    "| Rule | File:line | Commit | Secret (masked) | Issue |",
    "|---|---|---|---|---|",
    ...rows,
    ...(leaks.length > MAX_ROWS ? [`\n… and ${leaks.length - MAX_ROWS} more: see the job summary.`] : []),
    footer(options),
    "",
  ].join("\n");
}

function footer(options: PrCommentOptions): string {
  return options.runUrl
    ? `\n<sub>${escapeMarkdown("Updated by leakgate in")} ${link("this run", options.runUrl)}.</sub>`
    : "";
}
