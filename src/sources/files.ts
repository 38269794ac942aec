import { type Dirent, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import type { Provenance, SourceItem } from "../engine/types.js";
import { UsageError } from "../errors.js";
import { DEFAULT_MAX_FILE_SIZE } from "./limits.js";

export interface FilesOptions {
  /** Paths in findings are relative to this folder. */
  root: string;
  maxFileSize?: number;
}

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

const PROVENANCE: Provenance = { kind: "file" };

/**
 * Files and folders, honouring every `.gitignore` on the way down. Symlinks are never followed (so a
 * link loop cannot hang a scan), nor are FIFOs, sockets and devices, which a read could block on; unreadable,
 * special and oversized files are skipped and counted. A target that does not exist is a UsageError.
 */
export async function* readFiles(targets: string[], options: FilesOptions): AsyncGenerator<SourceItem> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // A path the user typed must exist; files that vanish or turn unreadable while walking are counted.
  const missing = targets.find((target) => !lstatOrUndefined(target));
  if (missing !== undefined) throw new UsageError(`no such file or folder: ${missing}`);
  for (const target of targets) {
    const stat = lstatOrUndefined(target);
    const path = toRelative(options.root, target);
    if (!stat) {
      yield { skipped: "unreadable", path, provenance: PROVENANCE, detail: "no such file or folder" };
    } else if (stat.isDirectory()) {
      yield* walk(target, options.root, maxFileSize, ancestorsIgnores(options.root, target));
    } else {
      yield readOne(target, path, maxFileSize, stat.isSymbolicLink());
    }
  }
}

function* walk(dir: string, root: string, maxFileSize: number, scopes: IgnoreScope[]): Generator<SourceItem> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    yield {
      skipped: "unreadable",
      path: toRelative(root, dir),
      provenance: PROVENANCE,
      detail: (error as Error).message,
    };
    return;
  }
  const own = readGitignore(dir);
  const active = own ? [...scopes, own] : scopes;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name === ".git") continue;
    const full = join(dir, entry.name);
    if (isIgnored(active, full, entry.isDirectory())) continue;
    const path = toRelative(root, full);
    if (entry.isDirectory()) yield* walk(full, root, maxFileSize, active);
    else yield readOne(full, path, maxFileSize, entry.isSymbolicLink());
  }
}

function readOne(full: string, path: string, maxFileSize: number, isLink: boolean): SourceItem {
  if (isLink) return { skipped: "symlink", path, provenance: PROVENANCE };
  try {
    const stat = statSync(full);
    if (!stat.isFile())
      return { skipped: "special", path, provenance: PROVENANCE, detail: "not a regular file" };
    const size = stat.size;
    if (size > maxFileSize)
      return { skipped: "too-large", path, provenance: PROVENANCE, detail: `${size} bytes` };
    return { data: readFileSync(full), path, provenance: PROVENANCE };
  } catch (error) {
    return {
      skipped: "unreadable",
      path,
      provenance: PROVENANCE,
      detail: (error as NodeJS.ErrnoException).code ?? "",
    };
  }
}

function readGitignore(dir: string): IgnoreScope | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, ".gitignore"), "utf8");
  } catch {
    return undefined;
  }
  return { base: dir, rules: ignore().add(text) };
}

/** The .gitignore files between the root and a folder given on the command line apply to it too. */
function ancestorsIgnores(root: string, target: string): IgnoreScope[] {
  const rel = relative(root, target);
  if (rel.startsWith("..") || rel === "") return [];
  const scopes: IgnoreScope[] = [];
  let dir = root;
  for (const part of ["", ...rel.split(sep).slice(0, -1)]) {
    dir = part ? join(dir, part) : dir;
    const scope = readGitignore(dir);
    if (scope) scopes.push(scope);
  }
  return scopes;
}

function isIgnored(scopes: IgnoreScope[], full: string, isDir: boolean): boolean {
  return scopes.some((scope) => {
    const rel = relative(scope.base, full).split(sep).join("/");
    return rel !== "" && !rel.startsWith("..") && scope.rules.ignores(isDir ? `${rel}/` : rel);
  });
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

export function toRelative(root: string, full: string): string {
  const rel = relative(root, full).split(sep).join("/");
  return rel === "" ? "." : rel;
}
