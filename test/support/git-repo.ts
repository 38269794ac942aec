import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A real git repository in a temp folder, for tests. */
export class GitRepo {
  readonly dir: string;

  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), "leakgate-test-"));
  }

  static init(options: { branch?: string } = {}): GitRepo {
    const repo = new GitRepo();
    repo.git("init", "-q", "-b", options.branch ?? "main");
    repo.git("config", "user.email", "dev@example.com");
    repo.git("config", "user.name", "Dev Eloper");
    repo.git("config", "commit.gpgsign", "false");
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  }

  write(path: string, content: string | Buffer): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  /** Writes the files, stages them and commits; returns the new commit's sha. */
  commit(message: string, files: Record<string, string | Buffer> = {}, date?: string): string {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
    this.git("add", "-A");
    const env = date ? { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : process.env;
    execFileSync("git", ["commit", "-q", "--allow-empty", "-m", message], {
      cwd: this.dir,
      env,
      stdio: "ignore",
    });
    return this.git("rev-parse", "HEAD").trim();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
