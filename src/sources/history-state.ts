import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError } from "../errors.js";

/**
 * What a scheduled history scan remembers between runs: the commits it had read up to (the tips of
 * every ref), and the secrets it has reported. No secret is stored, only fingerprints.
 */
export interface HistoryState {
  version: 1;
  /** Commit ids of the ref tips at the end of the last scan. */
  tips: string[];
  /** Fingerprint → the ISO date it was first reported. */
  reported: Record<string, string>;
}

export function emptyHistoryState(): HistoryState {
  return { version: 1, tips: [], reported: {} };
}

/** The state in `file`; a missing file is a first run. A file that is not a state is the user's to fix. */
export function readHistoryState(file: string): HistoryState {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyHistoryState();
    throw new ConfigError(`cannot read the state file: ${(error as Error).message}`, file);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError("the state file is not JSON; delete it to scan the whole history again", file);
  }
  const state = parsed as Partial<HistoryState>;
  if (
    state?.version !== 1 ||
    !Array.isArray(state.tips) ||
    typeof state.reported !== "object" ||
    state.reported === null
  ) {
    throw new ConfigError(
      'expected a leakgate history state ({ "version": 1, "tips": [...], "reported": {...} }); delete it to scan the whole history again',
      file,
    );
  }
  return { version: 1, tips: state.tips.filter((t) => typeof t === "string"), reported: state.reported };
}

/** Written whole to a temporary file and renamed, so that an interrupted run never leaves half a state. */
export function writeHistoryState(file: string, state: HistoryState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, file);
}
