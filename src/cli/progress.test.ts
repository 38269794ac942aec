import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CliIo } from "./io.js";
import { progressBar, renderProgress } from "./progress.js";

function io(isTTY: boolean): { io: CliIo; written: () => string } {
  const stderr = Object.assign(new PassThrough(), { isTTY });
  let text = "";
  stderr.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  const cli: CliIo = { stdout: new PassThrough(), stderr, stdin: new PassThrough(), cwd: "/", env: {} };
  return { io: cli, written: () => text };
}

describe("the progress bar", () => {
  it("shows objects, bytes, the rate and the time left once the total is known", () => {
    const line = renderProgress("history", { objects: 250, total: 1000, bytes: 50 * 1024 * 1024 }, 10);
    expect(line).toBe("history  [######------------------]  250/1000 objects  50.0 MB  5.0 MB/s  30s left");
  });

  it("shows a count without a bar or time left while the total is unknown", () => {
    expect(renderProgress("history", { objects: 12, total: undefined, bytes: 2048 }, 2)).toBe(
      "history  12 objects  2.0 KB  1.0 KB/s",
    );
  });

  it("draws on a terminal and clears its line when done", async () => {
    const { io: cli, written } = io(true);
    const bar = progressBar(cli, { quiet: false, label: "history" });
    bar.update({ objects: 1, total: 2, bytes: 10 });
    bar.done();
    await new Promise((resolve) => setImmediate(resolve));
    const text = written();
    expect(text.startsWith("\rhistory ")).toBe(true);
    expect(text).toContain("1/2 objects");
    expect(text.endsWith("\x1b[K\r\x1b[K")).toBe(true);
  });

  it("is silent when standard error is not a terminal, and with --quiet", async () => {
    for (const [isTTY, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const { io: cli, written } = io(isTTY);
      const bar = progressBar(cli, { quiet, label: "history" });
      bar.update({ objects: 1, total: 2, bytes: 10 });
      bar.done();
      await new Promise((resolve) => setImmediate(resolve));
      expect(written()).toBe("");
    }
  });
});
