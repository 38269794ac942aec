import { describe, expect, it } from "vitest";
import { addDays, daysBetween, parseDate, parsePeriod } from "./period.js";

describe("parsePeriod", () => {
  it.each([
    ["90 days", 90],
    ["30 days", 30],
    ["180 days", 180],
    ["365 days", 365],
    ["30d", 30],
    ["90 d", 90],
    ["90-day", 90],
    ["Every 90 days (quarterly)", 90],
    ["Rotate every 6 months", 180],
    ["6 months", 180],
    ["six months", 180],
    ["2 weeks", 14],
    ["1 year", 365],
    ["a year", 365],
    ["quarterly", 90],
    ["Quarterly", 90],
    ["monthly", 30],
    ["annually", 365],
    ["yearly", 365],
    ["semi-annually", 182],
    ["bi-annually", 182],
    ["twice a year", 182],
    ["semiannually", 182],
    ["biannually", 182],
    ["2x per year", 182],
    ["2 times a year", 182],
    ["12 months", 365],
    ["24 months", 730],
    ["24 hours", 1],
    ["48 hours", 2],
    ["every other month", 61],
    ["bi-weekly", 14],
    ["biweekly", 14],
    ["daily", 1],
    ["twice a month", 15],
    ["weekly", 7],
    ["fortnightly", 14],
    ["every month", 30],
    ["once a year", 365],
    ["auto_90_days", 90],
    ["AutomaticallyAfterDays=30", 30],
    ["Manual, every 90 days", 90],
    ["**90 days**", 90],
    ["✅ 30 days", 30],
  ])("reads %j as every %i days", (text, days) => {
    expect(parsePeriod(text)).toEqual({ kind: "every", days });
  });

  it("reads a number from YAML as days", () => {
    expect(parsePeriod(45)).toEqual({ kind: "every", days: 45 });
  });

  it.each([
    ["Manual", "manual"],
    ["manually", "manual"],
    ["on demand", "manual"],
    ["As needed", "manual"],
    ["never", "never"],
    ["Never", "never"],
    ["None", "never"],
    ["no rotation", "never"],
  ])("reads %j as a policy with no schedule (%s)", (text, wording) => {
    expect(parsePeriod(text)).toEqual({ kind: "unscheduled", wording });
  });

  it.each(["", "-", "—", "N/A", "TBD", "?"])("reads %j as nothing written", (text) => {
    expect(parsePeriod(text)).toEqual({ kind: "blank" });
  });

  it.each(["whenever", "soonish", "0 days", "-5", "-30 days", "12 hours", "✅ YES", "Semi-automated"])(
    "cannot read %j",
    (text) => {
      expect(parsePeriod(text)).toEqual({ kind: "unreadable" });
    },
  );

  it("cannot read a fractional or zero number of days", () => {
    expect(parsePeriod(0)).toEqual({ kind: "unreadable" });
    expect(parsePeriod(1.5)).toEqual({ kind: "unreadable" });
  });
});

describe("parseDate", () => {
  it.each([
    ["2025-10-25", "2025-10-25T00:00:00.000Z"],
    ["2025/10/25", "2025-10-25T00:00:00.000Z"],
    ["2025-1-5", "2025-01-05T00:00:00.000Z"],
    ["October 2, 2025", "2025-10-02T00:00:00.000Z"],
    ["Oct 2 2025", "2025-10-02T00:00:00.000Z"],
    ["October 23rd, 2025", "2025-10-23T00:00:00.000Z"],
    ["2 October 2025", "2025-10-02T00:00:00.000Z"],
    ["25 Oct, 2025", "2025-10-25T00:00:00.000Z"],
    ["**2025-10-25**", "2025-10-25T00:00:00.000Z"],
    ["2025-10-25 (audit)", "2025-10-25T00:00:00.000Z"],
  ])("reads the day %j", (text, iso) => {
    expect(parseDate(text)).toEqual({ date: new Date(iso), hasTime: false });
  });

  it("reads a date and time, with its zone", () => {
    expect(parseDate("2025-10-25T08:30:00+02:00")).toEqual({
      date: new Date("2025-10-25T06:30:00.000Z"),
      hasTime: true,
    });
  });

  it.each([
    ["10/25/2025", "ambiguous day and month order; write it as YYYY-MM-DD"],
    ["25.10.2025", "ambiguous day and month order; write it as YYYY-MM-DD"],
    ["2025-02-30", "no such day in the calendar"],
    ["Smarch 3, 2025", '"smarch" is not a month'],
    ["last Tuesday", "an unknown date format; write it as YYYY-MM-DD"],
    ["", "not a date"],
  ])("cannot read %j", (text, error) => {
    expect(parseDate(text)).toEqual({ error });
  });
});

describe("day arithmetic", () => {
  it("counts whole UTC days, whatever the time of day", () => {
    const from = new Date("2025-01-10T23:59:00Z");
    expect(daysBetween(from, new Date("2025-01-11T00:01:00Z"))).toBe(1);
    expect(daysBetween(from, addDays(from, 90))).toBe(90);
    expect(daysBetween(new Date("2025-04-10T00:00:00Z"), from)).toBe(-90);
  });
});
