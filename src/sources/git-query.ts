import { execFile } from "node:child_process";
import { GitError } from "../errors.js";
import type { GitQuery } from "../hook/install.js";

/** One short git question in `cwd`; "" when git answers nothing (an unset config value). */
export function gitQuery(cwd: string): GitQuery {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile("git", args, { cwd, encoding: "utf8" }, (error, stdout, stderr) => {
        if (!error) return resolve(stdout.trim());
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          return reject(new GitError("git was not found on PATH: install git, or add it to PATH"));
        }
        if (args[0] === "config" && error.code === 1) return resolve("");
        if (/not a git repository/i.test(stderr))
          return reject(new GitError(`${cwd} is not a git repository`));
        reject(new GitError(`git ${args.join(" ")} failed: ${stderr.trim()}`));
      });
    });
}
