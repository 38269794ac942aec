import { existsSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { serializeConfig } from "../../config/config-writer.js";
import { GITLEAKS_CONFIG, importGitleaksConfig } from "../../config/gitleaks-import.js";
import { UsageError } from "../../errors.js";
import type { CliIo } from "../io.js";

const HELP = `Usage: leakgate config import [FILE] [--output FILE] [--force]

Converts a gitleaks configuration (default ${GITLEAKS_CONFIG}) into .leakgate.yml: its rules,
[extend], and allowlists with paths, regexes, stopwords, commits and targetRules. What cannot
be carried over (rules RE2 cannot compile, disabledRules leakgate has no rule for, composite
rules) is named in a warning. Without .leakgate.yml, leakgate also reads ${GITLEAKS_CONFIG}
in place, with the same result.
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [sub, from] = parsed.positionals;
  if (parsed.values.help || sub === undefined) {
    io.stdout.write(HELP);
    return sub === undefined && !parsed.values.help ? 2 : 0;
  }
  if (sub !== "import") throw new UsageError(`unknown config subcommand "${sub}"; expected "import"`);
  const source = resolve(io.cwd, from ?? GITLEAKS_CONFIG);
  if (!existsSync(source)) throw new UsageError(`${from ?? GITLEAKS_CONFIG} does not exist`);
  const target = resolve(io.cwd, parsed.values.output ?? ".leakgate.yml");
  if (existsSync(target) && !parsed.values.force) {
    throw new UsageError(`${relative(io.cwd, target)} exists already; use --force to replace it`);
  }
  const { config, warnings } = importGitleaksConfig(source);
  const header = `# Imported from ${relative(io.cwd, source)} by \`leakgate config import\`.\n`;
  writeFileSync(target, serializeConfig(config, header));
  for (const warning of warnings) io.stderr.write(`leakgate: warning: ${warning}\n`);
  io.stdout.write(
    `Wrote ${relative(io.cwd, target)}: ${config.rules.length} rules${config.builtinRules ? " plus the built-in ones" : " (built-in rules off, as no file of the gitleaks [extend] chain sets useDefault = true)"}.\n`,
  );
  return 0;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: {
      output: { type: "string", short: "o" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}
