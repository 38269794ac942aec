import { ConfigError, GitError, UsageError } from "../errors.js";
import { EXIT_ERROR } from "./exit-codes.js";
import { type CliIo, type CommandRun, processIo } from "./io.js";

interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: CommandRun }>;
}

/** Every verb, loaded only when called so that the hook pays for nothing else. */
const COMMANDS: Record<string, CommandEntry> = {
  scan: { summary: "scan files, folders or stdin (-)", load: () => import("./commands/scan.js") },
  staged: {
    summary: "scan what `git commit` is about to record",
    load: () => import("./commands/staged.js"),
  },
  diff: {
    summary: "scan the lines added by every commit in base..head",
    load: () => import("./commands/diff.js"),
  },
  history: { summary: "scan every blob of every ref, once", load: () => import("./commands/history.js") },
  rotation: {
    summary: "check every secret against its rotation policy",
    load: () => import("./commands/rotation.js"),
  },
  baseline: {
    summary: "accept the current findings into a baseline file",
    load: () => import("./commands/baseline.js"),
  },
  config: { summary: "import a gitleaks configuration", load: () => import("./commands/config.js") },
  install: {
    summary: "install the git hook in this repository",
    load: () => import("./commands/install.js"),
  },
  uninstall: {
    summary: "remove the git hook installed by leakgate",
    load: () => import("./commands/uninstall.js"),
  },
  "pre-push": { summary: "scan the commits being pushed", load: () => import("./commands/pre-push.js") },
  rules: {
    summary: "list the rules, or check rule files with `rules check`",
    load: () => import("./commands/rules.js"),
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`);
  return `Usage: leakgate <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun \`leakgate <command> --help\` for a command's options.\n`;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  ignoreBrokenPipe(io.stdout);
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === "--help" || verb === "-h" || verb === "help") {
    io.stdout.write(usage());
    return verb === undefined ? EXIT_ERROR : 0;
  }
  if (verb === "--version" || verb === "-v") {
    io.stdout.write(`${await readVersion()}\n`);
    return 0;
  }
  const entry = COMMANDS[verb];
  if (!entry) {
    io.stderr.write(`leakgate: unknown command "${verb}"\n\n${usage()}`);
    return EXIT_ERROR;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (error) {
    io.stderr.write(`${describeError(error)}\n`);
    return EXIT_ERROR;
  }
}

/**
 * `leakgate rules | head`: the reader has gone, so there is no one left to tell; the process ends as it
 * would have. Any other error on standard output is still thrown.
 */
function ignoreBrokenPipe(stdout: CliIo["stdout"]): void {
  stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
  });
}

function describeError(error: unknown): string {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof GitError) {
    return `leakgate: ${error.message}`;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `leakgate: internal error (a bug in leakgate; please report it):\n${detail}`;
}

async function readVersion(): Promise<string> {
  const { packageRoot } = await import("../package-root.js");
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")).version;
}
