import * as core from "@actions/core";
import type { Finding, Severity } from "../engine/types.js";
import { toAnnotation } from "../report/annotations.js";
import { groupLeaks, type Leak } from "../report/issue-body.js";
import { formatSummary, formatSummaryFollowUp, type SummaryOptions } from "../report/summary.js";
import type { ScanPlan } from "./event.js";
import type { Prepared } from "./main.js";
import { type GitHubTarget, publishAnnotations, publishIssues, publishPrComment } from "./publish.js";
import { fingerprintsAtCommit, fingerprintsAtHead, type ScanOutcome } from "./run-scan.js";
import { appendSummary, githubTarget, plural, publisher } from "./runner.js";

export interface Findings {
  sarifPath: string;
  failOn: Severity;
  /** Findings at or above fail-on. */
  failing: Finding[];
  leaks: Leak[];
}

/** Outputs, annotations and the job summary, then issues and the pull request comment. */
export async function publishFindings(
  findings: Findings,
  prepared: Prepared,
  outcome: ScanOutcome,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const { settings, plan } = prepared;
  const leaks = await describeLeaks(prepared, outcome);
  findings.leaks = leaks;
  setOutputs(findings, outcome);
  const target = githubTarget(settings, env);
  const problems: string[] = [];
  const summary: SummaryOptions = {
    scope: outcome.scope,
    stats: outcome.result.stats,
    failOn: findings.failOn,
    failed: findings.failing.length > 0,
    sarifPath: settings.sarif,
    repoUrl: target.repoUrl,
  };
  // The summary comes before any API call: whatever the API does next, the findings are in it.
  await appendSummary(formatSummary(leaks, { ...summary, notes: [...prepared.notes, ...outcome.notes] }));
  const hidden = settings.annotations
    ? await annotate(target, findings, outcome, summary, headSha(plan, env), problems)
    : 0;
  const issues = settings.issues ? await fileIssues(target, prepared, leaks, problems) : undefined;
  if (settings.comment && plan.kind === "range" && plan.pullNumber !== undefined) {
    await publishPrComment(
      target,
      plan.pullNumber,
      leaks,
      { commits: outcome.result.stats.commits ?? 0, ...(issues ? { issues } : {}) },
      problems,
    );
  }
  const followUp = formatSummaryFollowUp({ hiddenAnnotations: hidden, problems });
  if (followUp) await appendSummary(followUp);
  for (const problem of problems) core.warning(problem);
  if (!target.client) {
    core.warning(
      "leakgate: no `token` input: no check run, issues or comment; the findings are in the SARIF file and the job summary.",
    );
  }
}

/** One leak per secret, with whether it is still at HEAD and when an earlier run first saw it. */
async function describeLeaks(prepared: Prepared, outcome: ScanOutcome): Promise<Leak[]> {
  const leaks = groupLeaks(outcome.result.findings);
  const unknown = leaks.filter((leak) => leak.presentAtHead === undefined);
  if (prepared.plan.kind !== "files" && unknown.length > 0) {
    const atHead = await presentAtHead(prepared);
    if (atHead) for (const leak of unknown) leak.presentAtHead = atHead.has(leak.fingerprint);
  }
  for (const leak of leaks) {
    const earlier = outcome.known[leak.fingerprint];
    if (earlier) leak.firstSeen = earlier;
  }
  return leaks;
}

/** The secrets at the head the event is about; undefined ("not checked") when that cannot be known. */
async function presentAtHead(prepared: Prepared): Promise<Set<string> | undefined> {
  const { plan, context } = prepared;
  if (plan.kind !== "range" || !plan.headNotCheckedOut) return fingerprintsAtHead(context);
  try {
    return await fingerprintsAtCommit(context, plan.head);
  } catch (error) {
    context.logger.warning(
      `leakgate: could not read the pull request's head ${plan.head.slice(0, 12)} (${(error as Error).message}); whether each secret is still at its head is not known`,
    );
    return undefined;
  }
}

function setOutputs(findings: Findings, outcome: ScanOutcome): void {
  const { result, known } = outcome;
  const fresh = result.findings.filter((finding) => !known[finding.fingerprint]);
  core.setOutput("findings", String(result.findings.length));
  core.setOutput("new-findings", String(fresh.length));
  core.setOutput("sarif", findings.sarifPath);
  core.setOutput("issues-opened", "0");
  core.info(
    `${plural(result.findings.length, "finding")} (${plural(findings.leaks.length, "distinct secret")}); SARIF written to ${findings.sarifPath}`,
  );
}

async function annotate(
  target: GitHubTarget,
  findings: Findings,
  outcome: ScanOutcome,
  summary: SummaryOptions,
  headSha: string,
  problems: string[],
): Promise<number> {
  const failing = findings.failing.length > 0;
  const published = await publishAnnotations(
    target,
    outcome.result.findings.map(toAnnotation),
    {
      headSha,
      title: failing
        ? plural(findings.leaks.length, "leaked secret")
        : outcome.result.findings.length > 0
          ? plural(outcome.result.findings.length, "finding")
          : "No secrets found",
      // The check-run API takes at most 65 535 characters of summary.
      summary: formatSummary(findings.leaks, { ...summary, limitBytes: 60_000 }),
      conclusion: failing ? "failure" : "success",
    },
    publisher,
    problems,
  );
  return published.hidden;
}

async function fileIssues(
  target: GitHubTarget,
  prepared: Prepared,
  leaks: Leak[],
  problems: string[],
): Promise<ReadonlyMap<string, number> | undefined> {
  const synced = await publishIssues(
    target,
    // Rotation findings file too: one issue per rule and secret name (an overdue secret gets its own).
    leaks,
    { labels: prepared.settings.issueLabels, remediation: (id) => prepared.rules.get(id)?.remediation },
    publisher,
    problems,
  );
  if (!synced) return undefined;
  core.setOutput("issues-opened", String(synced.opened.length));
  return synced.byFingerprint;
}

/** Annotations land on the commit the event is about: the pull request's head, the pushed commit. */
function headSha(plan: ScanPlan, env: NodeJS.ProcessEnv): string {
  if (plan.kind === "range" || plan.kind === "new-branch") return plan.head;
  return env.GITHUB_SHA ?? "";
}
