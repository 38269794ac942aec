import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fullCheckout,
  makeUpstream,
  pushPayload,
  shallowCheckout,
  widgetKey,
} from "./support/action-fixtures.js";
import { FakeGitHub } from "./support/fake-github.js";
import type { GitRepo } from "./support/git-repo.js";
import { runAction } from "./support/run-action.js";

const ZERO = "0".repeat(40);

function sarifFiles(sarif: unknown): string[] {
  const results =
    (
      sarif as {
        runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      }
    ).runs[0]?.results ?? [];
  return results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri ?? "").sort();
}

describe("the Action on pushes", () => {
  let api: FakeGitHub;
  let upstream: GitRepo;

  beforeAll(async () => {
    api = await FakeGitHub.start();
    upstream = makeUpstream();
    upstream.commit("An old leak on main", { "legacy/settings.py": `KEY = "${widgetKey()}"\n` });
  });

  afterAll(async () => {
    await api.close();
    upstream.remove();
  });

  it("scans only the pushed commits of a push to an existing branch", async () => {
    upstream.git("checkout", "-q", "main");
    const before = upstream.git("rev-parse", "HEAD").trim();
    const after = upstream.commit("Add the mailer", { "src/mailer.js": `const key = "${widgetKey()}";\n` });
    const workspace = shallowCheckout(upstream, "main");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "push",
      payload: pushPayload({ ref: "refs/heads/main", before, after }),
      apiUrl: api.url,
      sha: after,
    });
    workspace.remove();

    expect(run.status).toBe(1);
    expect(sarifFiles(run.sarif)).toEqual(["src/mailer.js"]);
    expect(run.summary).toContain("1 commit,");
  });

  it("scans only the commits a new branch adds to the default branch", async () => {
    upstream.git("checkout", "-q", "-b", "topic", "main");
    upstream.commit("Topic work", { "src/topic.js": `const key = "${widgetKey()}";\n` });
    const after = upstream.commit("More topic work", { "src/more.js": "export {};\n" });
    const workspace = shallowCheckout(upstream, "topic");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "push",
      payload: pushPayload({ ref: "refs/heads/topic", before: ZERO, after }),
      apiUrl: api.url,
      sha: after,
    });
    workspace.remove();

    expect(sarifFiles(run.sarif)).toEqual(["src/topic.js"]);
    expect(run.summary).toContain("2 commits");
  });

  it("handles a force push whose previous head is gone by scanning what the default branch lacks", async () => {
    upstream.git("checkout", "-q", "-b", "rewrite", "main");
    const before = upstream.commit("First attempt", { "src/attempt.js": `const key = "${widgetKey()}";\n` });
    upstream.git("reset", "-q", "--hard", "main");
    const after = upstream.commit("Second attempt", { "src/second.js": `const key = "${widgetKey()}";\n` });
    upstream.git("reflog", "expire", "--expire=now", "--all");
    upstream.git("gc", "-q", "--prune=now");
    const workspace = shallowCheckout(upstream, "rewrite");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "push",
      payload: pushPayload({ ref: "refs/heads/rewrite", before, after, forced: true }),
      apiUrl: api.url,
      sha: after,
    });
    workspace.remove();

    expect(sarifFiles(run.sarif)).toEqual(["src/second.js"]);
    expect(run.summary).toContain("a force push?");
  });
});

describe("the Action on the first push of a repository", () => {
  it("scans every commit when the default branch itself is created", async () => {
    const api = await FakeGitHub.start();
    const upstream = makeUpstream();
    upstream.commit("Leak", { "app/settings.py": `KEY = "${widgetKey()}"\n` });
    const after = upstream.commit("Tidy", { "app/__init__.py": "" });
    const workspace = shallowCheckout(upstream, "main");
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "push",
      payload: pushPayload({ ref: "refs/heads/main", before: ZERO, after }),
      apiUrl: api.url,
      inputs: { annotations: "false" },
      sha: after,
    });
    workspace.remove();
    upstream.remove();
    await api.close();

    expect(sarifFiles(run.sarif)).toEqual(["app/settings.py"]);
    expect(run.summary).toContain("3 commits");
  });
});

describe("the Action on a schedule", () => {
  let api: FakeGitHub;
  let upstream: GitRepo;
  let stateDir: string;

  beforeAll(async () => {
    api = await FakeGitHub.start();
    upstream = makeUpstream();
    upstream.commit("Leak", { "config/app.env.js": `module.exports = { key: "${widgetKey()}" };\n` });
    upstream.commit("Remove the leak", { "config/app.env.js": "module.exports = {};\n" });
    stateDir = mkdtempSync(join(tmpdir(), "leakgate-state-"));
  });

  afterAll(async () => {
    await api.close();
    upstream.remove();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const scheduled = async (env: NodeJS.ProcessEnv, inputs: Record<string, string> = {}) => {
    const workspace = fullCheckout(upstream);
    try {
      return await runAction({
        workspace: workspace.dir,
        eventName: "schedule",
        payload: { schedule: "0 3 * * *" },
        apiUrl: api.url,
        env,
        inputs: { issues: "true", ...inputs },
        sha: workspace.git("rev-parse", "HEAD").trim(),
      });
    } finally {
      workspace.remove();
    }
  };

  it("scans the whole history the first time and files an issue saying the secret is only in the history", async () => {
    const run = await scheduled({ LEAKGATE_STATE_DIR: stateDir });

    expect(run.status).toBe(1);
    expect(sarifFiles(run.sarif)).toEqual(["config/app.env.js"]);
    expect(run.summary).toContain("full history");
    expect(run.outputs["new-findings"]).toBe("1");
    const [issue] = [...api.issues.values()];
    expect(issue?.body).toContain("no: it is only in the history");
    expect(existsSync(join(stateDir, "leakgate-history-state.json"))).toBe(true);
  });

  it("scans only the new commits on the next run, from the saved state", async () => {
    upstream.commit("Another leak", { "scripts/deploy.sh": `export WIDGET_KEY=${widgetKey()}\n` });

    const run = await scheduled({ LEAKGATE_STATE_DIR: stateDir });

    expect(sarifFiles(run.sarif)).toEqual(["scripts/deploy.sh"]);
    expect(run.summary).toContain("history since the last scan");
    expect(run.summary).toContain("1 commit,");
    expect(run.outputs["issues-opened"]).toBe("1");
    const state = JSON.parse(readFileSync(join(stateDir, "leakgate-history-state.json"), "utf8"));
    expect(Object.keys(state.reported)).toHaveLength(2);
  });

  it("scans the whole history with a warning when the Actions cache service is not there", async () => {
    const run = await scheduled({}, { "fail-on": "critical" });

    expect(run.stdout).toMatch(/::warning::leakgate: the Actions cache service is not available/);
    expect(sarifFiles(run.sarif)).toEqual(["config/app.env.js", "scripts/deploy.sh"]);
    expect(run.status).toBe(0);
    expect(run.outputs.findings).toBe("2");
  });

  it("says in the summary that a shallow checkout cut the history", async () => {
    const workspace = shallowCheckout(upstream, "main", 2);
    const run = await runAction({
      workspace: workspace.dir,
      eventName: "workflow_dispatch",
      payload: {},
      apiUrl: api.url,
      inputs: { annotations: "false" },
      sha: workspace.git("rev-parse", "HEAD").trim(),
    });
    workspace.remove();

    expect(run.summary).toContain("the history was cut by a shallow clone");
    expect(run.summary).toContain("set `fetch-depth: 0`");
    expect(sarifFiles(run.sarif)).toEqual(["scripts/deploy.sh"]);
  });
});
