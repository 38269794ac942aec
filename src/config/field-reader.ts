import { ConfigError } from "../errors.js";
import { nodeAt, type YamlFile } from "./yaml-document.js";

type Path = (string | number)[];

/**
 * Reads typed fields out of a parsed YAML value, and on a wrong one throws a ConfigError that names the
 * file, the line, the field, what was expected and what was received.
 */
export class FieldReader {
  constructor(
    readonly yaml: YamlFile,
    readonly base: Path = [],
    readonly label = "",
  ) {}

  at(path: Path, label: string): FieldReader {
    return new FieldReader(this.yaml, [...this.base, ...path], label);
  }

  fail(path: Path, expected: string, received: unknown): never {
    const full = [...this.base, ...path];
    const field = formatPath(full);
    const line =
      this.yaml.lineOf(nodeAt(this.yaml.document, full)) ??
      this.yaml.lineOf(nodeAt(this.yaml.document, this.base));
    const where = this.label ? `${this.label}: ` : "";
    throw new ConfigError(
      `${where}field "${field}": expected ${expected}, received ${describe(received)}`,
      this.yaml.file,
      line,
      field,
    );
  }

  rejectUnknown(value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key))
        this.fail([key], `one of the fields ${known.join(", ")}`, `an unknown field "${key}"`);
    }
  }

  object(value: unknown, path: Path): Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value))
      this.fail(path, "a mapping", value);
    return value as Record<string, unknown>;
  }

  string(value: unknown, path: Path): string {
    if (typeof value !== "string" || value.trim() === "") this.fail(path, "a non-empty string", value);
    return value as string;
  }

  optionalString(value: unknown, path: Path): string | undefined {
    return value === undefined ? undefined : this.string(value, path);
  }

  number(value: unknown, path: Path): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value)) this.fail(path, "a number", value);
    return value as number;
  }

  boolean(value: unknown, path: Path): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") this.fail(path, "true or false", value);
    return value as boolean;
  }

  stringList(value: unknown, path: Path): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(path, "a list of strings", value);
    return (value as unknown[]).map((item, index) => this.string(item, [...path, index]));
  }

  oneOf<T extends string>(value: unknown, path: Path, allowed: readonly T[]): T {
    if (typeof value !== "string" || !allowed.includes(value as T))
      this.fail(path, `one of ${allowed.join(", ")}`, value);
    return value as T;
  }
}

function formatPath(path: Path): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i > 0 ? "." : ""}${part}`))
    .join("");
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string" && value.startsWith("an unknown field")) return value;
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
