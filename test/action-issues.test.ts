import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUpstream, pullRequestPayload, shallowCheckout, widgetKey } from "./support/action-fixtures.js";
import { FakeGitHub } from "./support/fake-github.js";
import type { GitRepo } from "./support/git-repo.js";
import { runAction } from "./support/run-action.js";

describe("the Action's remediation issues and pull request comment", () => {
  let api: FakeGitHub;
  let upstream: GitRepo;
  let base: string;
  let head: string;
  let secret: string;

  beforeAll(async () => {
    api = await FakeGitHub.start();
    upstream = makeUpstream();
    base = upstream.git("rev-parse", "HEAD").trim();
    upstream.git("checkout", "-q", "-b", "feature");
    secret = widgetKey();
    upstream.commit("Add the client", { "src/client.js": `export const key = "${secret}";\n` });
    head = upstream.commit("Copy it to the worker", {
      "src/worker.js": `// the worker\nconst key = "${secret}";\n`,
    });
  });

  afterAll(async () => {
    await api.close();
    upstream.remove();
  });

  const runOnPullRequest = async (env: NodeJS.ProcessEnv = {}) => {
    const workspace = shallowCheckout(upstream, "feature");
    try {
      return await runAction({
        workspace: workspace.dir,
        eventName: "pull_request",
        payload: pullRequestPayload({ number: 12, base, head, commits: 2 }),
        apiUrl: api.url,
        inputs: { issues: "true", comment: "true", "issue-labels": "leakgate, security, secrets" },
        env,
        sha: head,
      });
    } finally {
      workspace.remove();
    }
  };

  it("opens one issue per leaked secret, and a second run updates it instead of opening another", async () => {
    const first = await runOnPullRequest();
    const second = await runOnPullRequest();

    const issues = [...api.issues.values()].filter((issue) => !issue.pull_request);
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue?.title).toBe("Leaked secret: widget-api-key in src/client.js");
    expect(issue?.labels.map((l) => l.name)).toEqual(["leakgate", "security", "secrets"]);
    expect(issue?.body).toMatch(/<!-- leakgate:fingerprint=[0-9a-f]{32} -->/);
    expect(issue?.body).toContain("`wgt_********`");
    expect(issue?.body).toContain("src/client.js:1");
    expect(issue?.body).toContain("src/worker.js:2");
    expect(issue?.body).toContain("**yes**: it is still in the code");
    expect(issue?.body).toContain("Revoke it at https://widgets.example/keys");
    expect(issue?.body).toContain("- [ ] Record the rotation date in the rotation policy");
    expect(first.outputs["issues-opened"]).toBe("1");
    expect(second.outputs["issues-opened"]).toBe("0");
    expect(first.outputs.findings).toBe("2");
    expect(api.everythingSent()).not.toContain(secret);
  });

  it("keeps one comment on the pull request and edits it in place", () => {
    const pr = api.issues.get(12);
    expect(pr?.comments).toHaveLength(1);
    expect(pr?.comments[0]?.body).toContain("<!-- leakgate:pr-comment -->");
    expect(pr?.comments[0]?.body).toContain("**1 secret** found in 2 commits");
    expect(pr?.comments[0]?.body).toMatch(/\| #\d+ \|/);
    expect(pr?.comments[0]?.body).not.toContain(secret);
  });

  it("reopens a closed issue with a comment when its secret is found again", async () => {
    const [issue] = [...api.issues.values()].filter((i) => !i.pull_request);
    if (!issue) throw new Error("no issue");
    issue.state = "closed";

    const run = await runOnPullRequest();

    expect(issue.state).toBe("open");
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]?.body).toContain("leakgate found this secret again");
    expect([...api.issues.values()].filter((i) => !i.pull_request)).toHaveLength(1);
    expect(run.outputs["issues-opened"]).toBe("0");
    expect(api.everythingSent()).not.toContain(secret);
  });

  it("does not edit an issue when only the run link in its body would change", async () => {
    const before = api.requests.length;

    const run = await runOnPullRequest({ GITHUB_RUN_ID: "4343" });

    const patches = api.requests
      .slice(before)
      .filter((r) => r.method === "PATCH" && /\/issues\/\d+$/.test(r.path));
    expect(patches).toEqual([]);
    expect(run.outputs["issues-opened"]).toBe("0");
  });

  it("leaves an issue closed as not planned closed, without a comment", async () => {
    const [issue] = [...api.issues.values()].filter((i) => !i.pull_request);
    if (!issue) throw new Error("no issue");
    issue.state = "closed";
    issue.state_reason = "not_planned";
    const comments = issue.comments.length;
    const before = api.requests.length;

    const run = await runOnPullRequest();

    expect(issue.state).toBe("closed");
    expect(issue.comments).toHaveLength(comments);
    const writes = api.requests
      .slice(before)
      .filter(
        (r) =>
          r.method !== "GET" &&
          /\/issues\/\d+(\/comments)?$/.test(r.path) &&
          !r.path.endsWith("/12/comments"),
      );
    expect(writes).toEqual([]);
    expect([...api.issues.values()].filter((i) => !i.pull_request)).toHaveLength(1);
    expect(run.outputs["issues-opened"]).toBe("0");
  });

  it("reuses an issue that an overlapping run opened after the first listing", async () => {
    const [issue] = [...api.issues.values()].filter((i) => !i.pull_request);
    if (!issue) throw new Error("no issue");
    // This run's first listing misses it (as if it did not exist yet); the overlapping run's copy appears right after.
    api.issues.delete(issue.number);
    let listings = 0;
    const before = api.requests.length;
    api.onRequest = (request) => {
      if (request.method === "GET" && /\/issues$/.test(request.path) && ++listings === 2) {
        api.issues.set(issue.number, { ...issue, state: "open", state_reason: null });
      }
    };

    const run = await runOnPullRequest();
    api.onRequest = undefined;

    expect(listings).toBe(2);
    expect(api.requests.slice(before).filter((r) => r.method === "POST" && /\/issues$/.test(r.path))).toEqual(
      [],
    );
    expect([...api.issues.values()].filter((i) => !i.pull_request)).toHaveLength(1);
    expect(run.outputs["issues-opened"]).toBe("0");
  });
});
