import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import ignore, { type Ignore } from "ignore";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";
import { toPosix } from "./policy-config.js";
import { looksLikeSecretName } from "./secret-names.js";
import type { Location, Sighting, SightingKind } from "./types.js";

const SKIPPED_FOLDERS = new Set([".git", "node_modules", "vendor", "dist", "build", ".venv", "venv"]);
const MAX_BYTES = 1024 * 1024;

const ENV_TEMPLATE =
  /^(\.env\.(example|sample|template|dist|defaults?|tpl)|(example|sample|template)\.env|env\.(example|sample|template)|.+\.env\.(example|sample|template))$/i;
const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const COMPOSE = /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i;
const YAML_FILE = /\.ya?ml$/i;

export interface Discovery {
  sightings: Sighting[];
  filesRead: number;
}

/** The secrets a project uses, each with where it was seen, from the files under `root`. */
export function discoverSecrets(root: string): Discovery {
  const discovery: Discovery = { sightings: [], filesRead: 0 };
  for (const path of listFiles(root)) {
    const kind = kindOf(path);
    if (!kind) continue;
    let text: string;
    try {
      if (lstatSync(join(root, path)).size > MAX_BYTES) continue;
      text = readFileSync(join(root, path), "utf8");
    } catch {
      continue;
    }
    if (kind === "kubernetes" && !/secretKeyRef|secretRef|kind:\s*Secret\b/.test(text)) continue;
    discovery.filesRead++;
    discovery.sightings.push(...sightingsIn(kind, path, text));
  }
  return discovery;
}

export function sightingsIn(kind: SightingKind, path: string, text: string): Sighting[] {
  switch (kind) {
    case "env-template":
      return envTemplateSightings(path, text);
    case "workflow":
      return workflowSightings(path, text);
    case "compose":
      return composeSightings(path, text);
    case "kubernetes":
      return kubernetesSightings(path, text);
    case "history":
      return [];
  }
}

function kindOf(path: string): SightingKind | undefined {
  const name = basename(path);
  if (ENV_TEMPLATE.test(name)) return "env-template";
  if (WORKFLOW.test(path)) return "workflow";
  if (COMPOSE.test(name)) return "compose";
  if (YAML_FILE.test(name) && !path.startsWith(".github/")) return "kubernetes";
  return undefined;
}

const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=/;

/** `MAIL_PASSWORD=` in `.env.example`: the keys that name secrets, not `PORT` or `LOG_LEVEL`. */
function envTemplateSightings(path: string, text: string): Sighting[] {
  const sightings: Sighting[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = ASSIGNMENT.exec(line);
    const name = match?.[2];
    if (!match || !name || !looksLikeSecretName(name)) return;
    sightings.push({
      name,
      kind: "env-template",
      where: { file: path, line: index + 1, column: (match[1] as string).length + 1 },
    });
  });
  return sightings;
}

const EXPRESSION = /\$\{\{(.*?)\}\}/g;
const SECRET_REFERENCE =
  /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_-]*)['"]\s*\])/g;

/** `${{ secrets.NAME }}` in a workflow, every one of them in every expression. */
function workflowSightings(path: string, text: string): Sighting[] {
  const sightings: Sighting[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    for (const expression of line.matchAll(EXPRESSION)) {
      const body = expression[1] as string;
      const offset = (expression.index ?? 0) + 3;
      for (const reference of body.matchAll(SECRET_REFERENCE)) {
        const name = (reference[1] ?? reference[2]) as string;
        const column = offset + (reference.index ?? 0) + 1;
        sightings.push({ name, kind: "workflow", where: { file: path, line: index + 1, column } });
      }
    }
  });
  return sightings;
}

/** The top-level `secrets:` of a compose file, and the ones each service names. */
function composeSightings(path: string, text: string): Sighting[] {
  const sightings: Sighting[] = [];
  forEachYamlDocument(text, (document, at) => {
    const secrets = document.get("secrets", true);
    if (isMap(secrets)) {
      for (const pair of secrets.items) {
        const name = scalarString(pair.key);
        if (name) sightings.push({ name, kind: "compose", where: at(path, pair.key) });
      }
    }
    const services = document.get("services", true);
    if (!isMap(services)) return;
    for (const service of services.items) {
      const used = isMap(service.value) ? service.value.get("secrets", true) : undefined;
      if (!isSeq(used)) continue;
      for (const item of used.items) {
        const node = isMap(item) ? item.get("source", true) : item;
        const name = scalarString(node);
        if (name) sightings.push({ name, kind: "compose", where: at(path, node) });
      }
    }
  });
  return sightings;
}

/** Keys of a `kind: Secret`, env vars bound by `secretKeyRef`, and `envFrom: secretRef` names. */
function kubernetesSightings(path: string, text: string): Sighting[] {
  const sightings: Sighting[] = [];
  const add = (name: string | undefined, node: unknown, at: PositionOf) => {
    if (name) sightings.push({ name, kind: "kubernetes", where: at(path, node) });
  };
  forEachYamlDocument(text, (document, at) => {
    if (scalarString(document.get("kind", true)) === "Secret") {
      for (const field of ["data", "stringData"]) {
        const data = document.get(field, true);
        if (isMap(data)) for (const pair of data.items) add(scalarString(pair.key), pair.key, at);
      }
    }
    visit(document, (map) => {
      const valueFrom = map.get("valueFrom", true);
      const ref = isMap(valueFrom) ? valueFrom.get("secretKeyRef", true) : undefined;
      if (isMap(ref)) {
        const envName = map.get("name", true);
        const key = ref.get("key", true);
        add(scalarString(envName) ?? scalarString(key), scalarString(envName) ? envName : key, at);
      }
      const secretRef = map.get("secretRef", true);
      if (isMap(secretRef)) add(scalarString(secretRef.get("name", true)), secretRef.get("name", true), at);
    });
  });
  return sightings;
}

type YamlMap = Extract<ReturnType<typeof asMap>, object>;
type PositionOf = (path: string, node: unknown) => Location;

function asMap(node: unknown) {
  return isMap(node) ? node : undefined;
}

function visit(node: unknown, onMap: (map: YamlMap) => void): void {
  if (isMap(node)) {
    onMap(node);
    for (const pair of node.items) visit(pair.value, onMap);
  } else if (isSeq(node)) {
    for (const item of node.items) visit(item, onMap);
  }
}

/** Each document of a YAML stream that parses to a mapping; broken documents are skipped. */
function forEachYamlDocument(text: string, each: (document: YamlMap, at: PositionOf) => void): void {
  const lineCounter = new LineCounter();
  let documents: ReturnType<typeof parseAllDocuments>;
  try {
    documents = parseAllDocuments(text, { lineCounter });
  } catch {
    return;
  }
  if (!Array.isArray(documents)) return;
  const at: PositionOf = (path, node) => {
    const offset = (node as Node | undefined)?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return { file: path, line, column: col };
  };
  for (const document of documents) {
    if (document.errors.length > 0 || !isMap(document.contents)) continue;
    each(document.contents, at);
  }
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === "string" && node.value.trim() !== ""
    ? node.value
    : undefined;
}

/** Files under `root`, relative with `/`, honouring every `.gitignore` on the way down. */
export function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, prefix: string, rules: { base: string; ignore: Ignore }[]) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    const scopes = [...rules];
    if (entries.includes(".gitignore")) {
      try {
        scopes.push({ base: prefix, ignore: ignore().add(readFileSync(join(dir, ".gitignore"), "utf8")) });
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    for (const entry of entries.sort()) {
      const relative = prefix ? `${prefix}/${entry}` : entry;
      const full = join(dir, entry);
      let stat: ReturnType<typeof lstatSync>;
      try {
        stat = lstatSync(full);
      } catch {
        continue;
      }
      if (stat.isSymbolicLink()) continue;
      const isDir = stat.isDirectory();
      if (isDir && SKIPPED_FOLDERS.has(entry)) continue;
      const ignored = scopes.some(({ base, ignore: rules }) => {
        const inScope = base ? relative.slice(base.length + 1) : relative;
        return rules.ignores(isDir ? `${inScope}/` : inScope);
      });
      if (ignored) continue;
      if (isDir) walk(full, relative, scopes);
      else if (stat.isFile()) files.push(toPosix(relative));
    }
  };
  walk(root, "", []);
  return files;
}
