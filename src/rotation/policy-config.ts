import { isAbsolute, relative, resolve, sep } from "node:path";
import { stringify } from "yaml";
import { FieldReader } from "../config/field-reader.js";
import type { LeakgateConfig } from "../config/types.js";
import { nodeAt, readYamlFile, type YamlFile } from "../config/yaml-document.js";
import { parseDate, parsePeriod, recordsNoRotation } from "./period.js";
import { classifySecret, normalizeName, SECRET_TYPE_NAMES } from "./secret-names.js";
import type { DeclaredSecret, Location, RotationSettings, TypePolicy } from "./types.js";

export const DEFAULT_MAX_DAYS = 90;
export const DEFAULT_WARN_DAYS = 14;
/** GitHub makes a new one for every job: there is nothing to rotate. */
export const ALWAYS_IGNORED = ["GITHUB_TOKEN"];

const FIELDS = ["max_days", "warn_days", "docs", "types", "secrets", "ignore", "discover"];
const SECRET_FIELDS = ["name", "rotate_every", "last_rotated", "owner", "store", "key_id", "type"];
const PERIOD_EXAMPLE = 'a period such as 30d, "90 days", quarterly or "6 months"';

/**
 * Validates the raw `rotation:` section of `.leakgate.yml`. A wrong shape is a ConfigError naming the
 * file, line and field; a period or date that cannot be read is kept as written and becomes a finding.
 */
export function readRotationSettings(config: LeakgateConfig, root: string): RotationSettings {
  const settings: RotationSettings = {
    maxDays: DEFAULT_MAX_DAYS,
    warnDays: DEFAULT_WARN_DAYS,
    docs: [],
    ignore: [...ALWAYS_IGNORED],
    discover: true,
    secrets: [],
    types: [],
  };
  if (config.rotation === undefined || config.rotation === null) return settings;
  const yaml = config.file
    ? readYamlFile(config.file)
    : readYamlFile(".leakgate.yml", stringify({ rotation: config.rotation }));
  const file = config.file ? toPosix(relative(root, config.file)) : ".leakgate.yml";
  const reader = new FieldReader(yaml, ["rotation"]);
  const where = (path: (string | number)[]): Location => ({
    file,
    line: yaml.lineOf(nodeAt(yaml.document, ["rotation", ...path])) ?? 1,
    column: 1,
  });
  const raw = reader.object(config.rotation, []);
  reader.rejectUnknown(raw, FIELDS);
  settings.maxDays = wholeNumber(reader, raw.max_days, "max_days", 1) ?? DEFAULT_MAX_DAYS;
  settings.warnDays = wholeNumber(reader, raw.warn_days, "warn_days", 0) ?? DEFAULT_WARN_DAYS;
  settings.discover = reader.boolean(raw.discover, ["discover"]) ?? true;
  const docs = typeof raw.docs === "string" ? [raw.docs] : reader.stringList(raw.docs, ["docs"]);
  settings.docs = docs.map((path, index) => {
    const field = typeof raw.docs === "string" ? ["docs"] : ["docs", index];
    if (!insideProject(root, path)) reader.fail(field, "a path inside the project, relative to it", path);
    return { path, where: where(field) };
  });
  settings.ignore.push(...reader.stringList(raw.ignore, ["ignore"]).map(normalizeName));
  settings.types = readTypes(reader, raw.types, where);
  settings.secrets = readSecrets(reader, raw.secrets, where, yaml);
  return settings;
}

function readTypes(
  reader: FieldReader,
  value: unknown,
  where: (path: (string | number)[]) => Location,
): TypePolicy[] {
  if (value === undefined) return [];
  const types = reader.object(value, ["types"]);
  return Object.entries(types).map(([label, period]) => {
    const type = classifySecret(label);
    if (!type) reader.fail(["types", label], `a type of secret: ${SECRET_TYPE_NAMES.join(", ")}`, label);
    periodValue(reader, period, ["types", label]);
    return {
      type,
      label,
      period: { text: String(period), parsed: parsePeriod(period), where: where(["types", label]) },
      where: where(["types", label]),
    };
  });
}

function readSecrets(
  reader: FieldReader,
  value: unknown,
  where: (path: (string | number)[]) => Location,
  yaml: YamlFile,
): DeclaredSecret[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) reader.fail(["secrets"], "a list of secrets, each with a name", value);
  const seen = new Map<string, number>();
  return (value as unknown[]).map((item, index) => {
    const path = ["secrets", index];
    // Scoped to the entry, so that a missing field is reported on the entry's line.
    const entry = reader.at(path, "");
    const fields = entry.object(item, []);
    entry.rejectUnknown(fields, SECRET_FIELDS);
    const name = entry.string(fields.name, ["name"]);
    const key = normalizeName(name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const line = yaml.lineOf(nodeAt(yaml.document, ["rotation", "secrets", earlier, "name"]));
      entry.fail(["name"], `a name not declared already (line ${line ?? "?"})`, name);
    }
    seen.set(key, index);
    const secret: DeclaredSecret = { name, where: where([...path, "name"]) };
    if (fields.rotate_every !== undefined) {
      periodValue(entry, fields.rotate_every, ["rotate_every"]);
      secret.period = {
        text: String(fields.rotate_every),
        parsed: parsePeriod(fields.rotate_every),
        where: where([...path, "rotate_every"]),
      };
    }
    const last = fields.last_rotated;
    if (last !== undefined && !(typeof last === "string" && recordsNoRotation(last))) {
      if (typeof last !== "string" && !(last instanceof Date) && typeof last !== "number")
        entry.fail(["last_rotated"], "a date such as 2025-10-25", last);
      secret.lastRotated = {
        text: last instanceof Date ? last.toISOString() : String(last),
        parsed: parseDate(typeof last === "number" ? String(last) : last),
        where: where([...path, "last_rotated"]),
      };
    }
    const owner = entry.optionalString(fields.owner, ["owner"]);
    const store = entry.optionalString(fields.store, ["store"]);
    const keyId = entry.optionalString(fields.key_id, ["key_id"]);
    if (owner) secret.owner = owner;
    if (store) secret.store = store;
    if (keyId) secret.keyId = keyId;
    if (fields.type !== undefined) {
      const label = entry.string(fields.type, ["type"]);
      const type = classifySecret(label);
      if (!type) entry.fail(["type"], `one of ${SECRET_TYPE_NAMES.join(", ")}`, label);
      secret.type = type;
    }
    return secret;
  });
}

function periodValue(reader: FieldReader, value: unknown, path: (string | number)[]): void {
  if (typeof value !== "string" && typeof value !== "number") reader.fail(path, PERIOD_EXAMPLE, value);
}

function wholeNumber(reader: FieldReader, value: unknown, field: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min)
    reader.fail([field], `a whole number of days, at least ${min}`, value);
  return value as number;
}

/** Relative, and not climbing out with `..`: rotation never reads files of other projects. */
export function insideProject(root: string, path: string): boolean {
  if (isAbsolute(path) || /^[a-z]:|^[\\/]/i.test(path)) return false;
  const inside = relative(root, resolve(root, path));
  return inside !== "" && !inside.startsWith("..") && !isAbsolute(inside);
}

export function toPosix(path: string): string {
  return path.split(sep).join("/");
}
