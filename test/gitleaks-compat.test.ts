import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { randomToken } from "./support/fake-secrets.js";
import { GitRepo } from "./support/git-repo.js";
import { runCli } from "./support/run-cli.js";

const GITLEAKS_TOML = `title = "team rules"

[[rules]]
id = "acme-token"
description = "Acme API token"
regex = '''(?i)acme[_-]?token\\s*[:=]\\s*['"]?(acm_[a-z0-9]{24})'''
secretGroup = 1
keywords = ["acm_"]

  [[rules.allowlists]]
  description = "sandbox tokens"
  regexTarget = "line"
  regexes = ['''sandbox''']

[[rules]]
id = "internal-key"
description = "Internal signing key"
regex = '''ik-[0-9a-f]{32}'''
keywords = ["ik-"]
  [rules.allowlist]
  stopwords = ["deadbeef"]

[[rules]]
id = "lookaround"
description = "not RE2"
regex = '''secret(?=[0-9]+)'''

[allowlist]
description = "global"
paths = ['''(^|/)vendor/''', '''\\.lock$''']
`;

const repos: GitRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

function fixture(): GitRepo {
  const r = GitRepo.init();
  repos.push(r);
  const acm = () => `acm_${randomToken(24, "abcdefghijklmnopqrstuvwxyz0123456789")}`;
  const ik = () => `ik-${randomToken(32, "0123456789abcdef")}`;
  r.write(".gitleaks.toml", GITLEAKS_TOML);
  r.write("app.env", `ACME_TOKEN=${acm()}\n`);
  r.write("sandbox.env", `ACME_TOKEN=${acm()} # sandbox account\n`);
  r.write("vendor/lib.env", `ACME_TOKEN=${acm()}\n`);
  r.write("keys.txt", `primary ${ik()}\nold ik-deadbeef${randomToken(24, "0123456789abcdef")}\n`);
  r.write("notes.txt", `acme_token: ${acm()} # gitleaks:allow\n`);
  return r;
}

const places = (stdout: string) =>
  (JSON.parse(stdout).findings as { file: string; line: number; ruleId: string }[]).map(
    (f) => `${f.ruleId} ${f.file}:${f.line}`,
  );

describe("gitleaks configuration", () => {
  it("is understood in place when there is no .leakgate.yml, with its allowlists and gitleaks:allow", () => {
    const r = fixture();
    const run = runCli(["scan", ".", "-f", "json"], { cwd: r.dir });
    expect(places(run.stdout)).toEqual(["acme-token app.env:1", "internal-key keys.txt:1"]);
    expect(run.stderr).toContain('rule "lookaround": RE2 cannot compile its regex');
  });

  it("imports into .leakgate.yml that gives the same findings", () => {
    const r = fixture();
    const imported = runCli(["config", "import"], { cwd: r.dir });
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain("Wrote .leakgate.yml: 2 rules (built-in rules off");
    expect(imported.stderr).toContain('rule "lookaround"');
    const yaml = readFileSync(join(r.dir, ".leakgate.yml"), "utf8");
    expect(yaml).toContain("builtin_rules: false");
    const run = runCli(["scan", ".", "-f", "json"], { cwd: r.dir });
    expect(places(run.stdout)).toEqual(["acme-token app.env:1", "internal-key keys.txt:1"]);
  });

  it("honours .gitleaksignore fingerprints in compatibility mode", () => {
    const r = fixture();
    r.write(".gitleaksignore", "app.env:acme-token:1\n");
    const run = runCli(["scan", ".", "-f", "json"], { cwd: r.dir });
    expect(places(run.stdout)).toEqual(["internal-key keys.txt:1"]);
  });

  it("names the file and line of invalid TOML", () => {
    const r = GitRepo.init();
    repos.push(r);
    r.write(".gitleaks.toml", 'title = "x"\n[[rules]\n');
    const run = runCli(["scan", "."], { cwd: r.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.gitleaks\.toml:2: invalid TOML/);
  });
});
