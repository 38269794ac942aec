import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import * as core from "@actions/core";
import { acceptedFindingsFilter, baselinePath } from "../baseline/filter.js";
import { loadRuleset } from "../config/ruleset.js";
import { Detector } from "../engine/detector.js";
import { regexEngine, setRegexFallbackHandler } from "../engine/regex.js";
import { type RuleDefinition, SEVERITIES, type Severity } from "../engine/types.js";
import { formatSarif } from "../report/sarif.js";
import { checkRotation } from "../rotation/check-rotation.js";
import { ROTATION_RULES } from "../rotation/rules.js";
import { leakgateVersion } from "../version.js";
import { planScan, type ScanPlan } from "./event.js";
import { trustWorkspace } from "./git.js";
import { type Findings, publishFindings } from "./report-findings.js";
import { runScan, type ScanContext, type ScanOutcome } from "./run-scan.js";
import { chooseStateStore, logger, maskOnce, plural, readPayload } from "./runner.js";
import { readSettings, type Settings } from "./settings.js";

const DEFAULT_FAIL_ON: Severity = "low";

/** The Action: scan what the event says, write SARIF and the summary, then annotate, file issues, comment. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const started = Date.now();
    const prepared = await prepare(env);
    const outcome = await runScan(prepared.plan, prepared.context);
    if (prepared.settings.rotation) await addRotationFindings(prepared, outcome);
    outcome.result.stats.durationMs = Date.now() - started;
    const findings = writeSarif(prepared, outcome);
    await publishFindings(findings, prepared, outcome, env);
    if (prepared.context.store && outcome.nextState) await saveState(prepared.context, outcome);
    const failing = findings.failing.length;
    if (failing > 0) {
      core.setFailed(
        `leakgate found ${plural(failing, "finding")} at or above ${findings.failOn} (${plural(findings.leaks.length, "distinct secret")})`,
      );
    }
  } catch (error) {
    core.setFailed(`leakgate: ${(error as Error).message}`);
  }
}

export interface Prepared {
  settings: Settings;
  plan: ScanPlan;
  context: ScanContext;
  rules: Map<string, RuleDefinition>;
  failOn: Severity;
  root: string;
  config: Awaited<ReturnType<typeof loadRuleset>>["config"];
  /** Said in the summary: the regex fallback, a force push. */
  notes: string[];
}

async function prepare(env: NodeJS.ProcessEnv): Promise<Prepared> {
  const settings = readSettings((name) => core.getInput(name));
  const notes: string[] = [];
  setRegexFallbackHandler((reason) => {
    core.warning(`leakgate: ${reason}`);
    notes.push(
      "RE2 is not available on this runner: the scan used JavaScript regular expressions (slower, same results).",
    );
  });
  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  const root = resolve(workspace, settings.path);
  trustWorkspace(workspace);
  const { ruleset, config, warnings } = await loadRuleset({
    root,
    ...(settings.config ? { configPath: settings.config } : {}),
  });
  for (const warning of warnings) core.warning(`leakgate: ${config.file}: ${warning}`);
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const plan = planScan(settings.mode, eventName, readPayload(env.GITHUB_EVENT_PATH));
  core.info(
    `leakgate ${leakgateVersion()} (regex engine: ${regexEngine()}): ${eventName || "no"} event, scanning ${plan.label}`,
  );
  const context: ScanContext = {
    workspace,
    root,
    rootFromWorkspace: relative(workspace, root).split(sep).join("/") || ".",
    detector: new Detector(ruleset),
    // The baseline and .leakgateignore accept findings, exactly as the CLI reads them.
    filter: acceptedFindingsFilter(root, config, baselinePath(root, config, settings.baseline, workspace)),
    store: plan.kind === "history" ? chooseStateStore(env) : undefined,
    setSecret: maskOnce(),
    logger,
  };
  const rules = new Map(ruleset.rules.map((rule) => [rule.id, rule.definition]));
  const failOn = settings.failOn ?? config.failOn ?? DEFAULT_FAIL_ON;
  return { settings, plan, context, rules, failOn, root, config, notes };
}

/** The rotation rule judges the secrets in use; the scanned commits' findings tell it which leaked. */
async function addRotationFindings(prepared: Prepared, outcome: ScanOutcome): Promise<void> {
  const { result } = outcome;
  const report = await checkRotation({
    root: prepared.root,
    config: prepared.config,
    history: prepared.plan.kind === "files" ? false : result.findings,
  });
  result.findings.push(...report.findings);
  for (const [id, rule] of ROTATION_RULES) prepared.rules.set(id, rule);
  core.info(`Rotation policy: ${report.rows.length} secrets checked, ${report.findings.length} findings`);
}

/** The SARIF file comes before any API call: whatever the API does next, the findings are on disk. */
function writeSarif(prepared: Prepared, outcome: ScanOutcome): Findings {
  const { result } = outcome;
  const sarifPath = resolve(prepared.context.workspace, prepared.settings.sarif);
  mkdirSync(dirname(sarifPath), { recursive: true });
  writeFileSync(sarifPath, formatSarif(result, { version: leakgateVersion(), rules: prepared.rules }));
  const threshold = SEVERITIES.indexOf(prepared.failOn);
  return {
    sarifPath,
    failOn: prepared.failOn,
    failing: result.findings.filter((finding) => SEVERITIES.indexOf(finding.severity) >= threshold),
    leaks: [],
  };
}

async function saveState(context: ScanContext, outcome: ScanOutcome): Promise<void> {
  if (!context.store || !outcome.nextState) return;
  try {
    await context.store.save(outcome.nextState);
  } catch (error) {
    core.warning(
      `leakgate: could not save the scan state to ${context.store.name} (${(error as Error).message}); the next run scans the whole history again`,
    );
  }
}
