import { describe, expect, it } from "vitest";
import { javaScriptFlags, toJavaScriptPattern } from "./js-regex-syntax.js";

describe("toJavaScriptPattern", () => {
  it("spells out a leading (?i) so that no flag is needed", () => {
    const re = new RegExp(toJavaScriptPattern("(?i)api[_-]?key=([a-f0-9]{4})"));
    expect(re.exec("API_KEY=BEEF")?.[1]).toBe("BEEF");
  });

  it("keeps case-sensitive parts case-sensitive around a (?i:…) group", () => {
    const re = new RegExp(`^${toJavaScriptPattern("AKIA(?i:token)[A-Z]{2}")}$`);
    expect(re.test("AKIATOKENAB")).toBe(true);
    expect(re.test("akiatokenAB")).toBe(false);
    expect(re.test("AKIATOKENab")).toBe(false);
  });

  it("turns case-insensitivity off inside (?-i:…)", () => {
    const re = new RegExp(`^${toJavaScriptPattern("(?i)key(?-i:AB)")}$`);
    expect(re.test("KEYAB")).toBe(true);
    expect(re.test("keyab")).toBe(false);
  });

  it("renames (?P<name>…) groups and keeps their names intact", () => {
    const re = new RegExp(toJavaScriptPattern("(?i)(?P<name>token)=(?P<secret>\\w+)"));
    expect(re.exec("TOKEN=x1")?.groups).toEqual({ name: "TOKEN", secret: "x1" });
  });

  it("widens negated and plain classes to both cases", () => {
    expect(toJavaScriptPattern("(?i)[a-c_]")).toBe("[a-c_A-C]");
    expect(new RegExp(toJavaScriptPattern("(?i)^[^a-f]$")).test("B")).toBe(false);
  });
});

describe("javaScriptFlags", () => {
  it("carries multiline and dot-all over as whole-pattern flags", () => {
    expect(javaScriptFlags("(?im)^key$")).toBe("m");
    expect(javaScriptFlags("(?s:a.b)")).toBe("s");
    expect(javaScriptFlags("(?i)key")).toBe("");
  });
});

describe("caseless classes", () => {
  it("keeps a trailing hyphen literal", () => {
    expect(toJavaScriptPattern("(?i)[a-z+.-]")).toBe("[a-z+.A-Z-]");
  });
});
