import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUpstream, pullRequestPayload, shallowCheckout, widgetKey } from "./support/action-fixtures.js";
import { FakeGitHub } from "./support/fake-github.js";
import type { GitRepo } from "./support/git-repo.js";
import { commandAnnotations, runAction } from "./support/run-action.js";

describe("the Action on a large pull request", () => {
  let api: FakeGitHub;
  let upstream: GitRepo;
  let base: string;
  let head: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    api = await FakeGitHub.start();
    upstream = makeUpstream();
    // The base branch moves on after the pull request forks from it.
    const forkPoint = upstream.git("rev-parse", "HEAD").trim();
    upstream.commit("Main moves on", { "CHANGELOG.md": "## 1.1\n" });
    base = upstream.git("rev-parse", "HEAD").trim();
    upstream.git("checkout", "-q", "-b", "feature", forkPoint);
    for (let i = 1; i <= 100; i += 1) {
      const files: Record<string, string> = { [`src/module-${i}.js`]: `export const n = ${i};\n` };
      // A secret in each of 60 commits: more than the 10 workflow-command annotations a step may show.
      if (i % 5 !== 0 || i === 100) {
        const secret = widgetKey();
        secrets.push(secret);
        files[`src/module-${i}.js`] = `export const n = ${i};\nexport const key = "${secret}";\n`;
      }
      head = upstream.commit(`Commit ${i}`, files);
    }
  }, 120_000);

  afterAll(async () => {
    await api.close();
    upstream.remove();
  });

  it("scans every one of 100 commits from a depth-1 checkout and sends every annotation, 50 per request", async () => {
    const workspace = shallowCheckout(upstream, "feature");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "pull_request",
      payload: pullRequestPayload({ number: 3, base, head, commits: 100 }),
      apiUrl: api.url,
      sha: head,
    });
    workspace.remove();

    expect(run.status).toBe(1);
    expect(run.outputs.findings).toBe(String(secrets.length));
    expect(run.summary).toContain("100 commits");
    const [checkRun] = api.checkRuns;
    expect(checkRun?.batches.filter((n) => n > 0)).toEqual([50, 31]);
    const files = new Set(checkRun?.annotations.map((a) => a.path));
    expect(files.has("src/module-1.js")).toBe(true);
    expect(files.has("src/module-100.js")).toBe(true);
    expect(checkRun?.annotations.every((a) => a.start_line === 2)).toBe(true);
    expect(run.summary).not.toContain("could not be shown as annotations");
    for (const secret of secrets) expect(api.everythingSent()).not.toContain(secret);
  });

  it("shows 10 workflow-command annotations without checks permission, and the summary counts the rest", async () => {
    api.fail({ method: "POST", path: /\/check-runs$/, kind: "not-found", times: 1 });
    const workspace = shallowCheckout(upstream, "feature");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "pull_request",
      payload: pullRequestPayload({ number: 3, base, head, commits: 100 }),
      apiUrl: api.url,
      sha: head,
    });
    workspace.remove();

    expect(commandAnnotations(run.stdout)).toHaveLength(10);
    expect(run.summary).toContain(`${secrets.length - 10} findings could not be shown as annotations`);
    expect(run.stdout).toMatch(/::warning::.*checks: write/);
    for (const secret of secrets) expect(run.everything).not.toContain(secret);
  });
});
