import { availableParallelism } from "node:os";

/**
 * At most this many workers: each holds its own compiled catalogue and share of the bytes in flight
 * (about 90 MB), and four would take a scan past 512 MB.
 */
const MAX_WORKERS = 3;

/**
 * How many detection workers a large scan uses: one a core, as git and the main thread (reading blobs)
 * take under a tenth of a history scan, so one worker on two cores would leave a core idle.
 * `LEAKGATE_WORKERS` overrides it (0 turns the pool off); one CPU means no pool.
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env, cpus = availableParallelism()): number {
  const forced = env.LEAKGATE_WORKERS;
  if (forced !== undefined && forced.trim() !== "") {
    const value = Number(forced);
    if (Number.isInteger(value) && value >= 0) return Math.min(value, 16);
  }
  if (cpus <= 1) return 0;
  return Math.min(cpus, MAX_WORKERS);
}
