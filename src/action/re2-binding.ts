import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Built by scripts/build-re2-node24.sh and copied beside dist/index.js by scripts/package-action.mjs. */
export const BUNDLED_BINDING = "re2-linux-x64-node24.node";
/** NODE_MODULE_VERSION of Node 24: a binding loads only under the ABI it was built for. */
const NODE24_ABI = "137";

/**
 * Points src/engine/regex.ts at the RE2 binding shipped in dist/ when this runner can load it (Linux x64,
 * Node 24). Anywhere else the engine falls back to JavaScript regular expressions and warns, so the
 * result is the same, only slower. Must run before the first regex is compiled.
 */
export function useBundledRe2(
  bundleDir = dirname(fileURLToPath(import.meta.url)),
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (env.LEAKGATE_RE2_BINDING) return env.LEAKGATE_RE2_BINDING;
  const binding = join(bundleDir, BUNDLED_BINDING);
  const fits =
    process.platform === "linux" && process.arch === "x64" && process.versions.modules === NODE24_ABI;
  if (!fits || !existsSync(binding)) return undefined;
  env.LEAKGATE_RE2_BINDING = binding;
  return binding;
}
