import { describe, expect, it } from "vitest";
import { planScan } from "../src/action/event.js";
import { trustWorkspace } from "../src/action/git.js";
import { BUNDLED_BINDING, useBundledRe2 } from "../src/action/re2-binding.js";
import { readSettings } from "../src/action/settings.js";
import type { Finding } from "../src/engine/types.js";
import { limitCommandAnnotations, toAnnotation } from "../src/report/annotations.js";
import { formatIssueBody, groupLeaks, issueTitle, readIssueMarker } from "../src/report/issue-body.js";
import { formatPrComment, PR_COMMENT_MARKER } from "../src/report/pr-comment.js";
import { formatSummary } from "../src/report/summary.js";
import { emptyStats } from "../src/scan.js";

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: "widget-api-key",
    description: "Widget API key",
    severity: "high",
    file: "src/a.js",
    line: 3,
    column: 5,
    endLine: 3,
    endColumn: 41,
    redacted: "wgt_********",
    fingerprint: "0123456789abcdef0123456789abcdef",
    provenance: {
      kind: "commit",
      commit: {
        sha: "a".repeat(40),
        author: "Dev <b>",
        email: "dev@example.com",
        date: "2026-01-02T03:04:05Z",
      },
    },
    ...overrides,
  };
}

describe("the Action's formatters", () => {
  it("group findings of one secret into one leak whose origin is the first location", () => {
    const leaks = groupLeaks([
      finding(),
      finding({ file: "src/b.js", line: 9 }),
      finding({ fingerprint: "f".repeat(32) }),
    ]);

    expect(leaks.map((leak) => [leak.first.file, leak.locations.length])).toEqual([
      ["src/a.js", 2],
      ["src/a.js", 1],
    ]);
    expect(leaks[0]?.firstSeen).toBe("2026-01-02T03:04:05Z");
  });

  it("write an issue whose marker reads back as its fingerprint, with the checklist and escaped names", () => {
    const [leak] = groupLeaks([finding(), finding({ file: "src/b.js", line: 9 })]);
    if (!leak) throw new Error("no leak");
    const body = formatIssueBody(leak, { repoUrl: "https://github.com/o/r", remediation: "Revoke it." });

    expect(readIssueMarker(body)).toBe("0123456789abcdef0123456789abcdef");
    expect(issueTitle(leak)).toBe("Leaked secret: widget-api-key in src/a.js");
    expect(body).toContain(
      "[aaaaaaaaaaaa](https://github.com/o/r/commit/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa) by Dev \\<b\\>",
    );
    expect(body).toContain(
      "https://github.com/o/r/blob/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/src/b.js#L9",
    );
    expect(body.match(/^- \[ \] /gm)).toHaveLength(5);
    expect(body).toContain("Still at `HEAD` | not checked");
  });

  it("keep the job summary under GitHub's 1 MiB limit and say how many rows were left out", () => {
    const findings = Array.from({ length: 20_000 }, (_, i) =>
      finding({
        fingerprint: i.toString(16).padStart(32, "0"),
        file: `src/deeply/nested/folder/file-${i}.js`,
      }),
    );
    const summary = formatSummary(groupLeaks(findings), {
      scope: "full history",
      stats: emptyStats(),
      failOn: "low",
      failed: true,
    });

    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
    expect(summary).toMatch(/\n\d+ more not shown \(the summary is limited to 1 MiB\)/);
    expect(summary).toContain("**20000 secrets** found");
  });

  it("annotate on the finding's lines and keep at most 10 workflow-command annotations per level", () => {
    const annotation = toAnnotation(finding({ line: 7, endLine: 8 }));
    expect(annotation).toMatchObject({
      path: "src/a.js",
      start_line: 7,
      end_line: 8,
      annotation_level: "failure",
    });

    const many = [
      ...Array.from({ length: 12 }, () => toAnnotation(finding())),
      ...Array.from({ length: 3 }, () => toAnnotation(finding({ severity: "medium" }))),
    ];
    const { shown, hidden } = limitCommandAnnotations(many);
    expect(shown).toHaveLength(13);
    expect(hidden).toBe(2);
  });

  it("mark the pull request comment so that it can be found and edited", () => {
    const comment = formatPrComment(groupLeaks([finding()]), {
      commits: 4,
      issues: new Map([["0123456789abcdef0123456789abcdef", 31]]),
    });
    expect(comment.startsWith(PR_COMMENT_MARKER)).toBe(true);
    expect(comment).toContain("| #31 |");
    expect(formatPrComment([], { commits: 1 })).toContain(
      "No secrets found in 1 commit of this pull request.",
    );
  });
});

describe("the Action's inputs and events", () => {
  const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? "";

  it("read defaults for every input left empty", () => {
    expect(readSettings(inputs({ token: "t" }))).toEqual({
      mode: "auto",
      path: ".",
      config: undefined,
      baseline: undefined,
      failOn: undefined,
      annotations: true,
      sarif: "leakgate.sarif",
      issues: false,
      issueLabels: ["leakgate", "security"],
      comment: false,
      rotation: false,
      token: "t",
    });
  });

  it("reject a boolean input that is not true or false, naming it", () => {
    expect(() => readSettings(inputs({ issues: "yes" }))).toThrow(
      'input `issues` expects true or false (for example `issues: true`); received "yes"',
    );
  });

  it("plan a pull request, a push, a new branch, a branch deletion and a schedule", () => {
    const pr = {
      pull_request: { number: 4, commits: 2, base: { sha: "b".repeat(40) }, head: { sha: "c".repeat(40) } },
    };
    expect(planScan("auto", "pull_request_target", pr)).toMatchObject({
      kind: "range",
      pullNumber: 4,
      expectedCommits: 2,
    });
    expect(
      planScan("auto", "push", { ref: "refs/heads/x", before: "1".repeat(40), after: "2".repeat(40) }),
    ).toMatchObject({ kind: "range", label: "push to x" });
    expect(
      planScan("auto", "push", {
        ref: "refs/heads/x",
        before: "0".repeat(40),
        after: "2".repeat(40),
        repository: { default_branch: "trunk" },
      }),
    ).toMatchObject({ kind: "new-branch", defaultBranch: "trunk" });
    expect(
      planScan("auto", "push", {
        ref: "refs/heads/x",
        before: "1".repeat(40),
        after: "0".repeat(40),
        deleted: true,
      }).kind,
    ).toBe("nothing");
    expect(
      planScan("auto", "push", {
        ref: "refs/heads/trunk",
        before: "0".repeat(40),
        after: "2".repeat(40),
        repository: { default_branch: "trunk" },
      }),
    ).toMatchObject({ kind: "new-branch", defaultBranch: undefined });
    expect(planScan("auto", "schedule", {}).kind).toBe("history");
    expect(planScan("history", "pull_request", pr).kind).toBe("history");
    expect(() => planScan("diff", "schedule", {})).toThrow("`mode: diff` needs a pull_request or push event");
  });
});

describe("the Action's runner environment", () => {
  it("marks the workspace safe for git after any configuration already in the environment", () => {
    const env: NodeJS.ProcessEnv = {
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "core.x",
      GIT_CONFIG_VALUE_0: "y",
    };
    trustWorkspace("/home/runner/work/w/w", env);

    expect(env).toMatchObject({
      GIT_CONFIG_COUNT: "2",
      GIT_CONFIG_KEY_1: "safe.directory",
      GIT_CONFIG_VALUE_1: "/home/runner/work/w/w",
      GIT_CONFIG_KEY_0: "core.x",
    });
  });

  it("leaves an explicit LEAKGATE_RE2_BINDING alone and points at the bundled binding only when it exists", () => {
    expect(useBundledRe2("/nowhere", { LEAKGATE_RE2_BINDING: "/custom/re2.node" })).toBe("/custom/re2.node");
    const env: NodeJS.ProcessEnv = {};
    expect(useBundledRe2("/nowhere", env)).toBeUndefined();
    expect(env.LEAKGATE_RE2_BINDING).toBeUndefined();
    expect(BUNDLED_BINDING).toBe("re2-linux-x64-node24.node");
  });
});
