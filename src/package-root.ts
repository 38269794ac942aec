import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/**
 * The folder holding leakgate's package.json and rules/: found by walking up from this module, so the
 * same code works from src/ under vitest, from build/, and from the Action's dist/ bundle.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "rules")) && existsSync(join(dir, "package.json"))) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("leakgate's rules/ folder was not found beside its package.json");
    dir = parent;
  }
}
