import { readFileSync } from "node:fs";
import * as core from "@actions/core";
import { createClient } from "../github/client.js";
import type { Annotation } from "../report/annotations.js";
import type { GitHubTarget, Publisher } from "./publish.js";
import type { Settings } from "./settings.js";
import { ActionsCacheStateStore, FolderStateStore, type StateStore } from "./state-store.js";

/** What the runner gives an action, read from its environment; the rest of src/action/ uses these. */

export const logger = { info: core.info, warning: core.warning };

export const publisher: Publisher = { logger, command: emitCommand };

/** Registers each raw secret with the runner's log masking once, however many times the scans meet it. */
export function maskOnce(): (secret: string) => void {
  const seen = new Set<string>();
  return (secret) => {
    if (seen.has(secret)) return;
    seen.add(secret);
    core.setSecret(secret);
    // The runner masks line by line: a multi-line secret (a private key) is registered line by line too.
    for (const line of secret.split(/\r?\n/)) {
      if (line.trim().length >= 8 && line !== secret) core.setSecret(line.trim());
    }
  };
}

export function readPayload(path: string | undefined): Record<string, never> {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return {};
  }
}

/** The Actions cache on GitHub; `LEAKGATE_STATE_DIR` (a persistent folder) on a self-hosted runner. */
export function chooseStateStore(env: NodeJS.ProcessEnv): StateStore | undefined {
  if (env.LEAKGATE_STATE_DIR) return new FolderStateStore(env.LEAKGATE_STATE_DIR);
  if (ActionsCacheStateStore.available()) {
    return new ActionsCacheStateStore(
      env.RUNNER_TEMP ?? "/tmp",
      env.GITHUB_REPOSITORY ?? "repo",
      env.GITHUB_RUN_ID ?? String(Date.now()),
    );
  }
  core.warning(
    "leakgate: the Actions cache service is not available: the whole history is scanned, and nothing is kept for the next run",
  );
  return undefined;
}

export function githubTarget(settings: Settings, env: NodeJS.ProcessEnv): GitHubTarget {
  const [owner = "", repo = ""] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const server = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/$/, "");
  const repoUrl = `${server}/${owner}/${repo}`;
  const runUrl = env.GITHUB_RUN_ID ? `${repoUrl}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const client =
    settings.token && owner && repo
      ? createClient({
          token: settings.token,
          baseUrl: env.GITHUB_API_URL ?? "https://api.github.com",
          logger,
        })
      : undefined;
  return { client, repo: { owner, repo }, repoUrl, runUrl };
}

function emitCommand(level: "error" | "warning" | "notice", annotation: Annotation): void {
  const properties = {
    title: annotation.title,
    file: annotation.path,
    startLine: annotation.start_line,
    endLine: annotation.end_line,
  };
  if (level === "error") core.error(annotation.message, properties);
  else if (level === "warning") core.warning(annotation.message, properties);
  else core.notice(annotation.message, properties);
}

/** Appends Markdown to the job summary (GITHUB_STEP_SUMMARY); nothing outside a runner. */
export async function appendSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown).write();
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
