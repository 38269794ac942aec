import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Finding } from "../src/engine/types.js";
import { createClient, type GitHubClient, PermissionError } from "../src/github/client.js";
import { syncIssues } from "../src/github/issues.js";
import { upsertPrComment } from "../src/github/pr-comment.js";
import { groupLeaks, issueMarker } from "../src/report/issue-body.js";
import { FakeGitHub } from "./support/fake-github.js";

const repo = { owner: "octo-org", repo: "widgets" };
const quiet = { info: () => {}, warning: () => {} };

function leakOf(fingerprint: string) {
  const finding: Finding = {
    ruleId: "widget-api-key",
    description: "Widget API key",
    severity: "high",
    file: "src/a.js",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 10,
    redacted: "wgt_********",
    fingerprint,
    provenance: { kind: "file" },
  };
  const [leak] = groupLeaks([finding]);
  if (!leak) throw new Error("no leak");
  return leak;
}

describe("src/github against a GitHub REST API", () => {
  let api: FakeGitHub;
  let client: GitHubClient;

  beforeEach(async () => {
    api = await FakeGitHub.start();
    client = createClient({ token: "t", baseUrl: api.url, logger: quiet });
  });

  afterEach(() => api.close());

  it("finds an existing issue by its marker on a later page of the issue list", async () => {
    const fingerprint = "ab".repeat(16);
    const old = api.addIssue({
      title: "old",
      body: `${issueMarker(fingerprint)}\nold body`,
      labels: [{ name: "leakgate" }],
    });
    for (let i = 0; i < 150; i += 1)
      api.addIssue({ title: `other ${i}`, body: "", labels: [{ name: "leakgate" }] });

    const result = await syncIssues(client, repo, [leakOf(fingerprint)], {
      labels: ["leakgate"],
      render: () => ({ title: "new title", body: `${issueMarker(fingerprint)}\nnew body` }),
      reopenComment: () => "again",
      logger: quiet,
    });

    expect(result.opened).toEqual([]);
    expect(result.updated).toEqual([old.number]);
    expect(api.issues.get(old.number)?.title).toBe("new title");
    expect(api.requests.filter((r) => r.method === "GET" && r.path.endsWith("/issues"))).toHaveLength(2);
  });

  it("edits its own pull request comment among many others", async () => {
    for (let i = 0; i < 120; i += 1) api.addComment(4, `chatter ${i}`);
    const first = await upsertPrComment(client, repo, 4, "<!-- mine -->", "<!-- mine -->\none");
    const second = await upsertPrComment(client, repo, 4, "<!-- mine -->", "<!-- mine -->\ntwo");

    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const mine = api.issues.get(4)?.comments.filter((c) => c.body.includes("<!-- mine -->"));
    expect(mine?.map((c) => c.body)).toEqual(["<!-- mine -->\ntwo"]);
  });

  it("names the missing permission when the token may not write issues", async () => {
    api.readOnly = true;

    const attempt = syncIssues(client, repo, [leakOf("cd".repeat(16))], {
      labels: ["leakgate"],
      render: () => ({ title: "t", body: "b" }),
      reopenComment: () => "again",
      logger: quiet,
    });

    await expect(attempt).rejects.toBeInstanceOf(PermissionError);
    await expect(attempt).rejects.toMatchObject({ permission: "issues: write" });
  });
});
