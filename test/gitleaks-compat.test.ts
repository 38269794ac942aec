import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fake, randomToken } from "./support/fake-secrets.js";
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
  it("drops disabledRules ids leakgate has no rule for from an import, naming them, so the next scan loads", () => {
    const r = GitRepo.init();
    repos.push(r);
    r.write(
      ".gitleaks.toml",
      `[extend]\nuseDefault = true\ndisabledRules = ["generic-api-key", "Generic_Password"]\n`,
    );
    const imported = runCli(["config", "import"], { cwd: r.dir });
    expect(imported.status).toBe(0);
    expect(imported.stderr).toContain("disabledRules: no leakgate rule is named generic-api-key; ignored");
    const yaml = readFileSync(join(r.dir, ".leakgate.yml"), "utf8");
    expect(yaml).toContain("disable:\n  - generic-password\n");
    expect(yaml).not.toContain("generic-api-key");
    r.write("app.txt", "nothing here\n");
    const run = runCli(["scan", ".", "-f", "json"], { cwd: r.dir });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("turns the built-in rules on only when some file of the [extend] chain sets useDefault", () => {
    const r = GitRepo.init();
    repos.push(r);
    const ik = `ik-${randomToken(32, "0123456789abcdef")}`;
    const rule = `[[rules]]\nid = "internal-key"\nregex = '''ik-[0-9a-f]{32}'''\n`;
    r.write("base.toml", rule);
    r.write(".gitleaks.toml", `[extend]\npath = "base.toml"\n`);
    r.write("app.conf", `GITHUB_TOKEN=${fake.githubPat()}\nKEY=${ik}\n`);
    expect(places(runCli(["scan", ".", "-f", "json"], { cwd: r.dir }).stdout)).toEqual([
      "internal-key app.conf:2",
    ]);
    r.write("base.toml", `[extend]\nuseDefault = true\n${rule}`);
    expect(places(runCli(["scan", ".", "-f", "json"], { cwd: r.dir }).stdout)).toEqual([
      "github-pat-classic app.conf:1",
      "internal-key app.conf:2",
    ]);
  });

  it("keeps the extended file's global allowlist beside the extending file's", () => {
    const r = GitRepo.init();
    repos.push(r);
    const ik = () => `ik-${randomToken(32, "0123456789abcdef")}`;
    r.write(
      "base.toml",
      `[[rules]]\nid = "internal-key"\nregex = '''ik-[0-9a-f]{32}'''\n[allowlist]\npaths = ['''^vendor/''']\n`,
    );
    r.write(".gitleaks.toml", `[extend]\npath = "base.toml"\n[allowlist]\npaths = ['''^fixtures/''']\n`);
    r.write("vendor/a.txt", ik()).write("fixtures/b.txt", ik()).write("src/c.txt", ik());
    expect(places(runCli(["scan", ".", "-f", "json"], { cwd: r.dir }).stdout)).toEqual([
      "internal-key src/c.txt:1",
    ]);
  });

  it("disables a custom rule of the extended file by its normalised id, in place and imported alike", () => {
    const r = GitRepo.init();
    repos.push(r);
    const ik = `ik-${randomToken(32, "0123456789abcdef")}`;
    const bt = `bt-${randomToken(32, "0123456789abcdef")}`;
    r.write(
      "base.toml",
      `[[rules]]\nid = "internal-key"\nregex = '''ik-[0-9a-f]{32}'''\n[[rules]]\nid = "Base_Two"\nregex = '''bt-[0-9a-f]{32}'''\n`,
    );
    r.write(".gitleaks.toml", `[extend]\npath = "base.toml"\ndisabledRules = ["Base_Two"]\n`);
    r.write("app.env", `A=${ik}\nB=${bt}\n`);
    const inPlace = runCli(["scan", ".", "-f", "json"], { cwd: r.dir });
    expect(inPlace.stderr).not.toContain("no leakgate rule");
    expect(places(inPlace.stdout)).toEqual(["internal-key app.env:1"]);
    expect(runCli(["config", "import"], { cwd: r.dir }).status).toBe(0);
    expect(places(runCli(["scan", ".", "-f", "json"], { cwd: r.dir }).stdout)).toEqual([
      "internal-key app.env:1",
    ]);
  });

  it("applies a top-level allowlist with targetRules to those rules only, in place and imported", () => {
    const r = GitRepo.init();
    repos.push(r);
    const ik = `ik-${randomToken(32, "0123456789abcdef")}`;
    const bt = `bt-${randomToken(32, "0123456789abcdef")}`;
    r.write(
      ".gitleaks.toml",
      `[[rules]]\nid = "internal-key"\nregex = '''ik-[0-9a-f]{32}'''\n[[rules]]\nid = "base-two"\nregex = '''bt-[0-9a-f]{32}'''\n` +
        `[[allowlists]]\ntargetRules = ["base-two"]\npaths = ['''^fixtures/''']\n`,
    );
    r.write("fixtures/app.env", `A=${ik}\nB=${bt}\n`);
    const expected = ["internal-key fixtures/app.env:1"];
    expect(places(runCli(["scan", ".", "-f", "json"], { cwd: r.dir }).stdout)).toEqual(expected);
    expect(runCli(["config", "import"], { cwd: r.dir }).status).toBe(0);
    expect(places(runCli(["scan", ".", "-f", "json"], { cwd: r.dir }).stdout)).toEqual(expected);
  });

  it("names composite rules it cannot express, and never reports a skipReport rule", () => {
    const r = GitRepo.init();
    repos.push(r);
    const ik = `ik-${randomToken(32, "0123456789abcdef")}`;
    const bt = `bt-${randomToken(32, "0123456789abcdef")}`;
    r.write(
      ".gitleaks.toml",
      `[[rules]]\nid = "internal-key"\nregex = '''ik-[0-9a-f]{32}'''\n  [[rules.required]]\n  id = "base-two"\n  withinLines = 2\n` +
        `[[rules]]\nid = "base-two"\nregex = '''bt-[0-9a-f]{32}'''\nskipReport = true\n`,
    );
    r.write("app.env", `A=${ik}\nB=${bt}\n`);
    const run = runCli(["scan", ".", "-f", "json"], { cwd: r.dir });
    expect(places(run.stdout)).toEqual(["internal-key app.env:1"]);
    expect(run.stderr).toContain('rule "internal-key": its [[rules.required]] rules are not checked');
    expect(run.stderr).toContain("findings may differ");
    expect(run.stderr).toContain('rule "base-two": skipReport = true');
  });
});

describe("gitleaks allowlists leakgate cannot express exactly", () => {
  it("names the rule and the regexes whose target changes when a rule's allowlists mix targets", () => {
    const r = GitRepo.init();
    repos.push(r);
    r.write(
      ".gitleaks.toml",
      `[[rules]]\nid = "internal-key"\nregex = '''ik-[0-9a-f]{32}'''\n` +
        `  [[rules.allowlists]]\n  regexes = ['''^ik-0000''']\n` +
        `  [[rules.allowlists]]\n  regexTarget = "line"\n  regexes = ['''sandbox''']\n`,
    );
    const run = runCli(["scan", ".", "-f", "json"], { cwd: r.dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      `rule "internal-key": its allowlists aim regexes at different targets; all are matched against the line, so '^ik-0000' may allow less than in gitleaks`,
    );
  });
});

describe(".gitleaksignore in history", () => {
  it("honours commit-scoped lines (sha:file:rule:line) once each finding has its commit", () => {
    const r = GitRepo.init();
    repos.push(r);
    const rule = `[[rules]]\nid = "internal-key"\nregex = '''ik-[0-9a-f]{32}'''\n`;
    const sha = r.commit("leak", {
      ".gitleaks.toml": rule,
      "keys.txt": `old ik-${randomToken(32, "0123456789abcdef")}\n`,
    });
    r.commit("more", { "more.txt": `new ik-${randomToken(32, "0123456789abcdef")}\n` });
    r.write(".gitleaksignore", `${sha}:keys.txt:internal-key:1\n`);
    expect(places(runCli(["history", "-f", "json"], { cwd: r.dir }).stdout)).toEqual([
      "internal-key more.txt:1",
    ]);
  });
});
