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

/** Several fragments a message: a message costs tens of microseconds, as much as a small blob's scan. */
export interface DetectBatch {
  requests: DetectRequest[];
}

export type DetectResult =
  | { kind: "findings"; id: number; findings: Finding[] }
  | { kind: "error"; id: number; message: string; stack?: string };

export type WorkerReply =
  | { kind: "results"; results: DetectResult[] }
  | { kind: "regex-fallback"; reason: string };
