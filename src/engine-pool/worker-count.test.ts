import { describe, expect, it } from "vitest";
import { workerCount } from "./worker-count.js";

describe("workerCount", () => {
  it("uses one worker a core, at most three, and none on one CPU", () => {
    expect(workerCount({}, 1)).toBe(0);
    expect(workerCount({}, 2)).toBe(2);
    expect(workerCount({}, 16)).toBe(3);
  });

  it("follows LEAKGATE_WORKERS, where 0 turns the pool off and nonsense is ignored", () => {
    expect(workerCount({ LEAKGATE_WORKERS: "0" }, 8)).toBe(0);
    expect(workerCount({ LEAKGATE_WORKERS: "3" }, 1)).toBe(3);
    expect(workerCount({ LEAKGATE_WORKERS: "many" }, 2)).toBe(2);
  });
});
