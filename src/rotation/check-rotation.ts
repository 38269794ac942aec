import type { LeakgateConfig } from "../config/types.js";
import { compileGlobs } from "../engine/allowlist.js";
import type { Finding } from "../engine/types.js";
import type { LeakAcceptance } from "./accepted-leaks.js";
import { discoverSecrets } from "./discover.js";
import { readCommittedSecrets, sightingsFromFindings } from "./git-history.js";
import { judge } from "./judge.js";
import { formatDate } from "./period.js";
import { readRotationSettings } from "./policy-config.js";
import { readPolicyDocs } from "./policy-docs.js";
import { looksLikeSecretVariable, normalizeName } from "./secret-names.js";
import type { RotationReport, Sighting } from "./types.js";

export interface CheckRotationOptions {
  /** The project folder: paths in rows and findings are relative to it. */
  root: string;
  /** From `loadRuleset`; its raw `rotation:` section is validated here. */
  config: LeakgateConfig;
  /** Today, for reproducible runs (`--now`); default: the clock. */
  now?: Date;
  /**
   * Where committed secrets come from, for `leaked-not-rotated`:
   * - findings of a history scan (`scanHistory(…).findings`): those with a `name` and a commit count;
   * - `"git"` (default): leakgate reads `git log -p` of `root` itself;
   * - `false`: skip the check.
   */
  history?: readonly Finding[] | "git" | false;
  /** With `"git"`: leaks the baseline or an ignore file accepts, which are not reported (see leakAcceptance). */
  acceptLeak?: LeakAcceptance;
}

/**
 * The rotation-policy rule: reads the policies (`.leakgate.yml`, the docs tables), finds the secrets the
 * project uses, and judges each one. Throws ConfigError for a malformed `rotation:` section or a missing
 * docs file; anything unreadable inside a policy becomes a `rotation-unparseable` finding.
 */
export async function checkRotation(options: CheckRotationOptions): Promise<RotationReport> {
  const { root, config } = options;
  const now = options.now ?? new Date();
  const settings = readRotationSettings(config, root);
  const docs = readPolicyDocs(root, settings);
  const discovery = settings.discover ? discoverSecrets(root) : { sightings: [], filesRead: 0 };
  const declared = [...settings.secrets, ...docs.secrets];
  const declaredNames = new Set(declared.map((secret) => normalizeName(secret.name)));
  let leaks: Sighting[] = [];
  let historyNote: string | undefined;
  const history = options.history ?? "git";
  if (history === "git") {
    const reading = await readCommittedSecrets(
      root,
      (name) => declaredNames.has(normalizeName(name)) || looksLikeSecretVariable(name),
      options.acceptLeak,
    );
    leaks = reading.sightings;
    historyNote = reading.note;
  } else if (history) {
    leaks = sightingsFromFindings(history);
  }
  const allowed = allowedBy(config);
  const { rows, findings } = judge({
    settings,
    declared,
    types: [...settings.types, ...docs.types],
    problems: docs.problems,
    sightings: discovery.sightings.filter((sighting) => !allowed(sighting)),
    leaks: leaks.filter((sighting) => !allowed(sighting)),
    now,
  });
  const report: RotationReport = {
    rows,
    findings,
    filesRead: (config.file ? 1 : 0) + docs.filesRead + discovery.filesRead,
    today: formatDate(now),
  };
  if (historyNote) report.historyNote = historyNote;
  return report;
}

/** The global `allow:` of `.leakgate.yml` (paths, commits) applies here too: test fixtures are no usage. */
function allowedBy(config: LeakgateConfig): (sighting: Sighting) => boolean {
  const paths = compileGlobs(config.allow.paths ?? []);
  const commits = new Set((config.allow.commits ?? []).map((sha) => sha.toLowerCase()));
  return (sighting) =>
    Boolean(paths?.(sighting.where.file)) ||
    (sighting.commit !== undefined && commits.has(sighting.commit.sha.toLowerCase()));
}
