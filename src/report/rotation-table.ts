import type { Finding } from "../engine/types.js";
import type { RotationReport, RotationRow } from "../rotation/types.js";

const COLUMNS = ["Secret", "Owner", "Store", "Period", "Last rotated", "Next due", "Status"] as const;

function cells(row: RotationRow): string[] {
  return [
    row.name,
    row.owner ?? "-",
    row.store ?? "-",
    row.period ?? "-",
    row.lastRotated ?? "-",
    row.nextDue ?? "-",
    row.statuses.map((status) => status.replace(/-/g, " ")).join(", "),
  ];
}

/** `leakgate rotation` for a terminal: the table of secrets, then one line per finding. */
export function formatRotationText(report: RotationReport): string {
  const table = [COLUMNS as readonly string[], ...report.rows.map(cells)];
  const widths = COLUMNS.map((_, column) => Math.max(...table.map((line) => (line[column] ?? "").length)));
  const lines = table.map((line) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  const findings = report.findings.map(
    (finding) =>
      `${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.ruleId}  ${finding.redacted}\n    ${finding.description}`,
  );
  const parts = [report.rows.length > 0 ? lines.join("\n") : "No secrets declared or found."];
  if (findings.length > 0) parts.push(findings.join("\n"));
  parts.push(summarizeRotation(report));
  return `${parts.join("\n\n")}\n`;
}

/** `leakgate rotation --format markdown`: for job summaries, issues and docs. */
export function formatRotationMarkdown(report: RotationReport): string {
  const header = `| ${COLUMNS.join(" | ")} |\n|${COLUMNS.map(() => "---").join("|")}|`;
  const body = report.rows.map((row) => `| ${cells(row).map(escapeCell).join(" | ")} |`);
  const parts = [`## Secret rotation (${report.today})`, [header, ...body].join("\n")];
  if (report.findings.length > 0) {
    parts.push(report.findings.map((finding) => `- ${describeFinding(finding)}`).join("\n"));
  }
  parts.push(summarizeRotation(report));
  return `${parts.join("\n\n")}\n`;
}

export function summarizeRotation(report: RotationReport): string {
  const count = report.findings.length;
  const secrets = `${report.rows.length} secret${report.rows.length === 1 ? "" : "s"}`;
  const found = count === 0 ? "no rotation findings" : `${count} rotation finding${count === 1 ? "" : "s"}`;
  const note = report.historyNote ? ` (${report.historyNote})` : "";
  return `${secrets}, ${found} on ${report.today}${note}.`;
}

function describeFinding(finding: Finding): string {
  return `**${finding.severity}** \`${finding.ruleId}\` ${escapeCell(finding.description)} (\`${finding.file}:${finding.line}\`)`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
