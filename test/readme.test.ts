import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = join(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

describe("README.md", () => {
  it("opens with the two set-up commands that .ci/run runs", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(firstBlock).toContain("npm ci && node bin/leakgate.js scan .");
    expect(firstBlock).toContain("npm test");
    expect(readFileSync(join(root, ".ci/run"), "utf8")).toMatch(/npm ci\nnpm test\n/);
  });

  it("documents every input and output of action.yml", () => {
    const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    };
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(readme, `action.yml "${name}"`).toContain(`\`${name}\``);
    }
  });

  it("documents every verb of the CLI", () => {
    const main = readFileSync(join(root, "src/cli/main.ts"), "utf8");
    const verbs = [...main.matchAll(/^ {2}"?([a-z-]+)"?: \{/gm)].map((m) => m[1]);
    expect(verbs.length).toBeGreaterThan(8);
    for (const verb of verbs) expect(readme, verb).toContain(`leakgate ${verb}`);
  });
});
