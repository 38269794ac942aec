import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { GitError } from "../errors.js";
import { ByteReader } from "./byte-reader.js";

/**
 * The one module that starts git: argument arrays, never a shell. Git's messages are read in the C
 * locale so that errors can be recognised, and it never prompts (a scan must not hang on a password).
 */
const GIT = "git";
const STDERR_LIMIT = 64 * 1024;

function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: "C", LANGUAGE: "C", GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat" };
}

/** A running git command: its output as a ByteReader, its input, and how it ended. */
export interface GitProcess {
  reader: ByteReader;
  stdin: NodeJS.WritableStream;
  /** Resolves when git exits 0; rejects with a GitError otherwise. */
  finished: Promise<void>;
  /** Ends git early (the caller stopped reading). */
  stop(): void;
}

export function spawnGit(cwd: string, args: string[], options: { okCodes?: number[] } = {}): GitProcess {
  const child: ChildProcessWithoutNullStreams = spawn(GIT, args, { cwd, env: gitEnv() });
  let stderr = "";
  let stopped = false;
  child.stderr.on("data", (chunk: Buffer) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk.toString("utf8");
  });
  // A consumer that stops early closes stdin while git may still be writing to it.
  child.stdin.on("error", () => {});
  const finished = new Promise<void>((resolve, reject) => {
    child.on("error", (error: NodeJS.ErrnoException) => reject(spawnFailure(error, cwd)));
    child.on("close", (code) => {
      if (stopped || code === 0 || (code !== null && options.okCodes?.includes(code))) resolve();
      else reject(gitFailure(args, cwd, stderr, code));
    });
  });
  // Callers await `finished` after reading; until then a rejection must not count as unhandled.
  finished.catch(() => {});
  return {
    reader: new ByteReader(child.stdout),
    stdin: child.stdin,
    finished,
    stop() {
      stopped = true;
      child.kill();
    },
  };
}

/** Runs git to the end and returns its whole standard output (for small answers). */
export async function gitOutput(
  cwd: string,
  args: string[],
  options: { okCodes?: number[]; input?: string } = {},
): Promise<Buffer> {
  const git = spawnGit(cwd, args, options);
  git.stdin.end(options.input ?? "");
  const output = await git.reader.readRest();
  await git.finished;
  return output;
}

/** One short answer as text, trimmed. */
export async function gitText(cwd: string, args: string[]): Promise<string> {
  return (await gitOutput(cwd, args)).toString("utf8").trim();
}

/** Whether git exits 0 (a yes-or-no question such as `cat-file -e`). Git missing is still an error. */
export async function gitSucceeds(cwd: string, args: string[]): Promise<boolean> {
  try {
    await gitOutput(cwd, args);
    return true;
  } catch (error) {
    if (error instanceof GitError && /^(git was not found|no such folder)/.test(error.message)) throw error;
    return false;
  }
}

function spawnFailure(error: NodeJS.ErrnoException, cwd: string): GitError {
  // spawn says ENOENT both when git is missing and when the folder to run it in is.
  if (error.code === "ENOENT" && !existsSync(cwd)) return new GitError(`no such folder: ${cwd}`);
  if (error.code === "ENOENT") {
    return new GitError("git was not found on PATH: install git, or add it to PATH");
  }
  return new GitError(`could not start git: ${error.message}`);
}

function gitFailure(args: string[], cwd: string, stderr: string, code: number | null): GitError {
  if (/not a git repository/i.test(stderr)) {
    return new GitError(
      `${cwd} is not a git repository (nor is any of its parent folders): run leakgate inside one, or use \`leakgate scan\` for plain folders`,
    );
  }
  const message = stderr.trim().split("\n").slice(-3).join(" ") || `exit code ${code}`;
  return new GitError(`git ${args.filter((a) => !a.startsWith("--format")).join(" ")} failed: ${message}`);
}

let version: Promise<number[]> | undefined;

/** git's version as numbers ([2, 39, 5]), asked once per process. */
export function gitVersion(cwd: string): Promise<number[]> {
  version ??= gitText(cwd, ["version"]).then((text) =>
    (/(\d+)\.(\d+)(?:\.(\d+))?/.exec(text) ?? []).slice(1).map((part) => Number(part ?? 0)),
  );
  return version;
}

export async function gitAtLeast(cwd: string, major: number, minor: number): Promise<boolean> {
  const [have = 0, haveMinor = 0] = await gitVersion(cwd);
  return have > major || (have === major && haveMinor >= minor);
}

/** What a scan needs to know about the repository before it starts. */
export interface RepositoryInfo {
  /** The top of the working tree ("" for a bare repository). */
  topLevel: string;
  shallow: boolean;
  /** The commit HEAD points at; undefined on an unborn branch or in an empty repository. */
  head: string | undefined;
  /** The empty tree's id in this repository's hash (sha1 or sha256). */
  emptyTree: string;
}

/** The top of the working tree that `cwd` is in, in one spawn (a GitError outside a repository). */
export async function topLevel(cwd: string): Promise<string> {
  return gitText(cwd, ["rev-parse", "--show-toplevel"]);
}

export async function repositoryInfo(cwd: string): Promise<RepositoryInfo> {
  const [flags, topLevel, head] = await Promise.all([
    gitText(cwd, ["rev-parse", "--is-bare-repository", "--is-shallow-repository", "--show-object-format"]),
    gitText(cwd, ["rev-parse", "--show-toplevel"]).catch(() => ""),
    gitText(cwd, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).catch(() => ""),
  ]);
  const [bare, shallow, format] = flags.split("\n");
  return {
    topLevel: bare === "true" ? "" : topLevel,
    shallow: shallow === "true",
    head: head || undefined,
    emptyTree: format === "sha256" ? EMPTY_TREE_SHA256 : EMPTY_TREE_SHA1,
  };
}

const EMPTY_TREE_SHA1 = "4b825dc642cb6eb9a060af5475f4e23d0ba6d69e";
const EMPTY_TREE_SHA256 = "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321";

/** One object read by `git cat-file --batch`; `data` is absent when the object was larger than the limit. */
export interface CatFileObject {
  id: string;
  type: string;
  size: number;
  data: Buffer | undefined;
}

/**
 * Streams objects through ONE `git cat-file --batch`: ids go in on stdin (with backpressure), contents
 * come back as raw bytes. Objects over `maxSize` are read past without being kept.
 */
export async function* catFileBatch(
  cwd: string,
  ids: Iterable<string> | AsyncIterable<string>,
  maxSize: number,
): AsyncGenerator<CatFileObject> {
  const git = spawnGit(cwd, ["cat-file", "--batch"]);
  const writing = writeIds(git.stdin, ids);
  writing.catch(() => git.stop());
  let complete = false;
  try {
    for (;;) {
      const header = await git.reader.readUntil(10);
      if (header === undefined) break;
      const [id = "", type = "", sizeText = ""] = header.toString("latin1").split(" ");
      if (type === "missing" || type === "ambiguous") {
        yield { id, type: "missing", size: 0, data: undefined };
        continue;
      }
      const size = Number(sizeText);
      let data: Buffer | undefined;
      if (size > maxSize) await git.reader.skip(size);
      else data = await git.reader.read(size);
      await git.reader.skip(1);
      yield { id, type, size, data };
    }
    await writing;
    await git.finished;
    complete = true;
  } finally {
    if (!complete) git.stop();
  }
}

async function writeIds(
  stdin: NodeJS.WritableStream,
  ids: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const ok = stdin.write(`${batch.join("\n")}\n`);
    batch = [];
    if (!ok) await new Promise<void>((resolve) => stdin.once("drain", resolve));
  };
  for await (const id of ids) {
    batch.push(id);
    if (batch.length >= 512) await flush();
  }
  await flush();
  stdin.end();
}
