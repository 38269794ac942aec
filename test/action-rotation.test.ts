import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullRequestPayload, shallowCheckout, WIDGET_RULES } from "./support/action-fixtures.js";
import { FakeGitHub } from "./support/fake-github.js";
import { randomToken } from "./support/fake-secrets.js";
import { GitRepo } from "./support/git-repo.js";
import { runAction } from "./support/run-action.js";

const CONFIG = `${WIDGET_RULES}rotation:
  secrets:
    - name: MAIL_PASSWORD
      rotate_every: 30d
      last_rotated: 2025-01-10
      owner: "@backend"
`;

describe("the Action with rotation: true", () => {
  let api: FakeGitHub;
  let upstream: GitRepo;
  let base: string;
  let head: string;
  let password: string;

  beforeAll(async () => {
    api = await FakeGitHub.start();
    upstream = GitRepo.init();
    upstream.commit("Start the project", { ".leakgate.yml": CONFIG, ".env.example": "MAIL_PASSWORD=\n" });
    base = upstream.git("rev-parse", "HEAD").trim();
    upstream.git("checkout", "-q", "-b", "feature");
    password = randomToken(24);
    head = upstream.commit("Configure mail", { "config/mail.properties": `MAIL_PASSWORD=${password}\n` });
  });

  afterAll(async () => {
    await api.close();
    upstream.remove();
  });

  const runOnPullRequest = async () => {
    const workspace = shallowCheckout(upstream, "feature");
    try {
      return await runAction({
        workspace: workspace.dir,
        eventName: "pull_request",
        payload: pullRequestPayload({ number: 3, base, head, commits: 1 }),
        apiUrl: api.url,
        inputs: { issues: "true", rotation: "true" },
        sha: head,
      });
    } finally {
      workspace.remove();
    }
  };

  it("opens one issue per rotation finding, and a second run opens none", async () => {
    const first = await runOnPullRequest();
    const second = await runOnPullRequest();

    const issues = [...api.issues.values()].filter((issue) => !issue.pull_request);
    expect(issues.map((issue) => issue.title)).toEqual([
      "Leaked secret: generic-password-unquoted in config/mail.properties",
      "MAIL_PASSWORD: Secret rotation is overdue",
      "MAIL_PASSWORD: Secret committed to git after its last rotation",
    ]);
    const [, overdue, leaked] = issues;
    expect(overdue?.body).toMatch(/^<!-- leakgate:fingerprint=[0-9a-f]{32} -->\n/);
    expect(overdue?.body).toContain("MAIL\\_PASSWORD was due 2025-02-09");
    expect(overdue?.body).toContain("| Secret | `MAIL_PASSWORD` |");
    expect(overdue?.body).toContain("- [ ] Record the rotation date in the rotation policy");
    expect(leaked?.body).toContain("| Committed value (masked) | `");
    expect(leaked?.body).toContain(
      "- [ ] Rotate the secret now: the value in git stays readable whatever its schedule.",
    );
    expect(first.outputs["issues-opened"]).toBe("3");
    expect(second.outputs["issues-opened"]).toBe("0");
    expect(first.summary).toContain("`rotation-overdue` (high)");
    expect(issues.map((issue) => issue.labels.map((l) => l.name))).toEqual(
      Array(3).fill(["leakgate", "security"]),
    );
    expect(api.everythingSent()).not.toContain(password);
    expect(first.everything).not.toContain(password);
  });
});
