import { describe, expect, it } from "vitest";
import { cellText, parseMarkdownTables, splitRow } from "./markdown-tables.js";

describe("parseMarkdownTables", () => {
  it("reads a pipe table with the line and column of every cell", () => {
    const text = "# Env\n\n| Variable | Rotation Policy |\n|---|---|\n| SECRET_KEY | 90 days |\n\nafter\n";
    expect(parseMarkdownTables(text)).toEqual([
      {
        header: {
          line: 3,
          cells: [
            { text: "Variable", column: 3 },
            { text: "Rotation Policy", column: 14 },
          ],
        },
        rows: [
          {
            line: 5,
            cells: [
              { text: "SECRET_KEY", column: 3 },
              { text: "90 days", column: 16 },
            ],
          },
        ],
      },
    ]);
  });

  it("reads tables quoted in a markdown fence and skips those in other fences", () => {
    const text = [
      "```markdown",
      "| Variable | Rotation Policy |",
      "|---|---|",
      "| A_TOKEN | 30 days |",
      "```",
      "```text",
      "| Variable | Rotation Policy |",
      "|---|---|",
      "| B_TOKEN | 30 days |",
      "```",
    ].join("\n");
    const tables = parseMarkdownTables(text);
    expect(tables.map((table) => table.rows.map((row) => row.cells[0]?.text))).toEqual([["A_TOKEN"]]);
  });

  it("skips tables in a code block nested in a ````markdown fence, and reads the tables after it", () => {
    const text = [
      "````markdown",
      "| Variable | Rotation Policy |",
      "|---|---|",
      "| A_TOKEN | 30 days |",
      "```python",
      "| Variable | Rotation Policy |",
      "|---|---|",
      "| IN_CODE | 30 days |",
      "```",
      "````",
      "| Variable | Rotation Policy |",
      "|---|---|",
      "| B_TOKEN | 30 days |",
    ].join("\n");
    const tables = parseMarkdownTables(text);
    expect(tables.map((table) => table.rows.map((row) => row.cells[0]?.text))).toEqual([
      ["A_TOKEN"],
      ["B_TOKEN"],
    ]);
  });

  it("nests a ```python block inside a ```markdown fence, so the tables after both are read", () => {
    const text = [
      "```markdown",
      "```python",
      "| Variable | Rotation Policy |",
      "|---|---|",
      "| IN_CODE | 30 days |",
      "```",
      "| Variable | Rotation Policy |",
      "|---|---|",
      "| A_TOKEN | 30 days |",
      "```",
      "",
      "| Variable | Rotation Policy |",
      "|---|---|",
      "| B_TOKEN | 30 days |",
    ].join("\n");
    const tables = parseMarkdownTables(text);
    expect(tables.map((table) => table.rows.map((row) => row.cells[0]?.text))).toEqual([
      ["A_TOKEN"],
      ["B_TOKEN"],
    ]);
  });

  it("closes a ~~~~ fence only with at least four tildes", () => {
    const text = [
      "~~~~",
      "~~~",
      "| a | b |",
      "|---|---|",
      "| X | 1 |",
      "~~~~",
      "| a | b |",
      "|---|---|",
      "| Y | 2 |",
    ].join("\n");
    expect(parseMarkdownTables(text).map((table) => table.rows.map((row) => row.cells[0]?.text))).toEqual([
      ["Y"],
    ]);
  });

  it("ends a table at the first line without a pipe", () => {
    const text = "| a | b |\n| - | - |\n| 1 | 2 |\nplain\n| 3 | 4 |\n";
    expect(parseMarkdownTables(text)[0]?.rows.map((row) => row.line)).toEqual([3]);
  });

  it("takes no table where the second line is not a delimiter row", () => {
    expect(parseMarkdownTables("| a | b |\n| 1 | 2 |\n")).toEqual([]);
  });
});

describe("splitRow", () => {
  it("keeps escaped pipes and pipes in code spans inside their cell", () => {
    expect(splitRow("| `a|b` | c \\| d |").map((cell) => cell.text)).toEqual(["`a|b`", "c | d"]);
  });

  it("reads rows without outer pipes", () => {
    expect(splitRow("a | b").map((cell) => cell.text)).toEqual(["a", "b"]);
  });
});

describe("cellText", () => {
  it("drops code ticks, emphasis and links", () => {
    expect(cellText("`SECRET_KEY`")).toBe("SECRET_KEY");
    expect(cellText("**90 days**")).toBe("90 days");
    expect(cellText("[Vault](https://vault.example.com/ui)")).toBe("Vault");
  });
});
