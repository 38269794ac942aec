/** One secret against its policy: its row of the table and its findings. */
import type { Finding } from "../engine/types.js";
import { addDays, daysBetween, describePeriod, formatDate, startOfDay } from "./period.js";
import { rotationFinding } from "./rules.js";
import { classifySecret } from "./secret-names.js";
import type {
  DeclaredSecret,
  Location,
  RotationRow,
  RotationSettings,
  RotationStatus,
  Sighting,
  TypePolicy,
  WrittenDate,
  WrittenPeriod,
} from "./types.js";

/** Worst first: a row shows its statuses in this order. */
const STATUS_ORDER: RotationStatus[] = [
  "leaked",
  "overdue",
  "unparseable",
  "too-long",
  "no-policy",
  "due-soon",
  "no-record",
  "ok",
];

export interface SecretContext {
  name: string;
  /** The declarations merged, and where each one stands. */
  secret: DeclaredSecret | undefined;
  declaredIn: Location[];
  sightings: Sighting[];
  leaks: Sighting[];
  types: Map<string, TypePolicy>;
  settings: RotationSettings;
  now: Date;
}

/** What is being found out about one secret: its row, its statuses and its findings. */
interface Verdict {
  name: string;
  row: RotationRow;
  statuses: Set<RotationStatus>;
  findings: Finding[];
}

export function judgeSecret(context: SecretContext): { row: RotationRow; findings: Finding[] } {
  const { name, secret, settings } = context;
  const own = secret?.period && secret.period.parsed.kind !== "blank" ? secret.period : undefined;
  const type = secret?.type ?? classifySecret(name);
  const typePolicy = own ? undefined : type ? context.types.get(type) : undefined;
  const period = own ?? typePolicy?.period;
  const verdict: Verdict = {
    name,
    row: describeSecret(context, period, typePolicy),
    statuses: new Set(),
    findings: [],
  };
  if (own) verdict.findings.push(...judgePeriod(name, own, settings));
  if (period?.parsed.kind === "unreadable") verdict.statuses.add("unparseable");
  if (period && tooLong(period, settings)) verdict.statuses.add("too-long");
  if (!period) {
    verdict.statuses.add("no-policy");
    verdict.findings.push(missingPolicy(name, secret, context.sightings, context.leaks));
  }
  const last = secret?.lastRotated;
  const lastDate = last ? judgeLastRotation(verdict, last, context.now) : undefined;
  const days = period?.parsed.kind === "every" ? period.parsed.days : undefined;
  if (days !== undefined && last && lastDate) judgeSchedule(verdict, days, lastDate, last.where, context);
  else if (days !== undefined && !last) verdict.statuses.add("no-record");
  judgeLeaks(verdict, context.leaks, last ? (lastDate ?? "unreadable") : undefined);
  const statuses = STATUS_ORDER.filter((status) => verdict.statuses.has(status));
  verdict.row.statuses = statuses.length > 0 ? statuses : ["ok"];
  return { row: verdict.row, findings: verdict.findings };
}

function describeSecret(
  context: SecretContext,
  period: WrittenPeriod | undefined,
  typePolicy: TypePolicy | undefined,
): RotationRow {
  const { secret } = context;
  const row: RotationRow = {
    name: context.name,
    statuses: [],
    declaredIn: context.declaredIn.map(at),
    seenIn: [...context.sightings, ...context.leaks].map(describeSighting),
  };
  if (secret?.owner) row.owner = secret.owner;
  if (secret?.store) row.store = secret.store;
  if (secret?.keyId) row.keyId = secret.keyId;
  if (period) {
    row.period = displayPeriod(period);
    row.periodFrom = typePolicy ? `type ${typePolicy.type} (${at(typePolicy.where)})` : at(period.where);
    if (period.parsed.kind === "every") row.periodDays = period.parsed.days;
  }
  return row;
}

/** The date of the last rotation when it can be read and is not in the future. */
function judgeLastRotation(
  verdict: Verdict,
  last: WrittenDate,
  now: Date,
): { date: Date; hasTime: boolean } | undefined {
  const parsed = last.parsed;
  if ("error" in parsed) {
    verdict.statuses.add("unparseable");
    verdict.row.lastRotated = last.text;
    verdict.findings.push(
      unparseable(verdict.name, `cannot read the date "${last.text}": ${parsed.error}`, last.where, "date"),
    );
    return undefined;
  }
  verdict.row.lastRotated = formatDate(parsed.date);
  if (daysBetween(now, parsed.date) > 0) {
    verdict.statuses.add("unparseable");
    verdict.findings.push(
      unparseable(verdict.name, `the last rotation "${last.text}" is in the future`, last.where, "date"),
    );
    return undefined;
  }
  return parsed;
}

/** Overdue, or due within warn_days. */
function judgeSchedule(
  verdict: Verdict,
  days: number,
  last: { date: Date },
  where: Location,
  context: SecretContext,
): void {
  const { name } = verdict;
  const due = addDays(startOfDay(last.date), days);
  const nextDue = formatDate(due);
  verdict.row.nextDue = nextDue;
  const left = daysBetween(context.now, due);
  const schedule = `last rotated ${formatDate(last.date)}, every ${describePeriod(days)}`;
  if (left < 0) {
    verdict.statuses.add("overdue");
    verdict.findings.push(
      rotationFinding({
        ruleId: "rotation-overdue",
        subject: name,
        message: `${name} was due ${nextDue}, ${plural(-left, "day")} ago (${schedule})`,
        where,
      }),
    );
  } else if (left <= context.settings.warnDays) {
    verdict.statuses.add("due-soon");
    const when = left === 0 ? "today" : `in ${plural(left, "day")}`;
    verdict.findings.push(
      rotationFinding({
        ruleId: "rotation-due-soon",
        subject: name,
        message: `${name} is due ${nextDue}, ${when} (${schedule})`,
        where,
      }),
    );
  }
}

/**
 * A value committed after the last rotation, or at any time when none is recorded. A recorded date that
 * cannot be read proves no rotation either.
 */
function judgeLeaks(
  verdict: Verdict,
  leaks: Sighting[],
  last: { date: Date; hasTime: boolean } | "unreadable" | undefined,
): void {
  const known = last === "unreadable" ? undefined : last;
  const leak = firstLeakAfter(leaks, known);
  if (!leak?.commit) return;
  verdict.statuses.add("leaked");
  const since = known
    ? `after its last rotation on ${formatDate(known.date)}`
    : "and no rotation is recorded";
  const { sha, date } = leak.commit;
  verdict.findings.push(
    rotationFinding({
      ruleId: "leaked-not-rotated",
      subject: verdict.name,
      message: `${verdict.name} was committed in ${sha.slice(0, 12)} on ${date.slice(0, 10)} (${at(leak.where)}) ${since}; rotate it now`,
      where: leak.where,
      provenance: { kind: "commit", commit: leak.commit },
      ...(leak.redacted ? { redacted: leak.redacted } : {}),
    }),
  );
}

/** A period that cannot be read, or that is longer than the ceiling (or has no schedule at all). */
export function judgePeriod(subject: string, period: WrittenPeriod, settings: RotationSettings): Finding[] {
  const parsed = period.parsed;
  if (parsed.kind === "unreadable") {
    return [unparseable(subject, `cannot read the rotation period "${period.text}"`, period.where, "period")];
  }
  if (!tooLong(period, settings)) return [];
  const what =
    parsed.kind === "every"
      ? `every ${describePeriod(parsed.days)}`
      : parsed.kind === "unscheduled" && parsed.wording === "never"
        ? `"${period.text}" (never rotated)`
        : `"${period.text}" (no schedule)`;
  return [
    rotationFinding({
      ruleId: "rotation-period-too-long",
      subject,
      message: `${subject} is rotated ${what}; the maximum is ${settings.maxDays} days`,
      where: period.where,
    }),
  ];
}

function tooLong(period: WrittenPeriod, settings: RotationSettings): boolean {
  const parsed = period.parsed;
  return parsed.kind === "unscheduled" || (parsed.kind === "every" && parsed.days > settings.maxDays);
}

function missingPolicy(
  name: string,
  secret: DeclaredSecret | undefined,
  sightings: Sighting[],
  leaks: Sighting[],
): Finding {
  const first = sightings[0] ?? (secret ? undefined : leaks[0]);
  const message = first
    ? `${name} is used in ${at(first.where)} and no policy gives its rotation period`
    : `${name} is declared with no rotation period`;
  const where = first?.where ?? (secret as DeclaredSecret).where;
  return rotationFinding({
    ruleId: "rotation-policy-missing",
    subject: name,
    message,
    where,
    ...(first?.commit ? { provenance: { kind: "commit" as const, commit: first.commit } } : {}),
  });
}

/** The first commit of a value after the last rotation; any commit when no rotation is recorded. */
function firstLeakAfter(
  leaks: Sighting[],
  known: { date: Date; hasTime: boolean } | undefined,
): Sighting | undefined {
  // A date without a time covers its whole day: a commit that same day may predate the rotation.
  const after = known ? (known.hasTime ? known.date : addDays(startOfDay(known.date), 1)) : undefined;
  return leaks
    .filter((leak) => leak.commit && (!after || Date.parse(leak.commit.date) >= after.getTime()))
    .sort((a, b) => Date.parse(a.commit?.date ?? "") - Date.parse(b.commit?.date ?? ""))[0];
}

function unparseable(subject: string, message: string, where: Location, aspect: "period" | "date"): Finding {
  return rotationFinding({ ruleId: "rotation-unparseable", subject, message, where, aspect });
}

function displayPeriod(period: WrittenPeriod): string {
  switch (period.parsed.kind) {
    case "every":
      return describePeriod(period.parsed.days);
    case "unscheduled":
      return period.parsed.wording;
    default:
      return `"${period.text}"`;
  }
}

function describeSighting(sighting: Sighting): string {
  const commit = sighting.commit ? ` (commit ${sighting.commit.sha.slice(0, 12)})` : "";
  return `${at(sighting.where)}${commit}`;
}

function at(where: Location): string {
  return `${where.file}:${where.line}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
