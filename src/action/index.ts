// The Action's entry point, bundled into dist/index.js.
import { run } from "./main.js";
import { useBundledRe2 } from "./re2-binding.js";

// The engine loads RE2 lazily, at its first regex: point it at the binding shipped beside the bundle first.
useBundledRe2();
await run();
