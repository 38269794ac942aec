import { describe, expect, it } from "vitest";
import { LineIndex } from "./location.js";

describe("LineIndex", () => {
  it("counts columns in code points across tabs and multi-byte UTF-8", () => {
    const data = Buffer.from("héllo\n\t€x = 1\n");
    const index = new LineIndex(data);
    expect(index.position(data.indexOf("x"))).toEqual({ line: 2, column: 3 });
    expect(index.position(data.indexOf("llo"))).toEqual({ line: 1, column: 3 });
  });

  it("keeps a carriage return on the line it ends", () => {
    const data = Buffer.from("a\r\nbc\r\nd");
    const index = new LineIndex(data);
    expect(index.position(data.indexOf("c"))).toEqual({ line: 2, column: 2 });
    expect(index.position(data.indexOf("d"))).toEqual({ line: 3, column: 1 });
    const span = index.lineSpan(data.indexOf("b"));
    expect(data.toString("utf8", span.start, span.end)).toBe("bc");
  });

  it("maps fragment lines to file lines when a diff gives only some lines", () => {
    const data = Buffer.from("first added\nsecond added\n");
    const index = new LineIndex(data, [7, 42]);
    expect(index.position(data.indexOf("second"))).toEqual({ line: 42, column: 1 });
  });
});
