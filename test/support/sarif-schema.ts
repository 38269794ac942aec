import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const SCHEMA = join(import.meta.dirname, "../../../shared/schemas/sarif-schema-2.1.0.json");

let validate: ReturnType<Ajv["compile"]> | undefined;

/** Errors of `sarif` against the official SARIF 2.1.0 schema (draft-04), or [] when it is valid. */
export function sarifSchemaErrors(sarif: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")));
  }
  return validate(sarif) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
