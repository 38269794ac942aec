import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

let checkout: string | undefined;
/**
 * The Action as a workflow gets it: action.yml, dist/, rules/ and package.json, and no node_modules, so
 * a dependency the bundle forgot fails here as it would on GitHub. One copy per test process.
 */
export function actionCheckout(): string {
  if (checkout) return checkout;
  const dir = mkdtempSync(join(tmpdir(), "leakgate-action-"));
  for (const name of ["action.yml", "dist", "rules", "package.json"]) {
    cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  }
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  checkout = dir;
  return dir;
}

let node24: string | undefined;
/** The Node 24 binary GitHub runs actions with (installed into .cache/ when missing). */
export function node24Binary(): string {
  node24 ??= execFileSync("bash", [join(ROOT, "scripts/ensure-node24.sh")], { encoding: "utf8" }).trim();
  return node24;
}

export interface ActionRun {
  status: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The SARIF file, parsed, if one was written. */
  sarif: unknown;
  sarifText: string;
  /**
   * Everything the run printed or wrote, to check that no secret is in any of it; the runner consumes
   * `::add-mask::` commands and never shows them, so they are left out (see `masked`).
   */
  everything: string;
  /** The values the run asked the runner to mask. */
  masked: string[];
}

export interface ActionRunOptions {
  workspace: string;
  eventName: string;
  payload: unknown;
  apiUrl: string;
  inputs?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  sha?: string;
}

/** Runs dist/index.js with Node 24 and the environment a GitHub runner gives an action. */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const temp = mkdtempSync(join(tmpdir(), "leakgate-runner-"));
  try {
    const eventPath = join(temp, "event.json");
    writeFileSync(eventPath, JSON.stringify(options.payload));
    const summaryPath = join(temp, "summary.md");
    const outputPath = join(temp, "output.txt");
    writeFileSync(summaryPath, "");
    writeFileSync(outputPath, "");
    mkdirSync(join(temp, "runner-temp"));
    const inputs: Record<string, string> = {
      token: "ghs_faketoken0000000000000000000000000000",
      ...options.inputs,
    };
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: "true",
      CI: "true",
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: "octo-org/widgets",
      GITHUB_REPOSITORY_OWNER: "octo-org",
      GITHUB_SHA: options.sha ?? "",
      GITHUB_API_URL: options.apiUrl,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql`,
      GITHUB_RUN_ID: "4242",
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_WORKSPACE: options.workspace,
      RUNNER_TEMP: join(temp, "runner-temp"),
      RUNNER_OS: "Linux",
      ...Object.fromEntries(
        Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
      ),
      ...options.env,
    };
    const child = spawn(node24Binary(), [join(actionCheckout(), "dist/index.js")], {
      cwd: options.workspace,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const status = await new Promise<number>((done) => child.on("close", (code) => done(code ?? -1)));
    const sarifFile = resolve(options.workspace, inputs.sarif ?? "leakgate.sarif");
    const sarifText = existsSync(sarifFile) ? readFileSync(sarifFile, "utf8") : "";
    const summary = readFileSync(summaryPath, "utf8");
    const outputText = readFileSync(outputPath, "utf8");
    return {
      status,
      stdout,
      stderr,
      outputs: parseOutputs(outputText),
      summary,
      sarif: sarifText ? JSON.parse(sarifText) : undefined,
      sarifText,
      everything: [withoutMaskCommands(stdout), stderr, summary, outputText, sarifText].join("\n"),
      masked: [...stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1] as string),
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function withoutMaskCommands(text: string): string {
  return text.replace(/^::add-mask::.*$/gm, "");
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string;
  return outputs;
}

/** The workflow-command annotations a run printed: `::error file=…,line=…::message`. */
export function commandAnnotations(
  stdout: string,
): { level: string; file: string; line: number; message: string }[] {
  const found: { level: string; file: string; line: number; message: string }[] = [];
  for (const match of stdout.matchAll(/^::(error|warning|notice) ([^:]*)::(.*)$/gm)) {
    const props = Object.fromEntries(
      (match[2] as string).split(",").map((pair) => {
        const at = pair.indexOf("=");
        return [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1).replace(/%2C/g, ","))];
      }),
    );
    if (props.file)
      found.push({
        level: match[1] as string,
        file: props.file,
        line: Number(props.line),
        message: match[3] as string,
      });
  }
  return found;
}
