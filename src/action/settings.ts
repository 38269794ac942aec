import { SEVERITIES, type Severity } from "../engine/types.js";
import { ConfigError } from "../errors.js";

export const MODES = ["auto", "diff", "history", "scan"] as const;
export type Mode = (typeof MODES)[number];

/** The Action's inputs, read once and validated. */
export interface Settings {
  mode: Mode;
  /** Folder to scan (mode scan) and where `.leakgate.yml` is looked for; relative to the workspace. */
  path: string;
  config: string | undefined;
  baseline: string | undefined;
  failOn: Severity | undefined;
  annotations: boolean;
  sarif: string;
  issues: boolean;
  issueLabels: string[];
  comment: boolean;
  rotation: boolean;
  token: string;
}

/** Reads one input as the runner passes it ("" when unset). */
export type InputReader = (name: string) => string;

/** Every input, validated; a wrong value is a ConfigError naming the input, what it expects and the value. */
export function readSettings(input: InputReader): Settings {
  return {
    mode: oneOf(input, "mode", MODES) ?? "auto",
    path: input("path").trim() || ".",
    config: input("config").trim() || undefined,
    baseline: input("baseline").trim() || undefined,
    failOn: oneOf(input, "fail-on", SEVERITIES),
    annotations: boolean(input, "annotations", true),
    sarif: input("sarif").trim() || "leakgate.sarif",
    issues: boolean(input, "issues", false),
    issueLabels: (input("issue-labels").trim() || "leakgate,security")
      .split(",")
      .map((label) => label.trim())
      .filter(Boolean),
    comment: boolean(input, "comment", false),
    rotation: boolean(input, "rotation", false),
    token: input("token").trim(),
  };
}

function oneOf<T extends string>(input: InputReader, name: string, allowed: readonly T[]): T | undefined {
  const value = input(name).trim();
  if (value === "") return undefined;
  if (!allowed.includes(value as T))
    throw new ConfigError(
      `input \`${name}\` expects one of ${allowed.join(", ")} (for example \`${name}: ${allowed[0]}\`); received "${value}"`,
    );
  return value as T;
}

/** YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts them. */
function boolean(input: InputReader, name: string, fallback: boolean): boolean {
  const value = input(name).trim();
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new ConfigError(
    `input \`${name}\` expects true or false (for example \`${name}: true\`); received "${value}"`,
  );
}
