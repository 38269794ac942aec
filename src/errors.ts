/** Errors are typed by who must act. Each maps to exit code 2; only InternalError is a bug. */

/** The command line is wrong: the user must change the call. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A configuration or rule file is wrong: the user must edit it. Names the file, line and field. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly field?: string,
    readonly column?: number,
  ) {
    const position = line ? `:${line}${column ? `:${column}` : ""}` : "";
    super(file ? `${file}${position}: ${message}` : message);
  }
}

/** Git is missing, the path is not a repository, or an object is not there (say which fetch depth). */
export class GitError extends Error {
  override name = "GitError";
}

/** A bug in leakgate. */
export class InternalError extends Error {
  override name = "InternalError";
}
