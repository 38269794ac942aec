import type { Finding } from "../engine/types.js";

export interface AdviceOptions {
  color: boolean;
  /** How to revoke each rule's secret, by rule id. */
  remediation: (ruleId: string) => string | undefined;
  /** What is being blocked: a commit (the pre-commit hook, the default) or a push (the pre-push hook). */
  blocking?: "commit" | "push";
  /** The repository has no commit yet: `git restore --staged` needs HEAD, `git rm --cached` does not. */
  firstCommit?: boolean;
}

/**
 * What a developer reads when the hook blocks a commit: each finding, then what to do, in order, and
 * how to let a false positive through. Never the secret itself.
 */
export function formatHookAdvice(findings: Finding[], options: AdviceOptions): string {
  const bold = (text: string) => (options.color ? `\x1b[1m${text}\x1b[0m` : text);
  const red = (text: string) => (options.color ? `\x1b[1;31m${text}\x1b[0m` : text);
  const files = [...new Set(findings.map((f) => f.file))];
  const headline = `leakgate blocked this ${options.blocking ?? "commit"}: ${plural(findings.length, "finding")} in ${plural(files.length, "file")}.`;
  const lines = [red(headline), ""];
  for (const f of findings) {
    const where = f.kind === "file" ? f.file : `${f.file}:${f.line}:${f.column}`;
    const secret = f.kind === "file" ? "" : `  ${f.redacted}`;
    lines.push(`  ${bold(where)}  ${f.severity}  ${f.ruleId}${secret}`);
    lines.push(`      ${f.description}${describeCommit(f)}`);
  }
  lines.push("", bold("What to do, in order:"), ...fixSteps(findings, options));
  lines.push("", bold("A false positive?"), ...allowSteps(findings));
  return `${lines.join("\n")}\n`;
}

const DEFAULT_BASELINE_FILE = ".leakgate-baseline.json";

function fixSteps(findings: Finding[], options: AdviceOptions): string[] {
  const files = [...new Set(findings.map((f) => f.file))];
  const keyFiles = [...new Set(findings.filter((f) => f.kind === "file").map((f) => f.file))];
  const steps = removalSteps(options.blocking ?? "commit", files, keyFiles, options.firstCommit === true);
  steps.push(
    "  2. Move the value to a secret store or an environment variable, and read it from there in the code.",
  );
  if (keyFiles.length > 0) {
    steps.push("  3. Keep the file out of git for good: add these lines to .gitignore");
    for (const path of keyFiles) steps.push(`         ${gitignoreLine(path)}`);
  } else {
    steps.push("  3. If a whole file holds secrets, add it to .gitignore.");
  }
  steps.push("  4. If it was ever pushed or shared, rotate it now: removing it from git does not revoke it.");
  for (const ruleId of new Set(findings.map((f) => f.ruleId))) {
    const how = options.remediation(ruleId);
    if (how) steps.push(`       ${ruleId}: ${how.trim().replace(/\s+/g, " ")}`);
  }
  return steps;
}

function removalSteps(
  blocking: "commit" | "push",
  files: string[],
  keyFiles: string[],
  firstCommit: boolean,
): string[] {
  if (blocking === "commit") {
    const unstage = firstCommit ? "git rm --cached" : "git restore --staged";
    return [`  1. Unstage it:  ${unstage} ${files.map(quoteForShell).join(" ")}`];
  }
  const drop =
    keyFiles.length > 0 ? ` (a whole file: git rm --cached ${keyFiles.map(quoteForShell).join(" ")})` : "";
  return [
    "  1. Take it out of the commits you are pushing (the remote does not have them yet):",
    `       in the last commit: remove the value${drop}, then git commit --amend`,
    "       in an older one:    git rebase -i <the remote branch>, mark that commit edit, fix it, git rebase --continue",
  ];
}

function allowSteps(findings: Finding[]): string[] {
  const keyFiles = findings.filter((f) => f.kind === "file").length;
  const steps: string[] = [];
  if (keyFiles < findings.length)
    steps.push("  In code: add the comment `leakgate:allow` on the line that holds the value.");
  if (keyFiles > 0)
    steps.push("  A file meant to be committed: allow its path in .leakgate.yml (allow: { paths: [...] }).");
  steps.push(
    "  Or accept it in the baseline, which records a fingerprint, never the secret:",
    '    leakgate baseline --update --reason "why this is not a secret"',
    `    git add ${DEFAULT_BASELINE_FILE} .gitattributes`,
  );
  return steps;
}

function describeCommit(finding: Finding): string {
  if (finding.provenance.kind !== "commit") return "";
  return ` (commit ${finding.provenance.commit.sha.slice(0, 12)})`;
}

/** A .gitignore pattern that matches exactly this path from the repository root. */
export function gitignoreLine(path: string): string {
  const escaped = path.replace(/[\\[\]*?]/g, (c) => `\\${c}`).replace(/ $/, "\\ ");
  return `/${escaped}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function quoteForShell(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
