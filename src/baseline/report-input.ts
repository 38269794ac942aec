import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";
import type { BaselineEntry } from "./baseline-file.js";

/** Entries read from a leakgate JSON report, and whether that report was a history scan. */
export interface ReportInput {
  found: FoundEntry[];
  /** Its findings carry commits and whether HEAD still has them: `leakgate history -f json`. */
  history: boolean;
}

/** An entry to accept, with the date of the commit it came from (to keep the earliest). */
export interface FoundEntry {
  entry: BaselineEntry;
  date?: string;
}

const FINGERPRINT = /^[0-9a-f]{32}$/;

/** Reads `--from REPORT`; each finding must name its fingerprint, rule and file, or this names which does not. */
export function readReportInput(file: string, reason: string | undefined): ReportInput {
  let report: { findings?: unknown };
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(
      `--from expects a JSON report of leakgate (--format json): ${(error as Error).message}`,
      file,
    );
  }
  if (!Array.isArray(report?.findings))
    throw new ConfigError('--from expects a JSON report of leakgate with a "findings" list', file);
  let history = false;
  const found = report.findings.map((raw: unknown, index: number): FoundEntry => {
    const finding = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const need = (field: string, valid: (value: unknown) => boolean, expected: string) => {
      if (!valid(finding[field]))
        throw new ConfigError(
          `findings[${index}].${field}: expected ${expected}; received ${JSON.stringify(finding[field]) ?? "nothing"}`,
          file,
          undefined,
          `findings[${index}].${field}`,
        );
    };
    need(
      "fingerprint",
      (v) => typeof v === "string" && FINGERPRINT.test(v),
      "a fingerprint of 32 hex digits",
    );
    need("ruleId", (v) => typeof v === "string" && v !== "", "a rule id");
    need("file", (v) => typeof v === "string" && v !== "", "a path");
    const commit = finding.commit as { sha?: unknown; date?: unknown } | undefined;
    const sha = typeof commit?.sha === "string" ? commit.sha : undefined;
    if (sha && typeof finding.presentAtHead === "boolean") history = true;
    return {
      entry: {
        fingerprint: finding.fingerprint as string,
        ruleId: finding.ruleId as string,
        path: finding.file as string,
        ...(sha ? { commit: sha } : {}),
        ...(reason ? { reason } : {}),
      },
      ...(typeof commit?.date === "string" ? { date: commit.date } : {}),
    };
  });
  return { found, history };
}
