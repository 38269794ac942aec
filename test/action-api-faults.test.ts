import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  const run = async (inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) => {
    const workspace = shallowCheckout(upstream, "feature");
    try {
      return await runAction({
        workspace: workspace.dir,
        eventName: "pull_request",
        payload: pullRequestPayload({ number: 5, base, head, commits: 1 }),
        apiUrl: api.url,
        inputs,
        env,
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
    // The second GET lists once more right before creating, in case an overlapping run just opened it.
    expect(statuses).toEqual(["GET 403", "GET 200", "GET 200", "POST 500", "POST 201"]);
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

  it("completes the check run when adding its annotations fails, and shows them as workflow commands", async () => {
    api = await FakeGitHub.start();
    api.fail({ method: "PATCH", path: /\/check-runs\/\d+$/, kind: "not-found", times: 1 });

    const result = await run({});
    await api.close();

    expect(api.checkRuns).toHaveLength(1);
    const [checkRun] = api.checkRuns;
    expect(checkRun?.status).toBe("completed");
    expect(checkRun?.conclusion).toBe("failure");
    expect(checkRun?.summary).toContain("they were shown as workflow annotations of the job instead");
    expect(api.requests.filter((r) => r.method === "PATCH").map((r) => r.status)).toEqual([404, 200]);
    expect(result.stdout).toMatch(
      /^::error title=leakgate%3A widget-api-key \(high\),file=src\/client\.js,line=1,/m,
    );
    expect(result.stdout).toMatch(/::warning::leakgate could not finish annotating through a check run/);
    expect(result.everything).not.toContain(secret);
  });

  it("writes the job summary before the first API call, and appends what the API steps could not do", async () => {
    api = await FakeGitHub.start();
    api.fail({ path: /\/issues$/, kind: "not-found", times: 5 });
    const temp = mkdtempSync(join(tmpdir(), "leakgate-summary-"));
    const summaryFile = join(temp, "summary.md");
    writeFileSync(summaryFile, "");
    let atFirstCall: string | undefined;
    api.onRequest = () => {
      atFirstCall ??= readFileSync(summaryFile, "utf8");
    };

    const result = await run({ issues: "true" }, { GITHUB_STEP_SUMMARY: summaryFile });
    await api.close();
    const summary = readFileSync(summaryFile, "utf8");
    rmSync(temp, { recursive: true, force: true });

    expect(result.status).toBe(1);
    expect(atFirstCall).toContain("src/client.js:1");
    expect(atFirstCall).not.toContain("issues: read");
    expect(summary.startsWith(atFirstCall ?? "?")).toBe(true);
    expect(summary.slice(atFirstCall?.length)).toBe(
      "\n> [!WARNING]\n> leakgate skipped opening remediation issues: the token lacks `issues: read` (add `issues: read` to the job's `permissions:`; a pull request from a fork always gets a read-only token).\n",
    );
    expect(summary).not.toContain(secret);
  });

  it("waits out a secondary rate limit and opens the issue", async () => {
    api = await FakeGitHub.start();
    api.fail({ method: "POST", path: /\/issues$/, kind: "secondary-rate-limit", times: 1 });

    const result = await run({ issues: "true" });
    await api.close();

    const posts = api.requests.filter((r) => r.method === "POST" && /\/issues$/.test(r.path));
    expect(posts.map((r) => r.status)).toEqual([403, 201]);
    expect(result.outputs["issues-opened"]).toBe("1");
    expect(result.stdout).not.toMatch(/::warning::leakgate (skipped|could not)/);
  });

  it("reports a secondary rate limit that outlasts the retries as a rate limit, not a missing permission", async () => {
    api = await FakeGitHub.start();
    api.fail({ method: "POST", path: /\/issues$/, kind: "secondary-rate-limit", times: 10 });

    const result = await run({ issues: "true" });
    await api.close();

    expect(result.outputs["issues-opened"]).toBe("0");
    expect(result.stdout).toContain(
      "::warning::leakgate could not finish opening remediation issues: GitHub's rate limit (secondary limits included) still refused the request after retrying.",
    );
    expect(result.stdout).not.toContain("the token lacks");
    expect(result.summary).toContain("GitHub's rate limit (secondary limits included)");
  });
});

describe("the Action when opening issues fails part way", () => {
  it("counts the issues it did open, and links them from the pull request comment", async () => {
    const upstream = makeUpstream();
    const api = await FakeGitHub.start();
    const base = upstream.git("rev-parse", "HEAD").trim();
    upstream.git("checkout", "-q", "-b", "feature");
    const secrets = [widgetKey(), widgetKey()];
    const head = upstream.commit("Add two clients", {
      "src/a.js": `export const key = "${secrets[0]}";\n`,
      "src/b.js": `export const key = "${secrets[1]}";\n`,
    });
    const workspace = shallowCheckout(upstream, "feature");
    // The first issue is created; the second create fails.
    api.fail({ method: "POST", path: /\/issues$/, kind: "not-found", times: 1, skip: 1 });
    try {
      const result = await runAction({
        workspace: workspace.dir,
        eventName: "pull_request",
        payload: pullRequestPayload({ number: 7, base, head, commits: 1 }),
        apiUrl: api.url,
        inputs: { issues: "true", comment: "true" },
        sha: head,
      });

      const issues = [...api.issues.values()].filter((issue) => !issue.pull_request);
      expect(issues.map((issue) => issue.title)).toEqual(["Leaked secret: widget-api-key in src/a.js"]);
      expect(result.outputs["issues-opened"]).toBe("1");
      expect(result.stdout).toMatch(
        /::warning::leakgate skipped opening remediation issues: the token lacks `issues: write`/,
      );
      const comment = api.issues.get(7)?.comments[0]?.body ?? "";
      expect(comment).toContain(`| #${issues[0]?.number} |`);
      for (const secret of secrets) expect(api.everythingSent()).not.toContain(secret);
    } finally {
      await api.close();
      workspace.remove();
      upstream.remove();
    }
  });
});
