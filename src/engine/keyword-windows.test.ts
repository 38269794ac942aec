import { describe, expect, it } from "vitest";
import { builtinRules } from "../config/builtin-rules.js";
import { buildRuleset } from "../config/ruleset.js";
import { emptyConfig } from "../config/types.js";
import { Detector } from "./detector.js";
import { KeywordFinder } from "./keyword-index.js";
import { KeywordWindows } from "./keyword-windows.js";
import { patternReach } from "./pattern-reach.js";
import { type CompiledRegex, compileRegex, type Span } from "./regex.js";

/** Code dense in the catalogue's commonest keywords, and long enough that keyword windows are used. */
const FILLER = [
  "export const keyPath = options.token ?? defaults.auth; // https://example.com/pass",
  "  if (stream.pattern && passwordField) return storage.get(key);",
  "\tconst credentials = { secret: process.env.SECRET, pwd: cwd() }; /* expo token graph */",
  "",
  "function login(user, pass) { return box.api.segment(user) + FB_ID; }",
]
  .join("\n")
  .repeat(40);

describe("keyword windows", () => {
  const ruleset = buildRuleset(builtinRules(), emptyConfig());
  const windowed = new Detector(ruleset);
  const whole = new Detector(ruleset, { keywordWindows: false });

  it("give exactly the findings of whole-fragment runs on every example of the catalogue, wherever it stands", () => {
    const differences: string[] = [];
    for (const rule of ruleset.rules) {
      const examples = [...rule.definition.examples, ...rule.definition.negativeExamples];
      for (const example of examples) {
        const content = example.content ?? "";
        for (const text of [
          `${FILLER}\n${content}\n${FILLER}`,
          `${content}\n${FILLER}`,
          `${FILLER}\n${content}`,
        ]) {
          const fragment = {
            data: Buffer.from(text),
            path: example.path ?? "example.txt",
            provenance: { kind: "file" } as const,
          };
          const a = JSON.stringify(windowed.detectContent(fragment, { unmask: true }));
          const b = JSON.stringify(whole.detectContent(fragment, { unmask: true }));
          if (a !== b) differences.push(`${rule.id}: ${a} vs ${b}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it("cover each line with a keyword and its neighbours, plus one byte each side", () => {
    const data = Buffer.from("one\ntwo KEY\nthree\nfour\nfive key\nsix");
    const windows = new KeywordWindows(data, new Set(["key"]), new KeywordFinder(["key"]));
    const spans = windows.spans(["key"], { maxNewlines: 0, maxBytes: Number.POSITIVE_INFINITY });
    expect(spans?.map((span) => data.toString("latin1", span.start, span.end))).toEqual([
      "\ntwo KEY\nthree\nfour\nfive key\ns",
    ]);
  });

  it("find what a whole run finds when a match begins or ends with the line feed beside its window", () => {
    const patterns = [
      "(?:^|[^\\w])key=(?P<secret>[a-z]{8})(?:[^a-z]|$)",
      "(?m)(?:^|[;\\s])key=([a-z]{8})\\s",
      "[\\s,]key[ \\t]*=[ \\t]*([a-z]{8})(?:\\s|$)",
    ];
    const texts = [
      "key=abcdefgh",
      "x\nkey=abcdefgh\ny",
      "filler line\n\nkey=abcdefgh\n\nmore",
      "a;key=abcdefgh\n".repeat(3),
      `${"z".repeat(600)}\nkey=abcdefgh\n${"z".repeat(600)}\n key=hgfedcba`,
      "key=abcdefgh\nkey=hgfedcba\nkey=abcdefgh",
    ];
    for (const pattern of patterns) {
      const reach = patternReach(pattern, ["key"]);
      expect(reach?.maxNewlines).toBe(0);
      const regex = compileRegex(pattern);
      for (const text of texts) {
        const data = Buffer.from(text);
        const windows = new KeywordWindows(data, new Set(["key"]), new KeywordFinder(["key"]));
        const spans = windows.spans(["key"], reach as NonNullable<typeof reach>) ?? [];
        expect(matchesIn(regex, data, spans)).toEqual(
          matchesIn(regex, data, [{ start: 0, end: data.length }]),
        );
      }
    }
  });

  it("run a rule whole where a case-insensitive pattern could match a keyword spelt with a Kelvin sign", () => {
    const data = Buffer.from("\u212aey = 1\n");
    const windows = new KeywordWindows(data, new Set(["key"]), new KeywordFinder(["key"]));
    expect(windows.spans(["key"], { maxNewlines: 0, maxBytes: 40 })).toBeUndefined();
  });
});

describe("the reach of a pattern", () => {
  it("bounds the bytes and line feeds of a match that must hold a keyword", () => {
    expect(patternReach("\\b(ghp_[A-Za-z0-9]{36})\\b", ["ghp_"])).toEqual({ maxNewlines: 0, maxBytes: 40 });
    expect(
      patternReach("(?i)api[_.-]?key[ \\t]*=[ \\t]*(\\w{32})", ["apikey", "api_key", "api.key", "api-key"]),
    ).toEqual({
      maxNewlines: 0,
      maxBytes: Number.POSITIVE_INFINITY,
    });
  });

  it("refuses a pattern whose keyword is only context, or that may span any number of lines", () => {
    expect(patternReach("(?:^|[^\\w])([A-Za-z0-9]{6}\\.[A-Za-z0-9]{43})", ["ably"])).toBeUndefined();
    expect(patternReach('(?i)variable\\s+"token"[^}]*default', ["token"])).toBeUndefined();
    expect(patternReach("(?s)secret.*", ["secret"])).toBeUndefined();
    expect(patternReach("(?i)api[_.-]?key\\s*=\\s*(\\w{32})", ["apikey", "api_key"])).toBeUndefined();
  });

  it("refuses syntax it does not read, such as Unicode classes and lookarounds", () => {
    expect(patternReach("token\\p{L}{20}", ["token"])).toBeUndefined();
    expect(patternReach("token(?=x)", ["token"])).toBeUndefined();
  });

  it("follows alternatives, optional characters and small classes into the keyword", () => {
    expect(patternReach("(?:box|BOX)[_.]secret[a-z]{10}", ["box_", "box."])?.maxBytes).toBe(20);
    expect(patternReach("access_?token=[a-z]{4}", ["access_token", "accesstoken"])?.maxBytes).toBe(17);
    expect(patternReach("(?:nyt|new_?york)[a-z]{4}", ["nyt", "newyork", "new_york"])?.maxBytes).toBe(12);
  });

  it("counts a line feed wherever a class can match one", () => {
    expect(patternReach('=[^\\w]key[ \\t]*=[ \\t]*"[^"\\s]{8}"', ["key"])?.maxNewlines).toBe(1);
    expect(patternReach('\\b[^\\w]key[ \\t]*=[ \\t]*"[^"\\s]{8}"', ["key"])?.maxNewlines).toBe(1);
    expect(patternReach("key\\r?\\n[ \\t]*value", ["key"])?.maxNewlines).toBe(1);
    expect(patternReach("key[\\s\\S]{0,3}value", ["key"])?.maxNewlines).toBe(3);
  });

  it("does not count a first or last character that stands alone: it is the byte every window adds", () => {
    expect(patternReach('(?i)(?:^|[^\\w])key[ \\t]*=[ \\t]*"[^"\\s]{8}"', ["key"])?.maxNewlines).toBe(0);
    expect(patternReach("(?:^|[\\s,])key=[a-z]{8}(?:[^a-z]|$)", ["key"])?.maxNewlines).toBe(0);
    expect(patternReach("\\skey=[a-z]{8}\\s", ["key"])?.maxNewlines).toBe(0);
    // Two characters, or one that reads its neighbour, are counted as ever.
    expect(patternReach("\\s\\skey=[a-z]{8}", ["key"])?.maxNewlines).toBe(1);
    expect(patternReach("(?:\\b\\s|,)key=[a-z]{8}", ["key"])?.maxNewlines).toBe(1);
    expect(patternReach("(?:\\s)+key=[a-z]{8}", ["key"])).toBeUndefined();
  });
});

/** Every match of `regex` in the `spans` of `data`, as offsets in `data`. */
function matchesIn(regex: CompiledRegex, data: Buffer, spans: Span[]): string[] {
  const found: string[] = [];
  for (const span of spans) {
    const part = data.subarray(span.start, span.end);
    for (let from = 0, match = regex.exec(part, 0); match; match = regex.exec(part, from)) {
      found.push(`${span.start + match.start}-${span.start + match.end}`);
      from = match.end > match.start ? match.end : match.end + 1;
      if (from > part.length) break;
    }
  }
  return found;
}
