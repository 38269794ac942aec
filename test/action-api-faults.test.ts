import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUpstream, pullRequestPayload, shallowCheckout, widgetKey } from "./support/action-fixtures.js";
import { FakeGitHub } from "./support/fake-github.js";
import type { GitRepo } from "./support/git-repo.js";
import { runAction } from "./support/run-action.js";
import { sarifSchemaErrors } from "./support/sarif-schema.js";

describe("the Action when the GitHub API misbehaves", () => {
  let api: FakeGitHub;
  let upstream: GitRepo;
  let base: string;
  let head: string;
  let secret: string;

  beforeAll(async () => {
    upstream = makeUpstream();
    base = upstream.git("rev-parse", "HEAD").trim();
    upstream.git("checkout", "-q", "-b", "feature");
    secret = widgetKey();
    head = upstream.commit("Add the client", { "src/client.js": `export const key = "${secret}";\n` });
  });

  afterAll(() => upstream.remove());

  const run = async (inputs: Record<string, string>) => {
    const workspace = shallowCheckout(upstream, "feature");
    try {
      return await runAction({
        workspace: workspace.dir,
        eventName: "pull_request",
        payload: pullRequestPayload({ number: 5, base, head, commits: 1 }),
        apiUrl: api.url,
        inputs,
        sha: head,
      });
    } finally {
      workspace.remove();
    }
  };

  it("waits out a rate limit and retries a 500, then opens the issue", async () => {
    api = await FakeGitHub.start();
    api.fail({ method: "GET", path: /\/issues$/, kind: "rate-limit", times: 1 });
    api.fail({ method: "POST", path: /\/issues$/, kind: "server-error", times: 1 });

    const result = await run({ issues: "true" });
    await api.close();

    const statuses = api.requests
      .filter((r) => /\/issues$/.test(r.path))
      .map((r) => `${r.method} ${r.status}`);
    expect(statuses).toEqual(["GET 403", "GET 200", "POST 500", "POST 201"]);
    expect(result.outputs["issues-opened"]).toBe("1");
    expect(result.stdout).not.toMatch(/::warning::leakgate (skipped|could not)/);
    expect(api.everythingSent()).not.toContain(secret);
  });

  it("keeps the SARIF file, the summary and the outputs when the API fails after the scan", async () => {
    api = await FakeGitHub.start();
    api.fail({ path: /\/issues$/, kind: "not-found", times: 5 });

    const result = await run({ issues: "true", sarif: "reports/leaks.sarif" });
    await api.close();

    expect(result.status).toBe(1);
    expect(sarifSchemaErrors(result.sarif)).toEqual([]);
    expect(result.outputs.sarif).toMatch(/reports\/leaks\.sarif$/);
    expect(result.outputs.findings).toBe("1");
    expect(result.summary).toContain("src/client.js:1");
    expect(result.summary).toContain("issues: read");
    expect(result.stdout).toMatch(/::warning::leakgate skipped opening remediation issues/);
    expect(result.everything).not.toContain(secret);
  });
});
