import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  json: unknown;
  authorization: string | undefined;
  status: number;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  /** Why a closed issue was closed: `completed` or `not_planned`. */
  state_reason?: "completed" | "not_planned" | "reopened" | null;
  labels: { name: string }[];
  comments: FakeComment[];
  pull_request?: { url: string };
}

export interface FakeComment {
  id: number;
  body: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  title: string;
  summary: string;
  annotations: Record<string, unknown>[];
  /** How many annotations each request carried. */
  batches: number[];
}

/** A failure the server answers instead of the real thing, `times` times, for requests that match. */
export interface Fault {
  method?: string;
  path: RegExp;
  /** `secondary-rate-limit`: 403 with GitHub's secondary-limit message and `retry-after: 1`. */
  kind: "rate-limit" | "secondary-rate-limit" | "not-found" | "server-error";
  times: number;
  /** Matching requests answered normally before the fault starts. */
  skip?: number;
}

/**
 * A GitHub REST API for tests, on 127.0.0.1 only: check runs, issues and comments, with pagination.
 * Records every request; can answer 403 rate-limit (primary or secondary), 404 and 500, or act as a
 * read-only (fork) token.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly issues = new Map<number, FakeIssue>();
  readonly checkRuns: FakeCheckRun[] = [];
  readonly faults: Fault[] = [];
  /** A fork's pull request: every write is 403 "Resource not accessible by integration". */
  readOnly = false;
  /** Called with each request before it is answered: to look at what the runner had written by then. */
  onRequest: ((request: RecordedRequest) => void) | undefined;
  private nextIssue = 1;
  private nextId = 1000;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeGitHub> {
    let fake: FakeGitHub | undefined;
    const server = createServer((request, response) => {
      fake?.handle(request, response).catch((error: Error) => {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ message: error.message }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeGitHub(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  fail(fault: Fault): void {
    this.faults.push(fault);
  }

  /** An issue as if a person (or an earlier version) had filed it. */
  addIssue(issue: Partial<FakeIssue> & { title: string; body: string }): FakeIssue {
    const created: FakeIssue = {
      number: this.nextIssue++,
      state: "open",
      labels: [],
      comments: [],
      ...issue,
    };
    this.issues.set(created.number, created);
    return created;
  }

  /** A comment on an issue or pull request, as if a person had written it. */
  addComment(number: number, body: string): FakeComment {
    const comment = { id: this.nextId++, body };
    (this.issues.get(number) ?? this.pullRequest(number)).comments.push(comment);
    return comment;
  }

  /** Every body the Action sent and every query string, to check that no secret left the runner. */
  everythingSent(): string {
    return this.requests.map((r) => `${r.method} ${r.path}?${r.query.toString()}\n${r.body}`).join("\n");
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", this.url);
    const method = request.method ?? "GET";
    const recorded: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body,
      json: body ? JSON.parse(body) : undefined,
      authorization: request.headers.authorization,
      status: 0,
    };
    this.requests.push(recorded);
    this.onRequest?.(recorded);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      recorded.status = status;
      response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      response.end(JSON.stringify(data));
    };
    const fault = this.faults.find(
      (f) => f.times > 0 && f.path.test(url.pathname) && (!f.method || f.method === method),
    );
    if (fault?.skip) fault.skip -= 1;
    else if (fault) {
      fault.times -= 1;
      if (fault.kind === "rate-limit") {
        return send(
          403,
          { message: "API rate limit exceeded for installation." },
          { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000)) },
        );
      }
      if (fault.kind === "secondary-rate-limit") {
        return send(
          403,
          {
            message:
              "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          },
          { "retry-after": "1" },
        );
      }
      if (fault.kind === "not-found") return send(404, { message: "Not Found" });
      return send(500, { message: "Server Error" });
    }
    if (this.readOnly && method !== "GET") {
      return send(403, { message: "Resource not accessible by integration" });
    }
    const match = /^\/repos\/[^/]+\/[^/]+\/(.*)$/.exec(url.pathname);
    if (!match?.[1]) return send(404, { message: "Not Found" });
    const route = `${method} ${match[1]}`;
    const input = (recorded.json ?? {}) as Record<string, unknown>;
    const idIn = (pattern: RegExp): number | undefined => {
      const match = pattern.exec(route);
      return match ? Number(match[1]) : undefined;
    };

    if (route === "POST check-runs") {
      const output = (input.output ?? {}) as Record<string, unknown>;
      const annotations = (output.annotations ?? []) as Record<string, unknown>[];
      const run: FakeCheckRun = {
        id: this.nextId++,
        name: String(input.name),
        head_sha: String(input.head_sha),
        status: String(input.status ?? "queued"),
        conclusion: (input.conclusion as string) ?? null,
        title: String(output.title ?? ""),
        summary: String(output.summary ?? ""),
        annotations: [...annotations],
        batches: [annotations.length],
      };
      if (annotations.length > 50)
        return send(422, { message: "Only 50 annotations are allowed per request" });
      this.checkRuns.push(run);
      return send(201, { id: run.id, html_url: `${this.url}/checks/${run.id}` });
    }
    const checkRunId = idIn(/^PATCH check-runs\/(\d+)$/);
    if (checkRunId !== undefined) {
      const run = this.checkRuns.find((r) => r.id === checkRunId);
      if (!run) return send(404, { message: "Not Found" });
      const output = (input.output ?? {}) as Record<string, unknown>;
      const annotations = (output.annotations ?? []) as Record<string, unknown>[];
      if (annotations.length > 50)
        return send(422, { message: "Only 50 annotations are allowed per request" });
      run.annotations.push(...annotations);
      run.batches.push(annotations.length);
      if (output.title !== undefined) run.title = String(output.title);
      if (output.summary !== undefined) run.summary = String(output.summary);
      if (input.status) run.status = String(input.status);
      if (input.conclusion) run.conclusion = String(input.conclusion);
      return send(200, { id: run.id });
    }
    if (route === "GET issues") {
      const state = url.searchParams.get("state") ?? "open";
      const label = url.searchParams.get("labels");
      const all = [...this.issues.values()]
        .filter((issue) => state === "all" || issue.state === state)
        .filter((issue) => !label || issue.labels.some((l) => l.name === label))
        .sort((a, b) => b.number - a.number);
      return this.sendPage(url, all.map(toIssueJson), send);
    }
    if (route === "POST issues") {
      const issue = this.addIssue({
        title: String(input.title),
        body: String(input.body ?? ""),
        labels: ((input.labels ?? []) as string[]).map((name) => ({ name })),
      });
      return send(201, toIssueJson(issue));
    }
    const patchIssue = idIn(/^PATCH issues\/(\d+)$/);
    if (patchIssue !== undefined) {
      const issue = this.issues.get(patchIssue);
      if (!issue) return send(404, { message: "Not Found" });
      if (input.title !== undefined) issue.title = String(input.title);
      if (input.body !== undefined) issue.body = String(input.body);
      if (input.state !== undefined) issue.state = input.state as FakeIssue["state"];
      if (input.state === "open" && issue.state_reason) issue.state_reason = "reopened";
      return send(200, toIssueJson(issue));
    }
    const listComments = idIn(/^GET issues\/(\d+)\/comments$/);
    if (listComments !== undefined) {
      const issue = this.issues.get(listComments) ?? this.pullRequest(listComments);
      return this.sendPage(url, issue.comments, send);
    }
    const postComment = idIn(/^POST issues\/(\d+)\/comments$/);
    if (postComment !== undefined) {
      const issue = this.issues.get(postComment) ?? this.pullRequest(postComment);
      const comment = { id: this.nextId++, body: String(input.body) };
      issue.comments.push(comment);
      return send(201, comment);
    }
    const commentId = idIn(/^PATCH issues\/comments\/(\d+)$/);
    if (commentId !== undefined) {
      const comment = [...this.issues.values()]
        .flatMap((issue) => issue.comments)
        .find((c) => c.id === commentId);
      if (!comment) return send(404, { message: "Not Found" });
      comment.body = String(input.body);
      return send(200, comment);
    }
    return send(404, { message: `Not Found: ${route}` });
  }

  /** Pull requests share the issues' number space and comments; one is made on first use. */
  private pullRequest(number: number): FakeIssue {
    const existing = this.issues.get(number);
    if (existing) return existing;
    const pr: FakeIssue = {
      number,
      title: `PR ${number}`,
      body: "",
      state: "open",
      labels: [],
      comments: [],
      pull_request: { url: `${this.url}/pulls/${number}` },
    };
    this.issues.set(number, pr);
    this.nextIssue = Math.max(this.nextIssue, number + 1);
    return pr;
  }

  /** GitHub's pagination: `per_page` (default 30), `page`, and a Link header to the next page. */
  private sendPage(
    url: URL,
    items: unknown[],
    send: (status: number, data: unknown, headers?: Record<string, string>) => void,
  ) {
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const page = Number(url.searchParams.get("page") ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url);
      next.searchParams.set("page", String(page + 1));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    send(200, slice, headers);
  }
}

function toIssueJson(issue: FakeIssue) {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.state_reason ?? null,
    labels: issue.labels,
    html_url: `https://github.com/o/r/issues/${issue.number}`,
    ...(issue.pull_request ? { pull_request: issue.pull_request } : {}),
  };
}
