import { Worker } from "node:worker_threads";
import { onRegexFallback, regexEngine } from "../engine/regex.js";
import type { DetectOptions, Finding, Fragment } from "../engine/types.js";
import { InternalError } from "../errors.js";
import type { DetectBatch, DetectRequest, WorkerReply, WorkerSetup } from "./messages.js";
import { workerCount } from "./worker-count.js";

/** Bytes sent to workers and not yet answered: bounds memory whatever the repository. */
const MAX_IN_FLIGHT_BYTES = 16 * 1024 * 1024;
const WORKER_FILE = new URL("./detect-worker.js", import.meta.url);
/**
 * Each worker loads the catalogue and compiles, on first use, the same regexes and sets as the main
 * thread: about a second of CPU in all, which a repository under some 50 MB of blobs (1,000 commits of
 * a mid-sized package) does not win back. Measured: `npm run bench:history`.
 */
const POOL_FROM_BYTES = 48 * 1024 * 1024;

interface Pending {
  bytes: number;
  resolve: (findings: Finding[]) => void;
  reject: (error: Error) => void;
}

/** Fragments go out in batches of this many bytes or items, whichever comes first. */
const BATCH_BYTES = 512 * 1024;
const BATCH_ITEMS = 32;

interface Slot {
  worker: Worker;
  /** Bytes given to this worker and not yet answered, the open batch included. */
  bytes: number;
  batch: DetectRequest[];
  batchBytes: number;
}

/**
 * Content detection on worker threads, each with its own Detector built from the same configuration.
 * Fragments go to the least loaded worker in batches; callers wait on `ready()` before each `detect()`
 * and call `flush()` once they have no more.
 */
export class DetectPool {
  /** Scans use the pool only past this many bytes; an explicit worker count uses it from the start. */
  readonly fromBytes: number;
  private slots: Slot[] = [];
  private readonly pending = new Map<number, Pending & { slot: Slot }>();
  private nextId = 0;
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private failure: Error | undefined;
  /** The worker whose batch is being filled. */
  private filling: Slot | undefined;
  private fallbackReported = false;
  private closed = false;

  constructor(
    private readonly setup: WorkerSetup,
    private readonly workers: number,
    options: { eager?: boolean } = {},
  ) {
    this.fromBytes = options.eager ? 0 : POOL_FROM_BYTES;
  }

  /** Workers start on first use, so a scan too small for them never pays for them. */
  private start(): void {
    if (this.slots.length > 0 || this.closed) return;
    // The main thread's own fallback warning already said it; workers would only repeat it.
    this.fallbackReported = regexEngine() === "javascript";
    const setup = this.setup;
    this.slots = Array.from({ length: Math.max(1, this.workers) }, () => {
      const worker = new Worker(WORKER_FILE, { workerData: setup });
      const slot: Slot = { worker, bytes: 0, batch: [], batchBytes: 0 };
      slot.worker.on("message", (reply: WorkerReply) => this.receive(reply));
      slot.worker.on("error", (error) => this.fail(error));
      slot.worker.on("exit", (code) => {
        if (code !== 0) this.fail(new InternalError(`a detection worker exited with code ${code}`));
      });
      return slot;
    });
  }

  /** Resolves once the bytes in flight are under the bound (or rejects if a worker failed). */
  async ready(): Promise<void> {
    this.start();
    while (!this.failure && this.inFlight >= MAX_IN_FLIGHT_BYTES) {
      this.flush();
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure) throw this.failure;
  }

  detect(fragment: Fragment, options: DetectOptions = {}): Promise<Finding[]> {
    this.start();
    if (this.failure) return Promise.reject(this.failure);
    const { data, ...rest } = fragment;
    // A copy of exactly the fragment: cloning a view would copy its whole backing buffer (a git read chunk).
    const bytes = new Uint8Array(data.length);
    bytes.set(data);
    this.filling ??= this.slots.reduce((best, s) => (s.bytes < best.bytes ? s : best));
    const slot = this.filling;
    const id = this.nextId++;
    const size = Math.max(1, data.length);
    slot.bytes += size;
    this.inFlight += size;
    slot.batch.push({ id, fragment: rest, data: bytes, unmask: options.unmask ?? false });
    slot.batchBytes += size;
    const answer = new Promise<Finding[]>((resolve, reject) => {
      this.pending.set(id, { bytes: size, resolve, reject, slot });
    });
    if (slot.batchBytes >= BATCH_BYTES || slot.batch.length >= BATCH_ITEMS) this.flush();
    return answer;
  }

  /** Sends the batch being filled. */
  flush(): void {
    const slot = this.filling;
    this.filling = undefined;
    if (!slot || slot.batch.length === 0) return;
    const batch: DetectBatch = { requests: slot.batch };
    slot.batch = [];
    slot.batchBytes = 0;
    slot.worker.postMessage(
      batch,
      batch.requests.map((request) => request.data.buffer as ArrayBuffer),
    );
  }

  /** Stops every worker; pending work is rejected. Safe to call more than once. */
  async close(): Promise<void> {
    this.closed = true;
    this.fail(new InternalError("the detection pool was closed"));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private receive(reply: WorkerReply): void {
    if (reply.kind === "regex-fallback") {
      if (!this.fallbackReported) onRegexFallback(reply.reason);
      this.fallbackReported = true;
      return;
    }
    for (const result of reply.results) {
      const pending = this.pending.get(result.id);
      if (!pending) continue;
      this.pending.delete(result.id);
      pending.slot.bytes -= pending.bytes;
      this.inFlight -= pending.bytes;
      if (result.kind === "findings") pending.resolve(result.findings);
      else pending.reject(Object.assign(new InternalError(result.message), { stack: result.stack }));
    }
    this.wake();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** The pool for a large scan, or undefined when it would not help (one CPU) or is off (`LEAKGATE_WORKERS=0`). */
export function detectPoolFor(
  setup: WorkerSetup,
  env: NodeJS.ProcessEnv = process.env,
): DetectPool | undefined {
  const workers = workerCount(env);
  if (workers === 0) return undefined;
  return new DetectPool(setup, workers, { eager: Boolean(env.LEAKGATE_WORKERS?.trim()) });
}
