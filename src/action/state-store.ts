import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import * as cache from "@actions/cache";
import { type HistoryState, readHistoryState, writeHistoryState } from "../sources/history-state.js";

/** Where a history scan's state lives between runs: the Actions cache on GitHub, a folder elsewhere. */
export interface StateStore {
  readonly name: string;
  /** undefined when there is no state yet (the first run): a full scan follows. */
  load(): Promise<HistoryState | undefined>;
  save(state: HistoryState): Promise<void>;
}

const FILE = "leakgate-history-state.json";

/** A folder on disk: self-hosted runners (LEAKGATE_STATE_DIR), and tests. */
export class FolderStateStore implements StateStore {
  readonly name: string;
  constructor(private readonly dir: string) {
    this.name = `folder ${dir}`;
  }

  async load(): Promise<HistoryState | undefined> {
    const file = join(this.dir, FILE);
    return existsSync(file) ? readHistoryState(file) : undefined;
  }

  async save(state: HistoryState): Promise<void> {
    writeHistoryState(join(this.dir, FILE), state);
  }
}

/**
 * The Actions cache. Cache entries are immutable, so each run saves under a new key and the next run
 * restores the newest entry by prefix.
 */
export class ActionsCacheStateStore implements StateStore {
  readonly name = "the Actions cache";
  private readonly dir: string;
  private readonly prefix: string;

  constructor(
    tempDir: string,
    repository: string,
    private readonly runId: string,
  ) {
    this.dir = join(tempDir, "leakgate-state");
    this.prefix = `leakgate-history-v1-${repository.replace(/[^A-Za-z0-9_.-]/g, "_")}-`;
  }

  static available(): boolean {
    return cache.isFeatureAvailable();
  }

  async load(): Promise<HistoryState | undefined> {
    mkdirSync(this.dir, { recursive: true });
    const hit = await cache.restoreCache([this.dir], `${this.prefix}${this.runId}`, [this.prefix]);
    const file = join(this.dir, FILE);
    return hit && existsSync(file) ? readHistoryState(file) : undefined;
  }

  async save(state: HistoryState): Promise<void> {
    writeHistoryState(join(this.dir, FILE), state);
    await cache.saveCache([this.dir], `${this.prefix}${this.runId}-${Date.now()}`);
  }
}
