import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { builtinRuleFiles, builtinRules, readRuleFile } from "../../config/builtin-rules.js";
import { checkRules } from "../../config/check-rules.js";
import { UsageError } from "../../errors.js";
import { EXIT_CLEAN, EXIT_FINDINGS } from "../exit-codes.js";
import type { CliIo } from "../io.js";

const HELP = `Usage: leakgate rules [--format text|json]
       leakgate rules check [FILE...]

"rules" lists the built-in rules. "rules check" validates rule files (default: the
built-in ones) and runs their examples through the whole pipeline: every example must
give its rule, every negative example must give nothing. Exit 1 when one does not.
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) {
    io.stdout.write(HELP);
    return EXIT_CLEAN;
  }
  const [sub, ...files] = parsed.positionals;
  if (sub === "check")
    return check(
      files.map((file) => resolve(io.cwd, file)),
      io,
    );
  if (sub !== undefined) throw new UsageError(`unknown rules subcommand "${sub}"; expected "check"`);
  return list(parsed.values.format ?? "text", io);
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: { format: { type: "string", short: "f" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: true,
  });
}

function list(format: string, io: CliIo): number {
  const rules = builtinRules();
  if (format === "json") {
    const rows = rules.map(({ id, description, severity, keywords, references, remediation }) => ({
      id,
      description,
      severity,
      keywords,
      references,
      remediation,
    }));
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (format === "text") {
    const width = Math.max(...rules.map((rule) => rule.id.length));
    for (const rule of rules)
      io.stdout.write(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${rule.description}\n`);
    io.stdout.write(`${rules.length} rules\n`);
  } else {
    throw new UsageError(`--format expects text or json; received "${format}"`);
  }
  return EXIT_CLEAN;
}

function check(files: string[], io: CliIo): number {
  const builtinFiles = new Set(builtinRuleFiles());
  const targets = files.length > 0 ? files : [...builtinFiles];
  const rules = targets.flatMap((file) => readRuleFile(file));
  const strict = targets.every((file) => builtinFiles.has(file));
  const problems = checkRules(rules, builtinRules(), { strict });
  for (const problem of problems)
    io.stdout.write(`${problem.source ?? ""}: ${problem.ruleId}: ${problem.message}\n`);
  const examples = rules.reduce((sum, rule) => sum + rule.examples.length + rule.negativeExamples.length, 0);
  io.stdout.write(`${rules.length} rules, ${examples} examples checked, ${problems.length} problems\n`);
  return problems.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
