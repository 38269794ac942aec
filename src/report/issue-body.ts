import type { Finding, Severity } from "../engine/types.js";

/** One leaked secret: every finding that shares a fingerprint, oldest first. */
export interface Leak {
  fingerprint: string;
  ruleId: string;
  description: string;
  severity: Severity;
  redacted: string;
  /** Where it was first added (the first commit for git sources). */
  first: Finding;
  /** Every location, `first`'s included. */
  locations: LeakLocation[];
  /** Still in the files at HEAD; undefined when not known. */
  presentAtHead?: boolean;
  /** When it was first seen: an earlier run's record, or the first commit's date. */
  firstSeen?: string;
}

export interface LeakLocation {
  file: string;
  line: number;
  /** The commit that put it there, for git sources. */
  commit?: string;
}

/** Links back into the repository; all optional so the formatters work outside GitHub too. */
export interface RepoLinks {
  /** e.g. https://github.com/owner/repo */
  repoUrl?: string;
}

/** Groups findings by fingerprint, keeping the first occurrence of each secret as its origin. */
export function groupLeaks(findings: Finding[]): Leak[] {
  const byFingerprint = new Map<string, Leak>();
  for (const finding of findings) {
    const commit = commitOf(finding)?.sha;
    // A history finding already carries its secret's other locations.
    const locations = [
      { file: finding.file, line: finding.line, ...(commit ? { commit } : {}) },
      ...(finding.locations ?? []),
    ];
    const known = byFingerprint.get(finding.fingerprint);
    if (known) {
      known.locations.push(...locations);
      if (finding.presentAtHead !== undefined)
        known.presentAtHead = Boolean(known.presentAtHead) || finding.presentAtHead;
      continue;
    }
    byFingerprint.set(finding.fingerprint, {
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      description: finding.description,
      severity: finding.severity,
      redacted: finding.redacted,
      first: finding,
      locations,
      ...(finding.presentAtHead !== undefined ? { presentAtHead: finding.presentAtHead } : {}),
      ...(finding.provenance.kind === "commit" ? { firstSeen: finding.provenance.commit.date } : {}),
    });
  }
  return [...byFingerprint.values()];
}

const MARKER_PREFIX = "<!-- leakgate:fingerprint=";

/** The hidden marker that makes remediation issues idempotent: one issue per fingerprint. */
export function issueMarker(fingerprint: string): string {
  return `${MARKER_PREFIX}${fingerprint} -->`;
}

/** The fingerprint in an issue body's marker, if it has one. */
export function readIssueMarker(body: string | null | undefined): string | undefined {
  const match = /<!-- leakgate:fingerprint=([0-9a-f]+) -->/.exec(body ?? "");
  return match?.[1];
}

export function issueTitle(leak: Leak): string {
  return `Leaked secret: ${leak.ruleId} in ${leak.first.file}`;
}

export interface IssueBodyOptions extends RepoLinks {
  /** The rule's `remediation`: how to revoke it at the provider. */
  remediation?: string;
  /** Where the run that wrote this is, for the footer. */
  runUrl?: string;
}

const FOOTER_PREFIX = "<sub>Opened by leakgate";

/** An issue body without its footer's link to the run: what changes on every run, not in substance. */
export function withoutRunLink(body: string): string {
  return body
    .split("\n")
    .filter((line) => !line.startsWith(FOOTER_PREFIX))
    .join("\n");
}

/** The footer of every remediation issue. */
export function issueFooter(runUrl: string | undefined): string {
  return `${FOOTER_PREFIX}${runUrl ? ` in ${link("this run", runUrl)}` : ""}. It is updated on every run; closing it while the secret is still found reopens it (closing it as not planned leaves it closed).</sub>`;
}

/** The remediation issue for one leaked secret. Holds only the masked secret, never the secret. */
export function formatIssueBody(leak: Leak, options: IssueBodyOptions = {}): string {
  const commit = commitOf(leak.first);
  const origin = commit
    ? `${link(commit.sha.slice(0, 12), options.repoUrl && `${options.repoUrl}/commit/${commit.sha}`)} by ${escapeMarkdown(commit.author)} on ${commit.date.slice(0, 10)}`
    : "not known (found in the files, not in a commit)";
  const head =
    leak.presentAtHead === undefined
      ? "not checked"
      : leak.presentAtHead
        ? "**yes**: it is still in the code"
        : "no: it is only in the history";
  const remediation =
    options.remediation?.trim() || "Revoke the secret at its provider and create a new one.";
  return [
    issueMarker(leak.fingerprint),
    `leakgate found a secret matching **${leak.ruleId}** (${escapeMarkdown(leak.description)}, severity ${leak.severity}).`,
    "",
    "| | |",
    "|---|---|",
    `| Secret (masked) | \`${leak.redacted.replace(/`/g, "'")}\` |`,
    `| First commit | ${origin} |`,
    `| Still at \`HEAD\` | ${head} |`,
    `| Fingerprint | \`${leak.fingerprint}\` |`,
    "",
    `### Locations (${leak.locations.length})`,
    "",
    ...formatLocations(leak.locations, options),
    "",
    "### What to do",
    "",
    `- [ ] Revoke or rotate the secret at the provider. ${escapeMarkdown(remediation).replace(/\s+/g, " ")}`,
    "- [ ] Put the new value in the secret store (for example the repository's Actions secrets) and update whoever uses it.",
    "- [ ] Record the rotation date in the rotation policy (`rotation.secrets[].last_rotated` in `.leakgate.yml`).",
    "- [ ] Remove the secret from the code and read it from the environment or the secret store instead.",
    "- [ ] Optionally, purge it from the git history (`git filter-repo`); rotating it is what makes it harmless.",
    "",
    issueFooter(options.runUrl),
    "",
  ].join("\n");
}

/** The issue of one rotation finding: one per rule and secret name, e.g. "MAIL_PASSWORD: Secret rotation is overdue". */
export function rotationIssueTitle(leak: Leak): string {
  return `${leak.first.name ?? leak.redacted}: ${ruleSummary(leak)}`;
}

/** What is overdue or leaked, and the checklist; holds the secret's name and at most a masked value. */
export function formatRotationIssueBody(leak: Leak, options: IssueBodyOptions = {}): string {
  const name = escapeMarkdown(leak.first.name ?? leak.redacted);
  const commit = commitOf(leak.first);
  const leaked = leak.ruleId === "leaked-not-rotated";
  const where = `\`${leak.first.file}:${leak.first.line}\``;
  const remediation =
    options.remediation?.trim() || "Rotate the secret and record the date in the rotation policy.";
  return [
    issueMarker(leak.fingerprint),
    `leakgate's rotation policy check reports **${name}**: ${escapeMarkdown(leak.description)} (rule \`${leak.ruleId}\`, severity ${leak.severity}).`,
    "",
    "| | |",
    "|---|---|",
    `| Secret | \`${(leak.first.name ?? leak.redacted).replace(/`/g, "'")}\` |`,
    `| Where | ${where} |`,
    ...(leaked
      ? [
          `| Committed value (masked) | \`${leak.redacted.replace(/`/g, "'")}\` |`,
          `| Commit | ${commit ? `${link(commit.sha.slice(0, 12), options.repoUrl && `${options.repoUrl}/commit/${commit.sha}`)} on ${commit.date.slice(0, 10)}` : "not known"} |`,
        ]
      : []),
    "",
    "### What to do",
    "",
    `- [ ] ${leaked ? "Rotate the secret now: the value in git stays readable whatever its schedule." : `Fix what the rule reports. ${escapeMarkdown(remediation).replace(/\s+/g, " ")}`}`,
    "- [ ] Put the new value in the secret store (for example the repository's Actions secrets) and update whoever uses it.",
    "- [ ] Record the rotation date in the rotation policy (`rotation.secrets[].last_rotated` in `.leakgate.yml`, or the Last Rotated column of the docs).",
    ...(leaked
      ? ["- [ ] Remove the value from the code and read it from the environment or the secret store instead."]
      : []),
    "",
    issueFooter(options.runUrl),
    "",
  ].join("\n");
}

/** The rule's own description, without the finding's specifics after the colon. */
function ruleSummary(leak: Leak): string {
  const at = leak.description.indexOf(": ");
  return at > 0 ? leak.description.slice(0, at) : leak.description;
}

const MAX_LOCATIONS = 50;

function formatLocations(locations: LeakLocation[], options: RepoLinks): string[] {
  const lines = locations.slice(0, MAX_LOCATIONS).map((location) => {
    const where = `\`${location.file}:${location.line}\``;
    const url =
      options.repoUrl && location.commit
        ? `${options.repoUrl}/blob/${location.commit}/${location.file.split("/").map(encodeURIComponent).join("/")}#L${location.line}`
        : undefined;
    return `- ${link(where, url)}${location.commit ? ` (commit ${location.commit.slice(0, 12)})` : ""}`;
  });
  if (locations.length > MAX_LOCATIONS) lines.push(`- … and ${locations.length - MAX_LOCATIONS} more`);
  return lines;
}

function commitOf(finding: Finding) {
  return finding.provenance.kind === "commit" ? finding.provenance.commit : undefined;
}

export function link(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : text;
}

/** Keeps user-controlled text (names, descriptions) from turning into Markdown or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|]/g, (char) => `\\${char}`);
}
