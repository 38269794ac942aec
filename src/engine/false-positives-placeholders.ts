/**
 * Values that stand for a secret instead of being one, narrow enough for every rule: a provider token
 * never contains `EXAMPLE`, `${`, a run of x's or a dictionary word.
 */

/** Marks that a value stands for a secret instead of being one, whatever the rule. */
const PLACEHOLDER_MARKS: [RegExp, string][] = [
  [/example/i, "documented example"],
  [/\*{3,}|#{4,}|_{5,}|\.{3}|[•…]/, "masked or placeholder"],
  // Words in brackets (`<your-token>`, `<%= ENV["X"] %>`); a random salt's `<FB)B34{,4_ir]&%w0/6>` is not one.
  [/<(?:[A-Za-z_][\w .:|/@=+-]*|%[^<>]*%|)>|\[\[|\]\]/, "placeholder in angle brackets"],
  // `$VAR` and `$(cmd)` only as the whole value: `$` and `(` are ordinary characters of a password.
  [
    /\$\{[A-Za-z_]|^\$\{|\{\{|^\$\([A-Za-z_][^()]*\)$|%\(\w+\)[sd]|^%\w+%$|^\{\w*\}$|%s\b|^@\w+$|^:\w+$|^\?$/,
    "variable reference",
  ],
  // `$CI_API_V4_URL/projects`: a CI variable that a path follows.
  [/^\$\{?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\}?\/[\w./-]*$/, "variable reference"],
  [
    /^\$(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*|[a-z][a-z0-9]*(?:_[a-z0-9]+)*|[a-z]+(?:[A-Z][a-z0-9]+)+|(?:[A-Z][a-z]+)+\d*)$/,
    "variable reference",
  ],
  [
    /chang(?:e|ing)[-_ ]?(?:me|it|this)|replace[-_ ]?(?:me|this|with)|insert[-_ ]?(?:your|here)/i,
    "placeholder",
  ],
  [
    /your[-_ ]?(?:own[-_ ]?)?(?:api[-_ ]?|access[-_ ]?|secret[-_ ]?|auth[-_ ]?)?(?:key|token|secret|pass)/i,
    "placeholder",
  ],
  [/placeholder|redacted|removed|not[-_]?set|notreal|^todo$|^tbd$|^fixme$/i, "placeholder"],
  [/0123456|1234567|abcdefgh|qwertyu|abc123|123abc|xyz456/i, "sequence"],
];

/** Passwords that only say "a password goes here" (compared without trailing digits and punctuation). */
const WEAK_WORDS = new Set([
  "password",
  "passwd",
  "pass",
  "passw0rd",
  "p@ssw0rd",
  "p@ssword",
  "pwd",
  "secret",
  "s3cret",
  "s3cr3t",
  "topsecret",
  "supersecret",
  "mysecret",
  "mypassword",
  "mypass",
  "yourpassword",
  "userpassword",
  "dbpassword",
  "dbpass",
  "userpass",
  "adminpass",
  "admin",
  "administrator",
  "root",
  "toor",
  "test",
  "testing",
  "tester",
  "guest",
  "user",
  "username",
  "demo",
  "default",
  "letmein",
  "welcome",
  "qwerty",
  "hunter",
  "abc",
  "foo",
  "bar",
  "baz",
  "foobar",
  "postgres",
  "postgresql",
  "mysql",
  "mariadb",
  "mongo",
  "mongodb",
  "redis",
  "rabbitmq",
  "sa",
  "oracle",
  // Oracle's demo schema: scott/tiger.
  "tiger",
  "dev",
  "local",
  "token",
  "apikey",
  "api_key",
  "key",
  "none",
  "null",
  "nil",
  "undefined",
  "true",
  "false",
  "empty",
  "blank",
  "string",
  "value",
  "required",
  "optional",
  "hidden",
  "masked",
  "secure",
  "insecure",
  "unknown",
  "invalid",
  "sample",
  "dummy",
  "fake",
  "mock",
]);

/** Values that protocol documents print as examples (RFC 6749, RFC 5849) and keys published on purpose. */
const DOCUMENTED_EXAMPLES = new Set([
  "2YotnFZFEjr1zCsicMWpAA",
  "tGzv3JOkF0XG5Qx2TlKWIA",
  "SplxlOBeZQQYbYS6WxSbIA",
  "s6BhdRkqt3",
  "gX1fBat3bV",
  "7Fjfp0ZBr1KtDRbnfVdmIw",
  "czZCaGRSa3F0MzpnWDFmQmF0M2JW",
  "8xLOxBtZp8",
  "0685bd9184jfhq22",
  "ad180jjd733klru7",
  "dkf3948dkkzzfla",
  "kllo9940pd9333jh",
  // OpenSSL's FIPS module integrity key, published in its headers.
  "f4556650ac31d35461610bac4ed81b1a181b2d8a43ea2854cbae22ca74560813",
]);

/** Why a value is a placeholder, for every rule; undefined when it may be a real secret. */
export function placeholderReason(secret: string): string | undefined {
  if (DOCUMENTED_EXAMPLES.has(secret)) return "documented example";
  for (const [pattern, reason] of PLACEHOLDER_MARKS) if (pattern.test(secret)) return reason;
  // A long base64 blob (a private key) holds `xxxx` by chance once in a hundred; a placeholder holds more.
  if ((secret.length < 100 ? /x{4,}|X{4,}/ : /x{8,}|X{8,}/).test(secret)) return "masked or placeholder";
  const stem = secret.toLowerCase().replace(/[\d!.?#@$*_-]+$/, "");
  if (WEAK_WORDS.has(stem) || WEAK_WORDS.has(secret.toLowerCase())) return "dictionary word";
  if (/^\d{1,6}$/.test(secret)) return "short number";
  if (mostlyOneCharacter(secret)) return "repeated character";
  return undefined;
}

/** `sk_live_000000000000`: one character repeated over much of the value. */
function mostlyOneCharacter(secret: string): boolean {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < secret.length; i++) {
    run = i > 0 && secret[i] === secret[i - 1] ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest >= 6 && longest >= secret.length * 0.4;
}

/** `postgres://app:app@…`: the password repeats the user, a local default. */
export function repeatsUserReason(secret: string, line: string): string | undefined {
  let at = line.indexOf(`:${secret}@`);
  while (at > 0) {
    const before = line.slice(0, at);
    const user = before.slice(Math.max(before.lastIndexOf("/"), before.lastIndexOf(" ")) + 1);
    if (user.toLowerCase() === secret.toLowerCase()) return "password equals the user name";
    at = line.indexOf(`:${secret}@`, at + 1);
  }
  return undefined;
}

/** The text a base64 value encodes, when it is printable ASCII (a random key never decodes to that). */
export function decodedText(secret: string): string | undefined {
  if (secret.length < 8 || !/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) return undefined;
  const decoded = Buffer.from(secret, "base64").toString("latin1");
  return /^[\x20-\x7e]+$/.test(decoded) ? decoded : undefined;
}

/**
 * `Authorization: Basic dXNlcjpwYXNz`, npm's `_auth`: base64 of `user:password` whose password is a
 * placeholder. With `always`, any base64 value is decoded; otherwise only on a line that says Basic.
 */
export function encodedPlaceholderReason(secret: string, line: string, always = false): string | undefined {
  if (!always && !/basic\s/i.test(line)) return undefined;
  const decoded = decodedText(secret);
  if (decoded === undefined) return undefined;
  const colon = decoded.indexOf(":");
  const password = decoded.slice(colon + 1);
  if (/\s/.test(password) && always) return "encoded prose";
  if (colon < 0) {
    // A Kubernetes Secret's `data:` holds base64 of the bare value: `cGFzc3dvcmQxMjM=` is `password123`.
    const reason = always ? placeholderReason(decoded) : undefined;
    return reason ? `encoded ${reason}` : undefined;
  }
  if (password.length < 4) return "placeholder basic credentials";
  const reason = placeholderReason(password) ?? repeatsUserReason(password, `${decoded}@`);
  return reason ? `encoded ${reason}` : undefined;
}
