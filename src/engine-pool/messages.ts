import type { LeakgateConfig } from "../config/types.js";
import type { Finding, Fragment } from "../engine/types.js";

/** What a worker needs to build the same Detector as the main thread: plain, structured-clonable data. */
export interface WorkerSetup {
  config: LeakgateConfig;
}

/** A fragment whose bytes travel as a transferred ArrayBuffer of exactly its length. */
export interface DetectRequest {
  id: number;
  fragment: Omit<Fragment, "data">;
  data: Uint8Array;
  unmask: boolean;
}

export type WorkerReply =
  | { kind: "findings"; id: number; findings: Finding[] }
  | { kind: "error"; id: number; message: string; stack?: string }
  | { kind: "regex-fallback"; reason: string };
