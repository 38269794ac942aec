import type { CliIo } from "./io.js";

export interface ProgressCounts {
  objects: number;
  /** Unknown until the source has listed everything. */
  total: number | undefined;
  bytes: number;
}

export interface ProgressBar {
  update(counts: ProgressCounts): void;
  /** Clears the line. */
  done(): void;
}

const SILENT: ProgressBar = { update() {}, done() {} };
const REDRAW_MS = 100;
const WIDTH = 24;

/**
 * One line on standard error, redrawn at most ten times a second: objects and bytes done, the rate
 * and the time left. Silent when standard error is not a terminal, or with --quiet.
 */
export function progressBar(io: CliIo, options: { quiet: boolean; label: string }): ProgressBar {
  if (options.quiet || !io.stderr.isTTY || io.env.TERM === "dumb") return SILENT;
  const started = Date.now();
  let drawn = 0;
  let shown = false;
  return {
    update(counts) {
      const now = Date.now();
      if (now - drawn < REDRAW_MS) return;
      drawn = now;
      shown = true;
      io.stderr.write(`\r${renderProgress(options.label, counts, (now - started) / 1000)}\x1b[K`);
    },
    done() {
      if (shown) io.stderr.write("\r\x1b[K");
    },
  };
}

/** The line itself, for a terminal of 80 columns. */
export function renderProgress(label: string, counts: ProgressCounts, seconds: number): string {
  const rate = seconds > 0 ? counts.bytes / seconds : 0;
  const parts = [label];
  if (counts.total !== undefined && counts.total > 0) {
    const fraction = Math.min(1, counts.objects / counts.total);
    const filled = Math.round(fraction * WIDTH);
    parts.push(`[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}]`);
    parts.push(`${counts.objects}/${counts.total} objects`);
  } else {
    parts.push(`${counts.objects} objects`);
  }
  parts.push(formatBytes(counts.bytes), `${formatBytes(rate)}/s`);
  if (counts.total !== undefined && counts.objects > 0 && counts.objects < counts.total && seconds > 0) {
    const left = ((counts.total - counts.objects) * seconds) / counts.objects;
    parts.push(`${formatDuration(left)} left`);
  }
  return parts.join("  ");
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  const minutes = Math.floor(whole / 60);
  return minutes > 0 ? `${minutes}m${String(whole % 60).padStart(2, "0")}s` : `${whole}s`;
}
