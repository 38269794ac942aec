import type { Finding } from "../engine/types.js";

export interface AdviceOptions {
  color: boolean;
  /** How to revoke each rule's secret, by rule id. */
  remediation: (ruleId: string) => string | undefined;
}

/**
 * What a developer reads when the hook blocks a commit: each finding, then what to do, in order, and
 * how to let a false positive through. Never the secret itself.
 */
export function formatHookAdvice(findings: Finding[], options: AdviceOptions): string {
  const bold = (text: string) => (options.color ? `\x1b[1m${text}\x1b[0m` : text);
  const red = (text: string) => (options.color ? `\x1b[1;31m${text}\x1b[0m` : text);
  const files = [...new Set(findings.map((f) => f.file))];
  const fileFindings = findings.filter((f) => f.kind === "file");
  const lines = [
    red(
      `leakgate blocked this commit: ${describeCount(findings.length)} in ${files.length === 1 ? "1 file" : `${files.length} files`}.`,
    ),
    "",
  ];
  for (const f of findings) {
    lines.push(`  ${bold(`${f.file}:${f.line}:${f.column}`)}  ${f.ruleId}  ${f.redacted}`);
    lines.push(`      ${f.description}`);
  }
  lines.push("", bold("What to do, in order:"));
  lines.push(`  1. Unstage it:  git restore --staged ${files.map(quoteForShell).join(" ")}`);
  lines.push(
    "  2. Move the value to a secret store or an environment variable, and read it from there in the code.",
  );
  if (fileFindings.length > 0) {
    lines.push("  3. Keep the file out of git for good: add to .gitignore");
    for (const f of fileFindings) lines.push(`         /${f.file}`);
  } else {
    lines.push("  3. If a whole file holds secrets, add it to .gitignore.");
  }
  lines.push("  4. If it was ever pushed or shared, rotate it now:");
  for (const ruleId of new Set(findings.map((f) => f.ruleId))) {
    const how = options.remediation(ruleId);
    if (how) lines.push(`       ${ruleId}: ${how.trim()}`);
  }
  lines.push("", bold("A false positive?"));
  lines.push("  Add the comment `leakgate:allow` on that line, or accept it in the baseline:");
  lines.push("  leakgate baseline --update   (it records the fingerprint, never the secret)");
  return `${lines.join("\n")}\n`;
}

function describeCount(count: number): string {
  return count === 1 ? "1 finding" : `${count} findings`;
}

function quoteForShell(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
