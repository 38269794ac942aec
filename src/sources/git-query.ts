import type { GitQuery } from "../hook/install.js";
import { gitOutput } from "./git.js";

/** Short git questions in `cwd`; "" when git answers nothing (an unset config value exits 1). */
export function gitQuery(cwd: string): GitQuery {
  return async (args) => {
    const okCodes = args[0] === "config" ? [1] : [];
    return (await gitOutput(cwd, args, { okCodes })).toString("utf8").trim();
  };
}
