import { describe, expect, it } from "vitest";
import type { RotationReport } from "../rotation/types.js";
import { formatRotationMarkdown, formatRotationText, summarizeRotation } from "./rotation-table.js";

const EMPTY: RotationReport = { rows: [], findings: [], filesRead: 0, today: "2025-10-20" };

describe("rotation tables", () => {
  it("says so when there is no secret at all", () => {
    expect(formatRotationText(EMPTY)).toBe(
      "No secrets declared or found.\n\n0 secrets, no rotation findings on 2025-10-20.\n",
    );
  });

  it("escapes pipes in Markdown cells", () => {
    const report: RotationReport = {
      ...EMPTY,
      rows: [
        {
          name: "A_TOKEN",
          store: "vault|kv",
          period: '"every other | week"',
          statuses: ["unparseable"],
          declaredIn: [],
          seenIn: [],
        },
      ],
    };
    expect(formatRotationMarkdown(report).split("\n")[4]).toBe(
      '| A_TOKEN | - | vault\\|kv | "every other \\| week" | - | - | unparseable |',
    );
  });

  it("tells in the summary why history was not checked", () => {
    expect(
      summarizeRotation({ ...EMPTY, historyNote: "history was not checked: not a git repository" }),
    ).toBe("0 secrets, no rotation findings on 2025-10-20 (history was not checked: not a git repository).");
  });
});
