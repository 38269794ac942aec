import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

// Both packages are CommonJS with a default export; require() gives the class and the function directly.
const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;

const SCHEMA = join(import.meta.dirname, "../../../shared/schemas/sarif-schema-2.1.0.json");

let validate: ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

/** Errors of `sarif` against the official SARIF 2.1.0 schema (draft-04), or [] when it is valid. */
export function sarifSchemaErrors(sarif: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")));
  }
  return validate(sarif) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
