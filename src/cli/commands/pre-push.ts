import type { SourceItem } from "../../engine/types.js";
import { reportForHook } from "../../hook/hook-report.js";
import { type PushScan, parsePushInput, planPushScan } from "../../hook/push-refs.js";
import { readNewCommits } from "../../hook/pushed-commits.js";
import { type ScanResult, scan } from "../../scan.js";
import { type DiffCoverage, readDiff } from "../../sources/diff.js";
import { gitSucceeds, repositoryInfo } from "../../sources/git.js";
import { emitReport } from "../emit.js";
import type { CliIo } from "../io.js";
import { emitContext, prepareScan } from "../scan-context.js";
import { parseScanFlags, SCAN_FLAGS_HELP } from "../scan-flags.js";

const HELP = `Usage: leakgate pre-push [REMOTE [URL]] [options] < refs

What the pre-push hook runs: reads git's pre-push input (one line per pushed ref:
<local ref> <local sha> <remote ref> <remote sha>) and scans the lines added by every
commit being pushed: remote..local for a branch the remote has, and the commits no
remote-tracking branch has for a new one. Deleted refs are skipped. Exits 1 to stop
the push.

Options:
${SCAN_FLAGS_HELP}
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags } = parseScanFlags(args);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const plans = parsePushInput(await readAll(io.stdin))
    .map(planPushScan)
    .filter((plan): plan is PushScan => plan !== undefined);
  const info = await repositoryInfo(io.cwd);
  const context = await prepareScan(flags, info.topLevel || io.cwd, io);
  const maxFileSize = context.maxFileSize;
  const coverage: DiffCoverage = { commits: 0, range: "", shallow: info.shallow };
  const items = pushedItems(io.cwd, plans, coverage, maxFileSize);
  const result = dedupe(
    await scan(items, context.detector, {
      unmask: flags.unmask,
      ...(context.filter ? { filter: context.filter } : {}),
    }),
  );
  result.stats.commits = coverage.commits;
  if (coverage.shallow) result.stats.shallow = true;
  const emit = emitContext(context, flags, io);
  return flags.format === "text" && !flags.output
    ? reportForHook(result, emit, { blocking: "push" })
    : emitReport(result, emit);
}

/** Every pushed ref's commits, one after the other, through one scan. */
async function* pushedItems(
  cwd: string,
  plans: PushScan[],
  coverage: DiffCoverage,
  maxFileSize: number | undefined,
): AsyncGenerator<SourceItem> {
  const size = maxFileSize ? { maxFileSize } : {};
  for (const plan of plans) {
    // A remote sha this clone never fetched (someone else pushed since): scan what no remote has.
    if (plan.kind === "range" && (await gitSucceeds(cwd, ["cat-file", "-e", `${plan.base}^{commit}`]))) {
      const one: DiffCoverage = { commits: 0, range: "", shallow: false };
      yield* readDiff({ cwd, base: plan.base, head: plan.head, ...size }, one);
      coverage.commits += one.commits;
    } else {
      yield* readNewCommits({
        cwd,
        head: plan.head,
        ...size,
        onCommit: () => {
          coverage.commits += 1;
        },
      });
    }
  }
}

/** Two refs pushed at once may share commits: one finding per commit, file and secret. */
function dedupe(result: ScanResult): ScanResult {
  const seen = new Set<string>();
  result.findings = result.findings.filter((finding) => {
    const commit = finding.provenance.kind === "commit" ? finding.provenance.commit.sha : "";
    const key = `${commit}\0${finding.file}\0${finding.line}\0${finding.fingerprint}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return result;
}

async function readAll(stream: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<string> {
  // Run by hand on a terminal, there is no push to read.
  if (stream.isTTY) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}
