import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUpstream, pullRequestPayload, shallowCheckout, widgetKey } from "./support/action-fixtures.js";
import { FakeGitHub } from "./support/fake-github.js";
import type { GitRepo } from "./support/git-repo.js";
import { commandAnnotations, runAction } from "./support/run-action.js";
import { sarifSchemaErrors } from "./support/sarif-schema.js";

describe("the Action on a pull request", () => {
  let api: FakeGitHub;
  let upstream: GitRepo;
  let base: string;
  let head: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    api = await FakeGitHub.start();
    upstream = makeUpstream();
    base = upstream.git("rev-parse", "HEAD").trim();
    upstream.git("checkout", "-q", "-b", "feature");
    secrets.push(widgetKey(), widgetKey());
    upstream.commit("Add the client", {
      "src/client.js": `const url = "https://widgets.example";\nconst key = "${secrets[0]}";\n`,
    });
    upstream.commit("Unrelated change", { "docs/notes.md": "nothing to see\n" });
    head = upstream.commit("Add the deploy config", {
      "deploy/config.yml": `region: eu\nretries: 3\napi_key: ${secrets[1]}\n`,
    });
  });

  afterAll(async () => {
    await api.close();
    upstream.remove();
  });

  it("annotates each finding on its line through a check run, writes valid SARIF and fails the job", async () => {
    const workspace = shallowCheckout(upstream, "feature");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "pull_request",
      payload: pullRequestPayload({ number: 7, base, head, commits: 3 }),
      apiUrl: api.url,
      sha: head,
    });

    expect(run.status).toBe(1);
    const [checkRun] = api.checkRuns;
    expect(checkRun?.head_sha).toBe(head);
    expect(checkRun?.conclusion).toBe("failure");
    expect(checkRun?.annotations.map((a) => [a.path, a.start_line, a.annotation_level]).sort()).toEqual([
      ["deploy/config.yml", 3, "failure"],
      ["src/client.js", 2, "failure"],
    ]);
    expect(sarifSchemaErrors(run.sarif)).toEqual([]);
    const results = (run.sarif as { runs: { results: { ruleId: string }[] }[] }).runs[0]?.results ?? [];
    expect(results.map((r) => r.ruleId)).toEqual(["widget-api-key", "widget-api-key"]);
    expect(run.outputs).toMatchObject({ findings: "2", "new-findings": "2", "issues-opened": "0" });
    expect(run.summary).toContain("src/client.js:2");
    expect(run.summary).toContain("3 commits");
    expect(run.masked.sort()).toEqual([...secrets].sort());
    for (const secret of secrets) {
      expect(run.everything).not.toContain(secret);
      expect(api.everythingSent()).not.toContain(secret);
    }
    workspace.remove();
  });

  it("degrades on a fork's read-only token: workflow-command annotations, summary and SARIF, and a warning naming the permission", async () => {
    api.readOnly = true;
    try {
      const workspace = shallowCheckout(upstream, "feature");
      const run = await runAction({
        workspace: workspace.dir,
        eventName: "pull_request",
        payload: pullRequestPayload({ number: 8, base, head, commits: 3, fork: true }),
        apiUrl: api.url,
        inputs: { issues: "true", comment: "true" },
        sha: head,
      });

      expect(run.status).toBe(1);
      expect(
        commandAnnotations(run.stdout)
          .map((a) => [a.level, a.file, a.line])
          .sort(),
      ).toEqual([
        ["error", "deploy/config.yml", 3],
        ["error", "src/client.js", 2],
      ]);
      expect(run.stdout).toMatch(/::warning::.*checks: write/);
      expect(run.stdout).toMatch(/::warning::.*issues: write/);
      expect(run.stdout).toMatch(/::warning::.*pull-requests: write/);
      expect(run.summary).toContain("deploy/config.yml:3");
      expect(sarifSchemaErrors(run.sarif)).toEqual([]);
      expect(run.stdout).toContain("found 2 findings at or above low");
      for (const secret of secrets) expect(run.everything).not.toContain(secret);
      workspace.remove();
    } finally {
      api.readOnly = false;
    }
  });

  it("fetches the head of a pull_request_target run, whose checkout is the base branch", async () => {
    const workspace = shallowCheckout(upstream, "main");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "pull_request_target",
      payload: pullRequestPayload({ number: 9, base, head, commits: 3, fork: true }),
      apiUrl: api.url,
      inputs: { annotations: "false" },
      sha: base,
    });
    workspace.remove();

    expect(run.outputs.findings).toBe("2");
    expect(run.summary).toContain("3 commits");
    expect(run.status).toBe(1);
  });

  it("says a secret is still at the head of a pull_request_target run, although the checkout is the base", async () => {
    const workspace = shallowCheckout(upstream, "main");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "pull_request_target",
      payload: pullRequestPayload({ number: 10, base, head, commits: 3, fork: true }),
      apiUrl: api.url,
      inputs: { annotations: "false", issues: "true" },
      sha: base,
    });
    workspace.remove();

    const issues = [...api.issues.values()].filter((issue) => !issue.pull_request);
    expect(issues.map((issue) => issue.title).sort()).toEqual([
      "Leaked secret: widget-api-key in deploy/config.yml",
      "Leaked secret: widget-api-key in src/client.js",
    ]);
    for (const issue of issues)
      expect(issue.body).toContain("| Still at `HEAD` | **yes**: it is still in the code |");
    expect(run.outputs["issues-opened"]).toBe("2");
    for (const secret of secrets) expect(api.everythingSent()).not.toContain(secret);
  });
});
