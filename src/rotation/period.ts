/** Rotation periods and dates as people write them in configs and docs, read into days and UTC dates. */

export const DAY_MS = 86_400_000;

export type ParsedPeriod =
  /** A schedule: rotate every `days` days. */
  | { kind: "every"; days: number }
  /** A policy that names no schedule: "never", "none", "manual", "on demand". */
  | { kind: "unscheduled"; wording: "never" | "manual" }
  /** Nothing written: an empty cell, "-", "N/A", "TBD". */
  | { kind: "blank" }
  | { kind: "unreadable" };

/** Days per unit. Months and years are fixed lengths so that "quarterly" is exactly 90 days. */
const UNIT_DAYS: Record<string, number> = {
  d: 1,
  day: 1,
  days: 1,
  w: 7,
  wk: 7,
  wks: 7,
  week: 7,
  weeks: 7,
  fortnight: 14,
  fortnights: 14,
  m: 30,
  mo: 30,
  mos: 30,
  mon: 30,
  month: 30,
  months: 30,
  q: 90,
  quarter: 90,
  quarters: 90,
  y: 365,
  yr: 365,
  yrs: 365,
  year: 365,
  years: 365,
};

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  eighteen: 18,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};

const UNITS = Object.keys(UNIT_DAYS)
  .sort((a, b) => b.length - a.length)
  .join("|");
// Not after a digit, a point or a minus: "-30 days" is no schedule.
const NUMBER_UNIT = new RegExp(`(?<![\\d.\\-])(\\d+)\\s*[-_ ]?\\s*(${UNITS})(?![a-z])`);
const HOURS = /(?<![\d.-])(\d+)\s*[-_ ]?\s*(?:h|hrs?|hours?)(?![a-z])/;
const WORD_UNIT = new RegExp(`\\b(${Object.keys(NUMBER_WORDS).join("|")})[\\s-]+(${UNITS})\\b`);
const EVERY_UNIT =
  /\b(?:every|each|once an?|once per|per|once every)\s+(day|week|fortnight|month|quarter|year)\b/;
/** The calendar length of each unit, for "n times a …": twice a year is 182 days, not 6 × 30. */
const CALENDAR_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, quarter: 91, year: 365 };
const TIMES =
  /(?:\b(twice|two times|three times|four times)|(?<![\d.-])(\d+)\s*(?:x|times))\s*(?:a|an|per|every|each)\s+(week|month|quarter|year)\b/;
const TIMES_WORDS: Record<string, number> = { twice: 2, "two times": 2, "three times": 3, "four times": 4 };
/** "every other month": two calendar months are 61 days. */
const EVERY_OTHER_DAYS: Record<string, number> = { day: 2, week: 14, month: 61, quarter: 182, year: 730 };
const EVERY_OTHER = /\bevery (?:other|second) (day|week|month|quarter|year)\b/;
const DAYS_EQUALS = /days?\s*[=:]\s*(\d+)/;

/** Adverbs, most specific first: "semi-annually" must not read as "annually". */
const ADVERBS: [RegExp, number][] = [
  [/\b(semi[-\s]?annual(ly)?|bi[-\s]?annual(ly)?|half[-\s]?year(ly)?)\b/, 182],
  [/\bbi[-\s]?ennial(ly)?\b/, 730],
  [/\b(annual(ly)?|yearly)\b/, 365],
  [/\bquarterly\b/, 90],
  [/\bbi[-\s]?monthly\b/, 60],
  [/\bmonthly\b/, 30],
  [/\b(bi[-\s]?weekly|fortnightly)\b/, 14],
  [/\bweekly\b/, 7],
  [/\bdaily\b/, 1],
];

const NEVER = /^(none|no)$|\b(never|no rotation|not rotated|does not rotate)\b/;
const MANUAL =
  /\b(manual(ly)?|on[-\s]demand|as needed|when needed|ad[-\s]hoc|on compromise|on (suspected )?(leak|compromise|incident)|on request)\b/;
const BLANK = /^(|-+|—|–|n\/?a|tbd|tba|todo|\?+|unknown|not set)$/;

/** Reads "90 days", "30d", "Every 90 days (quarterly)", "6 months", "annually", "auto_90_days", "Manual"… */
export function parsePeriod(input: unknown): ParsedPeriod {
  if (typeof input === "number") {
    return Number.isInteger(input) && input > 0 ? { kind: "every", days: input } : { kind: "unreadable" };
  }
  if (typeof input !== "string") return input == null ? { kind: "blank" } : { kind: "unreadable" };
  const text = plainText(input);
  if (BLANK.test(text)) return { kind: "blank" };
  if (/^\d+$/.test(text)) return positive(Number(text));
  const times = TIMES.exec(text);
  if (times) {
    const count = times[1] ? (TIMES_WORDS[times[1]] ?? 0) : Number(times[2]);
    return positive(Math.floor((CALENDAR_DAYS[times[3] as string] ?? 0) / count));
  }
  const other = EVERY_OTHER.exec(text);
  if (other) return positive(EVERY_OTHER_DAYS[other[1] as string] ?? 0);
  const numbered = NUMBER_UNIT.exec(text) ?? WORD_UNIT.exec(text);
  if (numbered) {
    const count = NUMBER_WORDS[numbered[1] as string] ?? Number(numbered[1]);
    const unit = UNIT_DAYS[numbered[2] as string] ?? 0;
    // Whole years of months are years: "12 months" is 365 days, not 360.
    if (unit === 30 && count % 12 === 0) return positive((count / 12) * 365);
    return positive(count * unit);
  }
  const hours = HOURS.exec(text);
  if (hours)
    return Number(hours[1]) >= 24 ? positive(Math.floor(Number(hours[1]) / 24)) : { kind: "unreadable" };
  const equals = DAYS_EQUALS.exec(text);
  if (equals) return positive(Number(equals[1]));
  for (const [pattern, days] of ADVERBS) if (pattern.test(text)) return { kind: "every", days };
  const every = EVERY_UNIT.exec(text);
  if (every) return { kind: "every", days: UNIT_DAYS[every[1] as string] as number };
  if (NEVER.test(text)) return { kind: "unscheduled", wording: "never" };
  if (MANUAL.test(text)) return { kind: "unscheduled", wording: "manual" };
  return { kind: "unreadable" };
}

function positive(days: number): ParsedPeriod {
  return Number.isFinite(days) && days > 0 ? { kind: "every", days } : { kind: "unreadable" };
}

/** Lowercase text without Markdown emphasis, code ticks or emoji. */
export function plainText(text: string): string {
  return text
    .replace(/[*`_~]{2,}|[*`~]/g, " ")
    .replace(/[^\p{L}\p{N}\s/=:_.,()?\-—–]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

export function describePeriod(days: number): string {
  return days === 1 ? "1 day" : `${days} days`;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

const NO_ROTATION = /^(|-+|—|–|n\/?a|tbd|\?+|unknown|never|none|not yet|not rotated|never rotated)$/;

/** A last-rotated value that records no rotation ("never", "-", "N/A"): the same as no date at all. */
export function recordsNoRotation(text: string): boolean {
  return NO_ROTATION.test(plainText(text));
}

export type ParsedDate = { date: Date; hasTime: boolean } | { error: string };

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(z|[+-]\d{2}:?\d{2})?$/i;
const MONTH_FIRST = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/;
const NUMERIC_AMBIGUOUS = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;

/** Reads 2025-10-25, 2025/10/25, 2025-10-25T08:00:00Z, "October 2, 2025", "2 Oct 2025". */
export function parseDate(input: unknown): ParsedDate {
  if (input instanceof Date) {
    return Number.isNaN(input.getTime()) ? { error: "not a valid date" } : { date: input, hasTime: true };
  }
  if (typeof input !== "string" || input.trim() === "") return { error: "not a date" };
  const text = input
    .replace(/[*`]/g, "")
    .replace(/\s*\(.*\)\s*$/, "")
    .trim();
  if (ISO_TIME.test(text)) {
    const time = Date.parse(text.replace(" ", "T"));
    return Number.isNaN(time)
      ? { error: "not a valid date and time" }
      : { date: new Date(time), hasTime: true };
  }
  const iso = ISO.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const lower = text.toLowerCase();
  const monthFirst = MONTH_FIRST.exec(lower);
  if (monthFirst) return namedMonth(monthFirst[1] as string, Number(monthFirst[2]), Number(monthFirst[3]));
  const dayFirst = DAY_FIRST.exec(lower);
  if (dayFirst) return namedMonth(dayFirst[2] as string, Number(dayFirst[1]), Number(dayFirst[3]));
  if (NUMERIC_AMBIGUOUS.test(text)) return { error: "ambiguous day and month order; write it as YYYY-MM-DD" };
  return { error: "an unknown date format; write it as YYYY-MM-DD" };
}

function namedMonth(name: string, day: number, year: number): ParsedDate {
  const month = name.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(name)) : -1;
  if (month < 0) return { error: `"${name}" is not a month` };
  return calendarDate(year, month + 1, day);
}

function calendarDate(year: number, month: number, day: number): ParsedDate {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { error: "no such day in the calendar" };
  }
  return { date, hasTime: false };
}

/** YYYY-MM-DD in UTC. */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** Midnight UTC of the day `date` falls on. */
export function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** Whole days from `from` to `to` (by UTC calendar day), negative when `to` is earlier. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS);
}
