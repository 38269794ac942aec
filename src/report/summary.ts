import { SEVERITIES } from "../engine/types.js";
import type { ScanStats } from "../scan.js";
import { escapeMarkdown, type Leak, link, type RepoLinks } from "./issue-body.js";
import { formatBytes } from "./text.js";

/** GitHub refuses a step summary over 1 MiB; stay clear of it. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;

export interface SummaryOptions extends RepoLinks {
  /** What was scanned, in words: "pull request #12: 3f2a…..9c1b", "full history (incremental)". */
  scope: string;
  stats: ScanStats;
  /** Findings the annotations could not show (workflow-command limits). */
  hiddenAnnotations?: number;
  /** Findings at or above this severity fail the job. */
  failOn: string;
  failed: boolean;
  sarifPath?: string;
  /** Warnings worth repeating in the summary (a missing permission, the regex fallback). */
  notes?: string[];
  limitBytes?: number;
}

/** The job summary: totals, what was scanned, then one table row per leaked secret. */
export function formatSummary(leaks: Leak[], options: SummaryOptions): string {
  const limit = options.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const findings = leaks.reduce((sum, leak) => sum + leak.locations.length, 0);
  const head = [
    "## leakgate",
    "",
    leaks.length === 0
      ? "No secrets found."
      : `**${plural(leaks.length, "secret")}** found (${plural(findings, "location")}): ${countBySeverity(leaks)}. ${options.failed ? `The job fails: findings at or above \`${options.failOn}\`.` : `None at or above \`${options.failOn}\`.`}`,
    "",
    `Scanned: ${escapeMarkdown(options.scope)}; ${describeStats(options.stats)}.`,
    // Notes are leakgate's own sentences (with `code`); only line breaks would leave the quote.
    ...(options.notes ?? []).map((note) => `\n> [!WARNING]\n> ${note.replace(/\s*\n\s*/g, " ")}`),
    ...(options.hiddenAnnotations ? ["", hiddenAnnotationsNote(options.hiddenAnnotations)] : []),
    "",
  ];
  const tail = options.sarifPath ? [`\nSARIF report: \`${options.sarifPath}\``, ""] : [""];
  if (leaks.length === 0) return [...head, ...tail].join("\n");

  const table = ["| Rule | File:line | Commit | Secret (masked) | First seen |", "|---|---|---|---|---|"];
  const budget = limit - byteLength([...head, ...tail].join("\n")) - 512;
  let used = byteLength(table.join("\n"));
  let shown = 0;
  for (const leak of leaks) {
    const row = formatRow(leak, options);
    if (used + byteLength(row) + 1 > budget) break;
    table.push(row);
    used += byteLength(row) + 1;
    shown += 1;
  }
  const cut =
    shown < leaks.length
      ? [`\n${leaks.length - shown} more not shown (the summary is limited to 1 MiB); see the SARIF file.`]
      : [];
  return [...head, ...table, ...cut, ...tail].join("\n");
}

/**
 * The summary's second part, appended after the API steps: what they could not do. The first part is
 * written before any API call, so a run the API breaks still has its findings in the summary.
 */
export function formatSummaryFollowUp(outcome: { hiddenAnnotations: number; problems: string[] }): string {
  const parts = [
    ...(outcome.hiddenAnnotations > 0 ? [`\n${hiddenAnnotationsNote(outcome.hiddenAnnotations)}\n`] : []),
    ...outcome.problems.map((problem) => `\n> [!WARNING]\n> ${problem.replace(/\s*\n\s*/g, " ")}\n`),
  ];
  return parts.join("");
}

function hiddenAnnotationsNote(hidden: number): string {
  return `${plural(hidden, "finding")} could not be shown as annotations (GitHub shows at most 10 per type per step); they are all listed in the table above and in the SARIF file.`;
}

function formatRow(leak: Leak, options: RepoLinks): string {
  const { first } = leak;
  const commit = first.provenance.kind === "commit" ? first.provenance.commit : undefined;
  const more = leak.locations.length > 1 ? ` (+${leak.locations.length - 1})` : "";
  const commitCell = commit
    ? link(`\`${commit.sha.slice(0, 7)}\``, options.repoUrl && `${options.repoUrl}/commit/${commit.sha}`)
    : "";
  const cells = [
    `\`${leak.ruleId}\` (${leak.severity})`,
    `\`${cell(first.file)}:${first.line}\`${more}`,
    commitCell,
    `\`${cell(leak.redacted)}\``,
    leak.firstSeen ? leak.firstSeen.slice(0, 10) : "",
  ];
  return `| ${cells.join(" | ")} |`;
}

function cell(text: string): string {
  return text.replace(/[`|\n\r]/g, "?");
}

function countBySeverity(leaks: Leak[]): string {
  return SEVERITIES.slice()
    .reverse()
    .map((severity) => [severity, leaks.filter((leak) => leak.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(", ");
}

function describeStats(stats: ScanStats): string {
  const parts = [
    ...(stats.range ? [`range \`${cell(stats.range)}\``] : []),
    ...(stats.commits !== undefined ? [plural(stats.commits, "commit")] : []),
    `${plural(stats.fragments, "fragment")} (${formatBytes(stats.bytes)})`,
    `${(stats.durationMs / 1000).toFixed(1)} s`,
  ];
  const skipped = Object.entries(stats.skipped).map(([reason, count]) => `${count} ${reason}`);
  if (skipped.length > 0) parts.push(`skipped: ${skipped.join(", ")}`);
  if (stats.suppressed > 0) parts.push(`${stats.suppressed} accepted by the baseline`);
  if (stats.shallow) parts.push("the history was cut by a shallow clone");
  return parts.join(", ");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
