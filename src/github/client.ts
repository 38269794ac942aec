import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";

/** What src/github/ reports through; the Action passes @actions/core's functions. Never handed a secret. */
export interface ApiLogger {
  info(message: string): void;
  warning(message: string): void;
}

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL: api.github.com, a GitHub Enterprise Server, or a test server. */
  baseUrl: string;
  logger: ApiLogger;
  /** How many times a rate-limited request is retried after waiting for the reset. */
  rateLimitRetries?: number;
}

/**
 * Octokit built once, with throttling (waits for the rate-limit reset, then retries) and retry (5xx and
 * network errors, with backoff). Everything in src/github/ takes this client.
 */
export function createClient(options: ClientOptions): GitHubClient {
  const retries = options.rateLimitRetries ?? 2;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= retries) {
        options.logger.warning(`GitHub API ${kind} on ${request.method} ${request.url}: giving up`);
        return false;
      }
      options.logger.info(
        `GitHub API ${kind} on ${request.method} ${request.url}: retrying in ${retryAfter} s`,
      );
      return true;
    };
  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl,
      throttle: { onRateLimit: onLimit("rate limit"), onSecondaryRateLimit: onLimit("secondary rate limit") },
      retry: { retries: 3 },
    },
    throttling,
    retry,
  );
}

/** The HTTP status of an Octokit error, if it is one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * A token without the permission gets 403 "Resource not accessible by integration" (and a fork's
 * pull request always has a read-only token); 404 when it cannot even see the resource.
 */
export function isPermissionError(error: unknown): boolean {
  const status = statusOf(error);
  return status === 403 || status === 404;
}

/** Thrown by src/github/ functions when the token lacks a permission; names it for the warning. */
export class PermissionError extends Error {
  override name = "PermissionError";
  constructor(
    readonly permission: string,
    readonly what: string,
    cause: unknown,
  ) {
    super(
      `${what} needs the \`${permission}\` permission, which this token does not have (${(cause as Error).message})`,
    );
  }
}

/** Runs one API call; a permission failure becomes a PermissionError naming `permission`. */
export async function withPermission<T>(
  permission: string,
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isPermissionError(error) && !isRateLimited(error)) throw new PermissionError(permission, what, error);
    throw error;
  }
}

/**
 * A 403 that is a rate limit, not a missing permission: the primary limit (`x-ratelimit-remaining: 0`)
 * or a secondary limit (its message says so, or the response carries `retry-after`).
 */
export function isRateLimited(error: unknown): boolean {
  const response = (error as { response?: { headers?: Record<string, string>; data?: unknown } } | null)
    ?.response;
  const headers = response?.headers ?? {};
  if (headers["x-ratelimit-remaining"] === "0" || headers["retry-after"] !== undefined) return true;
  const data = response?.data as { message?: unknown } | undefined;
  const message = `${typeof data?.message === "string" ? data.message : ""} ${(error as Error | null)?.message ?? ""}`;
  return /secondary rate limit/i.test(message);
}

export interface RepoRef {
  owner: string;
  repo: string;
}
