import { describe, expect, it } from "vitest";
import { KeywordIndex } from "./keyword-index.js";

describe("KeywordIndex", () => {
  it("finds every keyword that occurs, whatever its case, and only those", () => {
    const index = new KeywordIndex(["ghp_", "sk_live", "password", "akia", "xoxb-"]);
    const data = Buffer.from('const t = "GHP_abc";\nDB_PASSWORD=1\nSk_Live_x AKIA');
    expect(index.hits(data)).toEqual([0, 1, 2, 3]);
  });

  it("finds a keyword at the very start and the very end, and not one cut off by the end", () => {
    const index = new KeywordIndex(["ab", "yz", "xyzw"]);
    expect(index.hits(Buffer.from("abcxyz"))).toEqual([0, 1]);
  });

  it("finds keywords that share a two-byte prefix independently", () => {
    const index = new KeywordIndex(["sk_live", "sk_test", "sk-ant"]);
    expect(index.hits(Buffer.from("sk_test_1 sk-ant-2"))).toEqual([1, 2]);
  });

  it("handles one-byte and empty keywords from users' rules", () => {
    const index = new KeywordIndex(["q", "", "z"]);
    expect(index.hits(Buffer.from("Q!"))).toEqual([0, 1]);
    expect(index.hits(Buffer.alloc(0))).toEqual([1]);
  });

  it("agrees with a search per keyword on real text", () => {
    const keywords = ["key", "secret", "token", "import", "export", "-----begin", "://", "=="];
    const text = Buffer.from("export const SECRET_KEY = 'x';\n// https://example.org -----BEGIN RSA");
    const lower = text.toString("latin1").toLowerCase();
    const expected = keywords.flatMap((k, i) => (lower.includes(k) ? [i] : []));
    expect(new KeywordIndex(keywords).hits(text)).toEqual(expected);
  });
});
