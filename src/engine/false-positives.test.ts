import { describe, expect, it } from "vitest";
import { randomToken } from "../../test/support/fake-secrets.js";
import { falsePositiveReason, isGenericExemptPath, looksMinified } from "./false-positives.js";
import { isSecretName } from "./false-positives-names.js";

const HEX = "0123456789abcdef";
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** A candidate of a generic rule, `name = "secret"` in an ordinary source file. */
function generic(secret: string, name: string | undefined = "api_key", line = `${name} = "${secret}"`) {
  return falsePositiveReason({ secret, name, line, path: "src/config.ts", generic: true });
}

/** A candidate of a provider rule (no name, narrow filters only). */
function specific(secret: string, path = "src/config.ts", line = `const key = "${secret}";`) {
  return falsePositiveReason({ secret, line, path, generic: false });
}

describe("falsePositiveReason for every rule", () => {
  it("keeps a random provider token, even in a test fixture folder", () => {
    const token = `sk_live_${randomToken(24)}`;
    expect(specific(token, "test/fixtures/payments.json")).toBeUndefined();
    expect(specific(`ghp_${randomToken(36)}`, "__mocks__/github.ts")).toBeUndefined();
  });

  it.each([
    ["a documented example", () => "AKIAIOSFODNN7EXAMPLE"],
    ["a run of x's", () => `sk_live_${"x".repeat(24)}`],
    ["a masked value", () => "********"],
    ["a variable reference", () => `$${"{"}STRIPE_KEY}`],
    ["a template reference", () => "{{ stripe_key }}"],
    ["an angle-bracket placeholder", () => "<your-token>"],
    ["changeme", () => "changeme123"],
    ["your-api-key", () => "your_api_key_here"],
    ["one character repeated", () => `sk_live_${"0".repeat(24)}`],
    ["a keyboard sequence", () => `sk_live_1234567890${randomToken(10)}`],
  ])("drops %s", (_label, value) => {
    expect(specific(value())).toBeDefined();
  });

  it.each(["password", "Password123!", "postgres", "admin", "secret1", "hunter2"])(
    "drops the dictionary password %s",
    (word) => {
      expect(specific(word, "config/database.yml", `url: postgres://app:${word}@db/app`)).toBe(
        "dictionary word",
      );
    },
  );

  it("drops a URL password that only repeats the user name", () => {
    const user = randomToken(8, "abcdefghijklmnopqrstuvwxyz");
    const line = `DATABASE_URL=postgres://${user}:${user}@localhost:5432/app`;
    expect(specific(user, ".env", line)).toBe("password equals the user name");
  });

  it("drops Basic credentials whose decoded password is a placeholder, and keeps a real one", () => {
    const placeholder = Buffer.from("user:password").toString("base64");
    expect(specific(placeholder, "api.http", `Authorization: Basic ${placeholder}`)).toMatch(/encoded/);
    const real = Buffer.from(`deploy:${randomToken(16)}`).toString("base64");
    expect(specific(real, "api.http", `Authorization: Basic ${real}`)).toBeUndefined();
  });

  it("keeps a long private key body that holds four x's by chance", () => {
    const body = `${randomToken(300, BASE64)}xxxx${randomToken(300, BASE64)}`;
    expect(specific(body, "deploy/key.pem", body)).toBeUndefined();
  });
});

describe("falsePositiveReason for generic rules", () => {
  it.each([
    ["api_key", () => randomToken(32)],
    ["DB_PASSWORD", () => `${randomToken(6)}#${randomToken(5)}`],
    ["clientSecret", () => randomToken(40)],
    ["app.encryption.key", () => randomToken(32, HEX)],
    ["x-api-key", () => randomToken(40)],
    ["spring.datasource.password", () => randomToken(14)],
    ["_authToken", () => randomToken(36)],
  ])("keeps a random value assigned to %s", (name, value) => {
    expect(generic(value(), name)).toBeUndefined();
  });

  it.each([
    "password_hash",
    "tokenUrl",
    "public_key",
    "publishableKey",
    "csrf_token",
    "max_tokens",
    "nextPageToken",
    "secretName",
    "secretKeyRef",
    "cache_key",
    "sortKey",
    "passwordMinLength",
    "access_key_id",
    "key",
    "author",
    "Unexpected_token_did_you_mean_or_gt_1382",
    "hashPassword",
    "getSecret",
  ])("drops a value assigned to %s, which does not name a secret", (name) => {
    expect(generic(randomToken(32), name)).toBe("not a secret's name");
  });

  it.each([
    ["process.env.API_KEY"],
    ["os.environ['API_KEY']"],
    ["ENV.fetch('API_KEY')"],
    ['System.getenv("API_KEY")'],
    ["vault:secret/data/app#key"],
    ["!vault"],
    ["ENC(3xv9Tq2Lm8Wz)"],
  ])("drops the reference %s", (value) => {
    expect(generic(value)).toBeDefined();
  });

  it("drops a value whose line reads it from a secret store", () => {
    const value = randomToken(32);
    expect(generic(value, "password", `password: ${value} # secretKeyRef`)).toBeDefined();
  });

  it.each([
    ["camelCase identifier", "accessLevelValue"],
    ["environment variable name", "STRIPE_ACCOUNT_PROD"],
    ["member access", "self.config.value"],
    ["function call", "load_value(name)"],
    ["call continued on the next line", "scanMinimumNumberOfHexDigits("],
    ["file path", "/etc/ssl/private/server.key"],
    ["URL", "https://auth.corp.net/oauth/token"],
    ["email address", "ops@corp.net"],
    ["number, version or date", "2024-01-31T10:00:00Z"],
    ["hex number", "0x0B96"],
    ["port and protocol", "464/tcp"],
    ["command-line flag", "--force-process-config"],
    ["pointer", "*Callbacks"],
    ["key=value setting", "spec=True"],
    ["lowercase words", "super-secure-value"],
    ["identifier", "_RSAPrivateKey"],
  ])("drops a %s", (_shape, value) => {
    expect(generic(value, "auth_token")).toBeDefined();
  });

  it("drops a strict comparison, which is code in a comment, not a password", () => {
    expect(generic("d===t?a:b", "pass", " * one pass: `d===t?a:b`, or x")).toBe("code comparison");
    expect(generic("a!==b", "pwd")).toBe("code comparison");
    expect(generic(`Q7!${randomToken(12)}`, "password")).toBeUndefined();
  });

  it("drops a TypeScript type annotation, and keeps a password that ends in a semicolon", () => {
    expect(generic("URLPatternComponentResult;", "password")).toBe("type annotation");
    expect(generic("AsyncSeriesHook<[]>;", "additionalPass")).toBe("type annotation");
    expect(generic(`Summer${randomToken(6, "0123456789")}!;`, "password")).toBeUndefined();
  });

  it("drops hex hashes named or commented as hashes, and keeps a hex API key", () => {
    const sha = randomToken(40, HEX);
    expect(generic(sha, "commit_token", `commit_token = "${sha}"`)).toBe("hash");
    const md5 = randomToken(32, HEX);
    expect(generic(md5, "api_key", `api_key = "${md5}"  # md5 of the file`)).toBe("hash");
    expect(generic(randomToken(32, HEX), "api_key")).toBeUndefined();
  });

  it("drops a UUID under a name that may be an identifier, and keeps it under a secret's name", () => {
    const uuid = crypto.randomUUID();
    expect(generic(uuid, "license_key")).toBe("UUID");
    expect(generic(uuid, "api_key")).toBeUndefined();
  });

  it("drops values that say they are for tests, only for generic rules", () => {
    const value = `fake${randomToken(20)}`;
    expect(generic(value)).toBe("test value");
    expect(specific(value)).toBeUndefined();
  });

  it("drops generic candidates under a fixture folder", () => {
    const value = randomToken(32);
    const reason = falsePositiveReason({
      secret: value,
      name: "api_key",
      line: `api_key = "${value}"`,
      path: "test/fixtures/config.py",
      generic: true,
    });
    expect(reason).toBe("test fixture");
  });

  it("drops a base64 value that encodes prose", () => {
    const encoded = Buffer.from("isaacs:not my real password").toString("base64");
    expect(generic(encoded, "_auth")).toBeDefined();
  });

  it("drops a base64 value that encodes a placeholder, and keeps one that encodes a random secret", () => {
    expect(generic(Buffer.from("password123").toString("base64"), "password")).toBe(
      "encoded dictionary word",
    );
    expect(generic(Buffer.from(randomToken(24)).toString("base64"), "password")).toBeUndefined();
  });

  it("drops a value that only repeats its name", () => {
    expect(generic(`my_password_${randomToken(4, HEX)}`, "password")).toBeDefined();
  });

  it("keeps a password with a dot in it, and drops dotted identifiers", () => {
    expect(generic("hfgPSJgcMqH8H2.VT9", "PASSWORD")).toBeUndefined();
    expect(generic("Xq7vLp2Rz9.kW3mN8", "db_password")).toBeUndefined();
    for (const path of [
      "settings.DB_PASSWORD",
      "this.config.dbPassword",
      "http2.serverKey",
      "s3Client.secret",
    ])
      expect(generic(path, "password")).toBeDefined();
  });

  it("drops a URL without credentials, and keeps the password of one with them", () => {
    expect(generic("http://orders:8080;", "upstream_pass")).toBe("URL");
    expect(generic("https://vault.corp.net:8200/v1/kv", "secret_url")).toBeDefined();
    expect(generic(`redis://:${randomToken(16)}@cache:6379`, "redis_password")).toBeUndefined();
  });

  it("drops a Sealed Secrets ciphertext, and keeps a shorter base64 secret that starts alike", () => {
    expect(generic(`AgBU${randomToken(340, BASE64)}==`, "password")).toContain("Sealed Secrets");
    expect(generic(`AgBU${randomToken(40, BASE64)}`, "password")).toBeUndefined();
  });

  it("keeps a chosen password of words and a year under a password's name, and drops words elsewhere", () => {
    expect(generic("Glacier2020.Prod", "kBrokerPassword")).toBeUndefined();
    expect(generic("Maple2024_Prod", "password")).toBeUndefined();
    expect(generic("Release2024.Notes", "changelog_token")).toBeDefined();
    expect(generic("report.pdf", "password")).toBeDefined();
  });

  it("keeps a long random run of lowercase letters, and drops a lowercase word", () => {
    expect(generic("ezmiognhkrljxfzj", "smtp_auth_password")).toBeUndefined();
    expect(generic("administration", "password")).toBeDefined();
  });

  it("keeps 0x and 64 hex digits under a private key's name, and drops them under another name", () => {
    const key = `0x${randomToken(64, HEX)}`;
    expect(generic(key, "DEPLOYER_PRIVATE_KEY")).toBeUndefined();
    expect(generic(key, "storage_key")).toBe("hex number");
  });

  it("keeps a hex key whose name says it is one, even beside a hash algorithm", () => {
    const key = randomToken(128, HEX).toUpperCase();
    const line = `<machineKey validationKey="${key}" validation="HMACSHA256" />`;
    expect(generic(key, "validationKey", line)).toBeUndefined();
    expect(generic(key, "checksum_key", line)).toBe("hash");
  });

  it("drops ASP.NET's AutoGenerate,IsolateApps", () => {
    expect(generic("AutoGenerate,IsolateApps", "validationKey")).toBe("list of identifiers");
  });

  it("drops a Sealed Secrets ciphertext whose third character is past D", () => {
    expect(generic(`AgeA${randomToken(680, BASE64)}`, "password")).toContain("Sealed Secrets");
  });

  it("drops a CI variable followed by a path, and keeps a password that starts with a dollar", () => {
    expect(generic("$CI_API_V4_URL/projects", "GITLAB_API_TOKEN")).toBe("variable reference");
    expect(generic(`\${CI_SERVER_URL}/api/v4`, "token")).toBeDefined();
    expect(generic("$Xk9mQ2vL7z/q8", "password")).toBeUndefined();
  });

  it("drops an ellipsis, which stands for an elided value, for every rule", () => {
    expect(specific("…`,")).toBe("masked or placeholder");
  });

  it("keeps a random salt whose angle brackets hold punctuation, and drops words in angle brackets", () => {
    expect(specific("$cz3rFA&</W_<FB)B34{,4_ir]&%w0/6>rz3!;AhVcQn.LOYAr@[XL.XM/=Jsb<d")).toBeUndefined();
    expect(specific("<YOUR_API_KEY>")).toBeDefined();
    expect(specific("<user:pass>")).toBeDefined();
    expect(specific('<%= ENV["API_KEY"] %>')).toBeDefined();
  });
});

describe("isSecretName", () => {
  it.each([
    "password",
    "DB_PASSWORD",
    "dbPass",
    "apiKey",
    "SECRET_KEY_BASE",
    "auth",
    "AWS_SECRET_ACCESS_KEY",
    "VERIFY_TOKEN",
    "NPM_READ_TOKEN",
    "CACHE_PASSWORD",
    "REDIS_CACHE_PASSWORD",
    "RESET_PASSWORD_SECRET",
    "verify_token",
    "proxy_password",
    "PUSHER_APP_SECRET",
    "APP_KEY",
    "ldap_default_authtok",
    "signKey",
  ])("accepts %s", (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    "password.length",
    "token_type",
    "keyboard",
    "primary_key",
    "apiKeys",
    "is_password",
    "monkey",
    "passport",
    "PASSWORD_RESET_URL",
    "TOKEN_CACHE_DIR",
    "cacheKey",
    "verifyToken",
    "RESET_PASSWORD_TIMEOUT",
    "proxy_pass",
    "fastcgi_pass",
    "grpc_pass",
    "PUSHER_APP_KEY",
    "VITE_PUSHER_APP_KEY",
    "FILE_KEY",
    "s3ObjectKey",
  ])("rejects %s", (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe("isGenericExemptPath", () => {
  it.each([
    "package-lock.json",
    "web/yarn.lock",
    "pnpm-lock.yaml",
    "Cargo.lock",
    "go.sum",
    "poetry.lock",
    "Gemfile.lock",
    "composer.lock",
    "dist/app.min.js",
    "dist/app.js.map",
    "src/__snapshots__/view.test.ts.snap",
    "test/fixtures/settings.py",
    "pkg/testdata/config.yaml",
    "src/__mocks__/api.ts",
  ])("exempts %s", (path) => {
    expect(isGenericExemptPath(path)).toBe(true);
  });

  it.each(["src/config.ts", "test/settings.py", ".env", "config/locks.yaml", "docs/fixture-guide.md"])(
    "does not exempt %s",
    (path) => {
      expect(isGenericExemptPath(path)).toBe(false);
    },
  );
});

describe("looksMinified", () => {
  it("recognises a minified bundle", () => {
    const bundle = `!function(e){var t={a:"${randomToken(20)}"};e.exports=t}(module);`.repeat(100);
    expect(looksMinified(Buffer.from(bundle))).toBe(true);
  });

  it("does not flag ordinary code", () => {
    const code = `const a = 1;\nfunction f(x) {\n  return x + a;\n}\n`.repeat(200);
    expect(looksMinified(Buffer.from(code))).toBe(false);
  });

  it("does not flag a file whose only long line is base64", () => {
    const text = `TOKEN=${randomToken(6000, BASE64)}\nNAME=app\n`;
    expect(looksMinified(Buffer.from(text))).toBe(false);
  });

  it("does not flag a short file", () => {
    expect(looksMinified(Buffer.from("a=1;b=2;"))).toBe(false);
  });
});
