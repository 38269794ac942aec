import { readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { cellText, type MarkdownTable, parseMarkdownTables, type TableRow } from "./markdown-tables.js";
import { parseDate, parsePeriod, plainText, recordsNoRotation } from "./period.js";
import { classifySecret, isIdentifier } from "./secret-names.js";
import type { DeclaredSecret, Location, RotationSettings, TypePolicy } from "./types.js";

/** Something in a policy document that could not be read; it becomes a `rotation-unparseable` finding. */
export interface PolicyProblem {
  subject: string;
  message: string;
  where: Location;
}

export interface DocPolicies {
  secrets: DeclaredSecret[];
  types: TypePolicy[];
  problems: PolicyProblem[];
  filesRead: number;
}

interface Columns {
  name: number;
  period: number;
  lastRotated?: number;
  owner?: number;
  store?: number;
  keyId?: number;
}

const NAME_HEADER =
  /^(variable|variables|variable name|env var|env variable|environment variable|name|secret|secret name|secret type|secret key|key|credential|credentials|config name|type)$/;
const PERIOD_HEADER = /rotat|frequency|period|schedule|interval|cadence/;
const NOT_PERIOD_HEADER = /required|last|automat|next|method|due|owner|status|procedure|by\b/;
const LAST_HEADER = /last.*rotat|rotated (on|at)|last rotation|last changed/;
const OWNER_HEADER = /owner|team|responsible|contact/;
const KEY_ID_HEADER = /key id|kms key|key arn|\barn\b/;
const STORE_HEADER = /store|secret path|vault path|\bpath\b|location|where/;

/** Reads the policy tables of every file named in `rotation.docs`. */
export function readPolicyDocs(root: string, settings: RotationSettings): DocPolicies {
  const result: DocPolicies = { secrets: [], types: [], problems: [], filesRead: 0 };
  for (const doc of settings.docs) {
    const full = resolve(root, doc.path);
    const isFile = statSync(full, { throwIfNoEntry: false })?.isFile();
    if (!isFile) {
      throw new ConfigError(
        `field "rotation.docs": expected a Markdown file of the project, received "${doc.path}", which ${isFile === false ? "is not a file" : "does not exist"}`,
        doc.where?.file,
        doc.where?.line,
        "rotation.docs",
      );
    }
    const real = relative(realpathSync(root), realpathSync(full));
    if (real.startsWith("..") || isAbsolute(real)) {
      throw new ConfigError(
        `field "rotation.docs": expected a path inside the project, received "${doc.path}", a link to a file outside it`,
        doc.where?.file,
        doc.where?.line,
        "rotation.docs",
      );
    }
    result.filesRead++;
    readPolicyTables(readFileSync(full, "utf8"), doc.path, result);
  }
  return result;
}

/** Adds the secrets, type policies and problems of one document's tables to `into`. */
export function readPolicyTables(text: string, file: string, into: DocPolicies): void {
  let found = false;
  for (const table of parseMarkdownTables(text)) {
    const columns = findColumns(table);
    if (!columns) continue;
    found = true;
    for (const row of table.rows) readRow(row, columns, table, file, into);
  }
  if (!found) {
    into.problems.push({
      subject: file,
      message:
        "no table with a secret-name column and a rotation column (such as `| Variable | Rotation Policy |`)",
      where: { file, line: 1, column: 1 },
    });
  }
}

function findColumns(table: MarkdownTable): Columns | undefined {
  const headers = table.header.cells.map((cell) => plainText(cellText(cell.text)));
  const index = (test: (header: string) => boolean, taken: number[] = []) => {
    const found = headers.findIndex((header, i) => !taken.includes(i) && test(header));
    return found < 0 ? undefined : found;
  };
  const name =
    index((h) => NAME_HEADER.test(h)) ??
    index((h) => /secret|variable/.test(h) && !/path|store|location|id\b|rotat/.test(h));
  const period = index((h) => PERIOD_HEADER.test(h) && !NOT_PERIOD_HEADER.test(h));
  if (name === undefined || period === undefined) return undefined;
  const taken = [name, period];
  const columns: Columns = { name, period };
  const lastRotated = index((h) => LAST_HEADER.test(h), taken);
  const owner = index((h) => OWNER_HEADER.test(h), taken);
  const keyId = index((h) => KEY_ID_HEADER.test(h), taken);
  const store = index((h) => STORE_HEADER.test(h), [...taken, ...(keyId === undefined ? [] : [keyId])]);
  if (lastRotated !== undefined) columns.lastRotated = lastRotated;
  if (owner !== undefined) columns.owner = owner;
  if (keyId !== undefined) columns.keyId = keyId;
  if (store !== undefined) columns.store = store;
  return columns;
}

function readRow(
  row: TableRow,
  columns: Columns,
  table: MarkdownTable,
  file: string,
  into: DocPolicies,
): void {
  const at = (column: number): Location => ({
    file,
    line: row.line,
    column: row.cells[column]?.column ?? row.cells[0]?.column ?? 1,
  });
  const cell = (column: number | undefined) =>
    column === undefined ? undefined : cellText(row.cells[column]?.text ?? "") || undefined;
  const label = cell(columns.name);
  if (
    row.cells.length < table.header.cells.length &&
    (label === undefined || cell(columns.period) === undefined)
  ) {
    into.problems.push({
      subject: label ?? `row at line ${row.line}`,
      message: `malformed table row: ${row.cells.length} cells where the header at line ${table.header.line} has ${table.header.cells.length}`,
      where: at(0),
    });
    return;
  }
  if (!label) return;
  const periodText = cell(columns.period) ?? "";
  const period = { text: periodText, parsed: parsePeriod(periodText), where: at(columns.period) };
  const type = isIdentifier(label) ? undefined : classifySecret(label);
  if (type) {
    if (period.parsed.kind !== "blank") into.types.push({ type, label, period, where: at(columns.name) });
    return;
  }
  const secret: DeclaredSecret = { name: label, where: at(columns.name), period };
  const last = cell(columns.lastRotated);
  if (last && !recordsNoRotation(last) && columns.lastRotated !== undefined) {
    secret.lastRotated = { text: last, parsed: parseDate(last), where: at(columns.lastRotated) };
  }
  const owner = cell(columns.owner);
  const store = cell(columns.store);
  const keyId = cell(columns.keyId);
  if (owner) secret.owner = owner;
  if (store) secret.store = store;
  if (keyId) secret.keyId = keyId;
  into.secrets.push(secret);
}
