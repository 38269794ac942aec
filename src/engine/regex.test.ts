import { describe, expect, it } from "vitest";
import { compileRegex, compileSet, regexEngine } from "./regex.js";

describe("regex", () => {
  it("loads the native RE2 binding for this Node version on Linux x64", () => {
    expect(`${process.platform}-${process.arch}`).toBe("linux-x64");
    expect(regexEngine()).toBe("re2");
  });

  it("reports byte offsets of groups, also after multi-byte characters", () => {
    const match = compileRegex("k=(?P<secret>[a-z]+)").exec(Buffer.from("é€ k=abc"), 0);
    expect(match).toMatchObject({ start: 6, end: 11, named: { secret: { start: 8, end: 11 } } });
  });

  it("tells which of many patterns occur, in one pass", () => {
    const set = compileSet(["ghp_", "xoxb-", "akia"], { ignoreCase: true });
    expect(set.match(Buffer.from("token AKIA... and ghp_...")).sort()).toEqual([0, 2]);
  });

  it("rejects a pattern RE2 cannot run in linear time", () => {
    expect(() => compileRegex("(a)\\1")).toThrow();
    expect(() => compileRegex("a(?=b)")).toThrow();
  });
});
