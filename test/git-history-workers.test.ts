import { describe, expect, it } from "vitest";
import { randomToken } from "./support/fake-secrets.js";
import { acme, repoWithConfig, runJson, trackRepos } from "./support/git-scan.js";

const track = trackRepos();

/** Many commits, several secrets (custom and built-in rules), moved, edited, deleted and re-added. */
function busyHistory() {
  const repo = track(repoWithConfig());
  const filler = Array.from({ length: 400 }, (_, i) => `const value${i} = compute(${i}, "row ${i}");`);
  for (let i = 0; i < 30; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const files: Record<string, string | Buffer> = {
      [`src/module-${i % 5}.ts`]: `${filler.slice(0, 50 + i * 10).join("\n")}\n// revision ${i}\n`,
      "config/app.ini": `[app]\nrevision = ${i}\nkey = ${acme()}\n`,
    };
    if (i % 3 === 0) files[`deploy/${i}.sh`] = `export GITHUB_TOKEN=ghp_${randomToken(36)}\n`;
    if (i % 4 === 0) files[`settings/${i}.env`] = `password = "${randomToken(20)}"\nAPI_KEY=${acme()}\n`;
    if (i % 7 === 0) files[`keys/${i}/acme.keys`] = "not a secret by content\n";
    if (i % 9 === 0) files[`assets/${i}.bin`] = Buffer.from([0, 1, 2, 3, 0, 255]);
    repo.commit(`Revision ${i}`, files, `2024-01-${day}T00:00:00Z`);
  }
  return repo;
}

describe("leakgate history on worker threads", () => {
  it("reports exactly the findings and stats of a scan on the main thread", () => {
    const repo = busyHistory();
    const serial = runJson(["history"], repo.dir, { LEAKGATE_WORKERS: "0" });
    const pooled = runJson(["history"], repo.dir, { LEAKGATE_WORKERS: "2" });
    expect(serial.status).toBe(1);
    expect(serial.findings.length).toBeGreaterThan(30);
    expect(pooled.status).toBe(serial.status);
    expect(pooled.stderr).toBe(serial.stderr);
    expect(pooled.findings).toEqual(serial.findings);
    const { durationMs: _a, ...serialStats } = serial.stats;
    const { durationMs: _b, ...pooledStats } = pooled.stats;
    expect(pooledStats).toEqual(serialStats);
  });
});
