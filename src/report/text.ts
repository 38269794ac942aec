import { type Finding, SEVERITIES, type Severity } from "../engine/types.js";
import type { ScanResult, ScanStats } from "../scan.js";

export interface TextOptions {
  color: boolean;
}

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: "\x1b[1;31m",
  high: "\x1b[31m",
  medium: "\x1b[33m",
  low: "\x1b[36m",
  info: "\x1b[2m",
};

/** One block per finding, then one line of totals and what was not scanned. */
export function formatText(result: ScanResult, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}\x1b[0m` : text);
  const blocks = result.findings.map((finding) => formatFinding(finding, paint));
  return `${[...blocks, summarize(result)].join("\n")}\n`;
}

function formatFinding(finding: Finding, paint: (code: string, text: string) => string): string {
  const where = paint("\x1b[1m", `${finding.file}:${finding.line}:${finding.column}`);
  const severity = paint(SEVERITY_COLOR[finding.severity], finding.severity);
  const lines = [
    `${where}  ${severity}  ${finding.ruleId}  ${finding.secret ?? finding.redacted}`,
    `    ${finding.description}`,
  ];
  if (finding.provenance.kind === "commit") {
    const { sha, author, date } = finding.provenance.commit;
    lines.push(`    commit ${sha.slice(0, 12)} by ${author} on ${date.slice(0, 10)}`);
  }
  if (finding.presentAtHead !== undefined) {
    lines.push(`    ${finding.presentAtHead ? "still at HEAD" : "no longer at HEAD (but in history)"}`);
  }
  for (const place of finding.locations ?? []) {
    lines.push(
      `    also at ${place.file}:${place.line}${place.commit ? ` (commit ${place.commit.slice(0, 12)})` : ""}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export function summarize(result: ScanResult): string {
  const { findings, stats } = result;
  const bySeverity = SEVERITIES.slice()
    .reverse()
    .map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  const found =
    findings.length === 0
      ? "No secrets found"
      : `${plural(findings.length, "finding")} (${bySeverity.join(", ")})`;
  return `${found} in ${plural(stats.fragments, "file")} scanned (${formatBytes(stats.bytes)}, ${stats.durationMs} ms)${describeSkips(stats)}.`;
}

function describeSkips(stats: ScanStats): string {
  const parts = Object.entries(stats.skipped).map(([reason, count]) => `${count} ${reason}`);
  if (stats.nonUtf8 > 0) parts.push(`${stats.nonUtf8} not UTF-8 (scanned as bytes)`);
  if (stats.suppressed > 0) parts.push(`${stats.suppressed} findings in the baseline or ignore file`);
  return parts.length > 0 ? `; skipped: ${parts.join(", ")}` : "";
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
