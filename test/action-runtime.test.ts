import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeUpstream,
  pullRequestPayload,
  shallowCheckout,
  WIDGET_RULES,
  widgetKey,
} from "./support/action-fixtures.js";
import { FakeGitHub } from "./support/fake-github.js";
import { GitRepo } from "./support/git-repo.js";
import { runAction } from "./support/run-action.js";
import { runCli } from "./support/run-cli.js";

describe("the Action's runtime", () => {
  let api: FakeGitHub;
  let upstream: GitRepo;
  let base: string;
  let head: string;

  beforeAll(async () => {
    api = await FakeGitHub.start();
    upstream = makeUpstream();
    base = upstream.git("rev-parse", "HEAD").trim();
    upstream.git("checkout", "-q", "-b", "feature");
    upstream.commit("Add the client", { "src/client.js": `export const key = "${widgetKey()}";\n` });
    head = upstream.commit("Tidy", { "src/tidy.js": "export {};\n" });
  });

  afterAll(async () => {
    await api.close();
    upstream.remove();
  });

  const onPullRequest = async (
    options: { env?: NodeJS.ProcessEnv; inputs?: Record<string, string> } = {},
  ) => {
    const workspace = shallowCheckout(upstream, "feature");
    try {
      return await runAction({
        workspace: workspace.dir,
        eventName: "pull_request",
        payload: pullRequestPayload({ number: 9, base, head, commits: 2 }),
        apiUrl: api.url,
        sha: head,
        ...options,
      });
    } finally {
      workspace.remove();
    }
  };

  it("uses the RE2 binding shipped in dist/ under Node 24 on Linux x64, without a warning", async () => {
    const run = await onPullRequest({ inputs: { annotations: "false" } });

    expect(run.stdout).toContain("(regex engine: re2)");
    expect(run.stdout).not.toContain("JavaScript regular expressions");
    expect(run.outputs.findings).toBe("1");
  });

  it("falls back to JavaScript regular expressions with a warning when no binding loads, and finds the same", async () => {
    const run = await onPullRequest({
      env: { LEAKGATE_RE2_BINDING: "/nonexistent/re2.node" },
      inputs: { annotations: "false" },
    });

    expect(run.stdout).toMatch(/::warning::leakgate: the RE2 binding could not be loaded for Node v24/);
    expect(run.summary).toContain("RE2 is not available on this runner");
    expect(run.stdout).toContain("(regex engine: javascript)");
    expect(run.outputs.findings).toBe("1");
    expect(run.status).toBe(1);
  });

  it("passes with exit status 0 when nothing is at or above fail-on", async () => {
    const run = await onPullRequest({ inputs: { "fail-on": "critical", annotations: "false" } });

    expect(run.status).toBe(0);
    expect(run.outputs.findings).toBe("1");
    expect(run.summary).toContain("None at or above `critical`");
  });

  it("fails with a message naming the input when an input is wrong", async () => {
    const run = await onPullRequest({ inputs: { "fail-on": "severe" } });

    expect(run.status).toBe(1);
    expect(run.stdout).toContain("input `fail-on` expects one of info, low, medium, high, critical");
    expect(run.stdout).toContain('received "severe"');
  });

  it("fails naming fetch-depth when a shallow checkout cannot fetch the pull request's base", async () => {
    const workspace = shallowCheckout(upstream, "feature");
    workspace.git("remote", "remove", "origin");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "pull_request",
      payload: pullRequestPayload({ number: 9, base, head, commits: 2 }),
      apiUrl: api.url,
      sha: head,
    });
    workspace.remove();

    expect(run.status).toBe(1);
    expect(run.stdout).toContain("fetch-depth: 0");
  });

  it("scans the files of the checkout with mode scan", async () => {
    const workspace = shallowCheckout(upstream, "feature");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "workflow_dispatch",
      payload: {},
      apiUrl: api.url,
      inputs: { mode: "scan", annotations: "false" },
      sha: head,
    });
    workspace.remove();

    expect(run.outputs.findings).toBe("1");
    expect(run.summary).toContain("the files of the checkout");
    expect(run.status).toBe(1);
  });

  it("adds the rotation policy's findings with rotation: true", async () => {
    const repo = GitRepo.init();
    repo.commit("Policy", {
      ".leakgate.yml": `${WIDGET_RULES}rotation:\n  secrets:\n    - name: WIDGET_API_KEY\n      rotate_every: 30 days\n      last_rotated: 2020-01-01\n`,
      ".env.example": "WIDGET_API_KEY=\n",
    });
    const run = await runAction({
      workspace: repo.dir,
      eventName: "workflow_dispatch",
      payload: {},
      apiUrl: api.url,
      inputs: { mode: "scan", rotation: "true", annotations: "false" },
    });
    repo.remove();

    const results = (run.sarif as { runs: { results: { ruleId: string }[] }[] }).runs[0]?.results ?? [];
    expect(results.map((r) => r.ruleId)).toContain("rotation-overdue");
    expect(run.summary).toContain("rotation-overdue");
  });

  it("accepts the findings of the repository's baseline, written by leakgate baseline", async () => {
    const project = makeUpstream();
    const start = project.git("rev-parse", "HEAD").trim();
    project.git("checkout", "-q", "-b", "feature");
    project.commit("Accepted test key", { "test/fixture.js": `const key = "${widgetKey()}";\n` });
    const accept = runCli(["baseline", "--reason", "test fixture"], { cwd: project.dir });
    expect(accept.status).toBe(0);
    const tip = project.commit("Accept it, and add a real leak", {
      "src/real.js": `const key = "${widgetKey()}";\n`,
    });
    const workspace = shallowCheckout(project, "feature");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "pull_request",
      payload: pullRequestPayload({ number: 11, base: start, head: tip, commits: 2 }),
      apiUrl: api.url,
      inputs: { annotations: "false" },
      sha: tip,
    });
    workspace.remove();
    project.remove();

    expect(run.outputs.findings).toBe("1");
    expect(run.summary).toContain("src/real.js:1");
    expect(run.summary).toContain("1 accepted by the baseline");
  });

  it("completes a successful check run on a clean pull request, and stays quiet about checks on a read-only token", async () => {
    const project = makeUpstream();
    const start = project.git("rev-parse", "HEAD").trim();
    project.git("checkout", "-q", "-b", "feature");
    const tip = project.commit("Clean work", { "src/clean.js": "export const answer = 42;\n" });
    const onClean = async () => {
      const workspace = shallowCheckout(project, "feature");
      try {
        return await runAction({
          workspace: workspace.dir,
          eventName: "pull_request",
          payload: pullRequestPayload({ number: 21, base: start, head: tip, commits: 1 }),
          apiUrl: api.url,
          sha: tip,
        });
      } finally {
        workspace.remove();
      }
    };

    const clean = await onClean();
    api.readOnly = true;
    const forked = await onClean().finally(() => {
      api.readOnly = false;
    });
    project.remove();

    expect(clean.status).toBe(0);
    expect(clean.outputs.findings).toBe("0");
    const run = api.checkRuns.find((r) => r.head_sha === tip);
    expect(run).toMatchObject({ conclusion: "success", title: "No secrets found", annotations: [] });
    expect(forked.status).toBe(0);
    expect(forked.stdout).not.toContain("::warning::");
  });
});
