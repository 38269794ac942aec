import { parentPort, workerData } from "node:worker_threads";
import { builtinRules } from "../config/builtin-rules.js";
import { buildRuleset } from "../config/ruleset.js";
import { Detector } from "../engine/detector.js";
import { setRegexFallbackHandler } from "../engine/regex.js";
import type { DetectBatch, DetectRequest, DetectResult, WorkerReply, WorkerSetup } from "./messages.js";

// One Detector per worker: compiled RE2 objects cannot cross threads, so each rebuilds them from data.
const port = parentPort;
if (!port) throw new Error("detect-worker.js runs only as a worker thread");
const reply = (message: WorkerReply) => port.postMessage(message);
setRegexFallbackHandler((reason) => reply({ kind: "regex-fallback", reason }));
const setup = workerData as WorkerSetup;
const detector = new Detector(buildRuleset(builtinRules(), setup.config));

port.on("message", (batch: DetectBatch) => {
  reply({ kind: "results", results: batch.requests.map(detect) });
});

function detect(request: DetectRequest): DetectResult {
  try {
    const data = Buffer.from(request.data.buffer, request.data.byteOffset, request.data.byteLength);
    const findings = detector.detect({ ...request.fragment, data }, { unmask: request.unmask });
    return { kind: "findings", id: request.id, findings };
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    return { kind: "error", id: request.id, message, ...(stack ? { stack } : {}) };
  }
}
