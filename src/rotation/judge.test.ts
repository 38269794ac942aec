import { describe, expect, it } from "vitest";
import { judge } from "./judge.js";
import { parseDate, parsePeriod } from "./period.js";
import type { DeclaredSecret, RotationSettings, Sighting } from "./types.js";

const NOW = new Date("2025-10-20T12:00:00Z");
const at = (line: number) => ({ file: ".leakgate.yml", line, column: 1 });

function settings(overrides: Partial<RotationSettings> = {}): RotationSettings {
  return {
    maxDays: 90,
    warnDays: 14,
    docs: [],
    ignore: ["GITHUB_TOKEN"],
    discover: true,
    secrets: [],
    types: [],
    ...overrides,
  };
}

function secret(name: string, period?: string, lastRotated?: string): DeclaredSecret {
  const declared: DeclaredSecret = { name, where: at(1) };
  if (period !== undefined) declared.period = { text: period, parsed: parsePeriod(period), where: at(2) };
  if (lastRotated !== undefined)
    declared.lastRotated = { text: lastRotated, parsed: parseDate(lastRotated), where: at(3) };
  return declared;
}

function leak(name: string, date: string): Sighting {
  return {
    name,
    kind: "history",
    where: { file: "app.env", line: 1, column: 1 },
    commit: { sha: "b".repeat(40), author: "Dev", email: "dev@example.com", date },
    redacted: "ab********",
  };
}

function run(
  declared: DeclaredSecret[],
  options: { leaks?: Sighting[]; settings?: Partial<RotationSettings> } = {},
) {
  return judge({
    settings: settings(options.settings),
    declared,
    types: [],
    problems: [],
    sightings: [],
    leaks: options.leaks ?? [],
    now: NOW,
  });
}

const summary = (result: ReturnType<typeof judge>) =>
  result.findings.map((f) => `${f.ruleId}: ${f.description}`);

describe("judge", () => {
  it("reports a rotation due today as due soon, not overdue", () => {
    expect(summary(run([secret("A_TOKEN", "30 days", "2025-09-20")]))).toEqual([
      "rotation-due-soon: Secret rotation is due soon: A_TOKEN is due 2025-10-20, today (last rotated 2025-09-20, every 30 days)",
    ]);
  });

  it("says nothing of a rotation due after warn_days", () => {
    const result = run([secret("A_TOKEN", "30 days", "2025-10-01")], { settings: { warnDays: 7 } });
    expect(result.findings).toEqual([]);
    expect(result.rows[0]?.statuses).toEqual(["ok"]);
  });

  it("reports a policy with no schedule as too long", () => {
    expect(summary(run([secret("A_TOKEN", "Manual")]))).toEqual([
      'rotation-period-too-long: Rotation period longer than the allowed maximum: A_TOKEN is rotated "Manual" (no schedule); the maximum is 90 days',
    ]);
  });

  it("measures periods against max_days", () => {
    expect(summary(run([secret("A_TOKEN", "6 months")], { settings: { maxDays: 180 } }))).toEqual([]);
    expect(summary(run([secret("A_TOKEN", "annually")], { settings: { maxDays: 180 } }))).toEqual([
      "rotation-period-too-long: Rotation period longer than the allowed maximum: A_TOKEN is rotated every 365 days; the maximum is 180 days",
    ]);
  });

  it("reports a declared secret with a blank period as having no policy", () => {
    expect(summary(run([secret("A_TOKEN", "TBD")]))).toEqual([
      "rotation-policy-missing: Secret in use with no rotation policy: A_TOKEN is declared with no rotation period",
    ]);
  });

  it("reports a last rotation in the future as unreadable", () => {
    expect(summary(run([secret("A_TOKEN", "30d", "2026-01-01")]))).toEqual([
      'rotation-unparseable: Rotation policy that leakgate cannot read: the last rotation "2026-01-01" is in the future',
    ]);
  });

  it("does not count a commit on the day of a rotation given without a time", () => {
    const result = run([secret("A_TOKEN", "90d", "2025-10-01")], {
      leaks: [leak("A_TOKEN", "2025-10-01T18:00:00Z")],
    });
    expect(result.findings).toEqual([]);
  });

  it("counts a commit after a rotation given with a time", () => {
    const result = run([secret("A_TOKEN", "90d", "2025-10-01T09:00:00Z")], {
      leaks: [leak("A_TOKEN", "2025-10-01T18:00:00Z")],
    });
    expect(summary(result)).toEqual([
      "leaked-not-rotated: Secret committed to git after its last rotation: A_TOKEN was committed in bbbbbbbbbbbb on 2025-10-01 (app.env:1) after its last rotation on 2025-10-01; rotate it now",
    ]);
    expect(result.rows[0]?.statuses).toEqual(["leaked"]);
  });

  it("merges declarations of one name, the first one winning each field", () => {
    const first: DeclaredSecret = { ...secret("db-password", "TBD"), owner: "@dba" };
    const second: DeclaredSecret = {
      ...secret("DB_PASSWORD", "30 days", "2025-10-10"),
      owner: "@ops",
      store: "vault:db",
    };
    expect(run([first, second]).rows).toEqual([
      {
        name: "db-password",
        owner: "@dba",
        store: "vault:db",
        period: "30 days",
        periodDays: 30,
        periodFrom: ".leakgate.yml:2",
        lastRotated: "2025-10-10",
        nextDue: "2025-11-09",
        statuses: ["ok"],
        declaredIn: [".leakgate.yml:1", ".leakgate.yml:1"],
        seenIn: [],
      },
    ]);
  });

  it("never tracks the names in ignore", () => {
    expect(run([secret("GITHUB_TOKEN")]).rows).toEqual([]);
  });
});
