import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Document, Node } from "yaml";
import { ConfigError } from "../errors.js";

// Loaded on first use: a run with no config file and the cached catalogue never parses YAML.
let yamlModule: typeof import("yaml") | undefined;
function yaml(): typeof import("yaml") {
  yamlModule ??= createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return yamlModule;
}

/** A parsed YAML file that can say on which line any of its nodes stands. */
export interface YamlFile {
  file: string;
  document: Document;
  /** 1-based line of a node, or undefined when the node has no position. */
  lineOf(node: unknown): number | undefined;
}

export function readYamlFile(file: string, text = readText(file)): YamlFile {
  const lineCounter = new (yaml().LineCounter)();
  const document = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = document.errors[0];
  if (first) {
    // prettyErrors would add the position and a code excerpt to the message; the position is enough.
    const position = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
    throw new ConfigError(
      `invalid YAML: ${first.message.split("\n")[0]}`,
      file,
      position.line,
      undefined,
      position.col,
    );
  }
  const lineOf = (node: unknown): number | undefined => {
    const range = (node as Node | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  return { file, document, lineOf };
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder, not a file" : code;
    throw new ConfigError(`cannot read the file: ${reason ?? (error as Error).message}`, file);
  }
}

/** The node at a path of keys and indexes, for error positions. */
export function nodeAt(document: Document, path: (string | number)[]): unknown {
  let node: unknown = document.contents;
  for (const key of path) {
    if (yaml().isMap(node)) node = node.get(key, true);
    else if (yaml().isSeq(node)) node = node.get(key as number, true);
    else return undefined;
  }
  return node;
}
