import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import picomatch from "picomatch";
import type { Finding } from "../engine/types.js";

export const IGNORE_FILE = ".leakgateignore";
export const GITLEAKS_IGNORE_FILE = ".gitleaksignore";

/** What an ignore file accepts: secrets by fingerprint, or a rule in some paths. */
export interface IgnoreList {
  fingerprints: Set<string>;
  pathRules: { path: (file: string) => boolean; ruleId: string }[];
  /**
   * gitleaks fingerprints (`[commit:]file:rule:line`) as `file:line` and `commit:file:line`: its rule ids
   * are not ours, and one place holds one secret.
   */
  gitleaks: Set<string>;
}

/**
 * `.leakgateignore`: one entry a line, `#` comments. A 32-hex fingerprint ignores that secret wherever
 * it is; `PATH:RULE` (PATH a glob, RULE an id or `*`) ignores a rule in those files.
 */
export function parseIgnoreFile(text: string): IgnoreList {
  const list: IgnoreList = { fingerprints: new Set(), pathRules: [], gitleaks: new Set() };
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (line === "" || line.startsWith("#")) continue;
    if (/^[0-9a-f]{32}$/.test(line)) {
      list.fingerprints.add(line);
      continue;
    }
    const colon = line.lastIndexOf(":");
    if (colon <= 0) continue;
    const glob = line.slice(0, colon);
    const ruleId = line.slice(colon + 1);
    const matches = picomatch(glob, { dot: true, basename: !glob.includes("/") });
    list.pathRules.push({ path: matches, ruleId });
  }
  return list;
}

export function readIgnoreFiles(root: string, gitleaksCompat: boolean): IgnoreList | undefined {
  const own = join(root, IGNORE_FILE);
  const gitleaks = join(root, GITLEAKS_IGNORE_FILE);
  if (!existsSync(own) && !(gitleaksCompat && existsSync(gitleaks))) return undefined;
  const list = existsSync(own) ? parseIgnoreFile(readFileSync(own, "utf8")) : parseIgnoreFile("");
  if (gitleaksCompat && existsSync(gitleaks)) {
    for (const raw of readFileSync(gitleaks, "utf8").split("\n")) {
      const key = gitleaksKey(raw.trim());
      if (key) list.gitleaks.add(key);
    }
  }
  return list;
}

export function isIgnored(list: IgnoreList, finding: Finding): boolean {
  if (list.fingerprints.has(finding.fingerprint)) return true;
  if (
    list.pathRules.some(
      (entry) => (entry.ruleId === "*" || entry.ruleId === finding.ruleId) && entry.path(finding.file),
    )
  ) {
    return true;
  }
  if (list.gitleaks.size === 0) return false;
  const place = `${finding.file}:${finding.line}`;
  const commit = finding.provenance.kind === "commit" ? `${finding.provenance.commit.sha}:` : "";
  return list.gitleaks.has(place) || (commit !== "" && list.gitleaks.has(`${commit}${place}`));
}

function gitleaksKey(entry: string): string | undefined {
  if (entry === "" || entry.startsWith("#")) return undefined;
  const match = /^(?:([0-9a-f]{40}):)?(.+):[^:]+:(\d+)$/.exec(entry);
  if (!match) return undefined;
  return `${match[1] ? `${match[1]}:` : ""}${match[2]}:${match[3]}`;
}
