/**
 * Judges a generic candidate value on its own, broadly (for generic rules only): identifiers, paths,
 * URLs, hashes, UUIDs, test values. The placeholders every rule drops are in false-positives-placeholders.
 */

const REFERENCE =
  /process\.env|import\.meta\.env|os\.environ|getenv|\bENV\[|ENV\.fetch|System\.getenv|GetEnvironmentVariable|Deno\.env|secretKeyRef|valueFrom|^vault:|^ENC\(|\bsecrets\.|\bvars\./;
const HEX = /^[0-9a-f]+$/i;
const HASH_LENGTHS = new Set([32, 40, 56, 64, 96, 128]);
const HASH_CONTEXT =
  /(?:^|[^a-z])sha\d*(?:[^a-z]|$)|sha\d+|hash|checksum|digest|integrity|etag|commit|revision|\brev\b|md5|fingerprint/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Names that leave no doubt that the value is the secret itself. */
const STRONG_NAME = /pass|pwd|secret|token|api[-_.]?key|private[-_.]?key|access[-_.]?key|auth/i;
const TEST_VALUE = /dummy|fake|mock|test|sample|demo|stub|sandbox/i;

/**
 * Letters only, in words of three letters or more on average: `_RSAPrivateKey`, `ACAccountStore`. A random
 * token of letters only breaks into runs of one or two.
 */
function isIdentifier(secret: string): boolean {
  const body = secret.replace(/^_+/, "");
  if (!/^[A-Za-z]+$/.test(body)) return false;
  const words = body.match(/[A-Z]+(?=[A-Z][a-z]|$)|[A-Z]?[a-z]+|[A-Z]+/g) ?? [];
  return body.length / Math.max(words.length, 1) >= 3;
}

/**
 * `load_value(name)`, `config[key]`, `{name}`, `new Foo()`: identifiers around brackets that balance and
 * close the expression. A password with a bracket in it (`q7}Lm(2xZ!9r`) rarely balances its brackets.
 */
function isCodeExpression(secret: string): boolean {
  const value = secret.replace(/[;,]+$/, "");
  if (!/[(){}[\]]/.test(value) || !/^[\w$.:'"`(){}[\]<>,=!?&|+*/-]+$/.test(value)) return false;
  if (!/^[A-Za-z_$({[]/.test(value) || !/[)}\]](?:\.[A-Za-z_$][\w$]*)*$/.test(value)) return false;
  const words = value.split(/[^\w$]+/).filter(Boolean);
  if (!words.every((word) => /^(?:[A-Za-z_$][\w$]*|\d+)$/.test(word))) return false;
  return balancedBrackets(value);
}

function balancedBrackets(value: string): boolean {
  const open: string[] = [];
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  for (const char of value) {
    if (char === "(" || char === "[" || char === "{") open.push(char);
    else if (char in pairs && open.pop() !== pairs[char]) return false;
  }
  return open.length === 0;
}

const MEMBER_ACCESS = /^[A-Za-z_$][\w$]*(?:(?:\.|\?\.|->|::)[A-Za-z_$][\w$]*)+\.?(?:\(\)?)?$/;

/**
 * `this.config.password`, `settings.DB_PASSWORD`, `http2.server`: identifiers joined by dots. A password
 * with a dot in it (`hfgPSJgcMqH8H2.VT9`) has a part of mixed case and digits in short random runs.
 */
function isMemberAccess(secret: string): boolean {
  return MEMBER_ACCESS.test(secret) && !secret.split(/\.|\?\.|->|::/).some(looksRandomPart);
}

function looksRandomPart(part: string): boolean {
  if (!/[a-z]/.test(part) || !/[A-Z]/.test(part) || !/\d/.test(part)) return false;
  const runs = part.match(/[A-Z]+(?=[A-Z][a-z]|\d|$)|[A-Z]?[a-z]+|[A-Z]+|\d+/g) ?? [];
  const short = runs.filter((run) => run.length <= 2).length;
  return short >= 3 && part.length / runs.length < 3;
}

/**
 * Bitnami Sealed Secrets' `encryptedData` values: ciphertext for one cluster's controller, made to be
 * committed. They are long base64 that starts with `Ag` (the format's version bytes; the third character
 * is any base64 digit, since it already holds bits of the session-key length).
 */
function isSealedSecret(secret: string): boolean {
  return /^Ag[A-Za-z0-9+/]{300,}={0,2}$/.test(secret);
}

/** Value shapes that are code or prose, not a secret. */
const NOT_SECRET_SHAPES: [RegExp, string][] = [
  [/^[a-z]+(?:[-_. ][a-z]+)*\d*[.,:;!?]?$/, "lowercase words"],
  [/^[A-Z]+(?:[-_. ][A-Z]+)*\d*$/, "uppercase words"],
  [/^[A-Za-z]+\d*(?:[-_. +](?:[A-Za-z]+\d*|\d+))+$/, "words"],
  [/^!!?(?:[A-Z][a-z]+|[a-z]+)(?:[A-Z][a-z]+)*$/, "YAML tag"],
  [/^[?!#:][A-Za-z_][A-Za-z_]*\d{0,2}$/, "code symbol"],
  [/^0x[0-9a-f]+$/i, "hex number"],
  [/^\d+\/(?:tcp|udp|sctp)$/i, "port and protocol"],
  [/^-{1,2}[A-Za-z]/, "command-line flag"],
  // `tokenValue = scanExtendedUnicodeEscape(` with its arguments on the next lines.
  [/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\($/, "call continued on the next line"],
  [/^[*&]+[A-Za-z_]\w*[;,]?$/, "pointer or reference"],
  // TypeScript: `password: URLPatternComponentResult;`, `additionalPass: AsyncSeriesHook<[]>;`.
  [/^(?=(?:.*?[A-Z][a-z]+){2})[A-Z][A-Za-z]*(?:<[^;]*>)?(?:\[\])*;$/, "type annotation"],
  // `one pass: \`d===t?a:b\`` in a comment: no password holds a strict comparison.
  [/[=!]==/, "code comparison"],
  [/^[A-Za-z_][\w.-]*=[\w.-]+$/, "key=value setting"],
  [/^[A-Z][a-z]+(?:[-_. ]?[A-Z][a-z]+|[-_. ][a-z]+)*\d?$/, "capitalised words"],
  [/^[a-z]+(?:[A-Z][a-z]+)+\d*$/, "camelCase identifier"],
  [/^(?:[A-Z][a-z]+){2,}\d*$/, "PascalCase identifier"],
  // ASP.NET's `validationKey="AutoGenerate,IsolateApps"`.
  [/^(?:[A-Z][a-z]+)+(?:,(?:[A-Z][a-z]+)+)+$/, "list of identifiers"],
  [/^[a-z]+\d*(?:_[a-z]+\d*)+$/, "snake_case identifier"],
  [/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, "environment variable name"],

  [/^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+$/, "host or dotted name"],
  [/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)|^[\w.-]+(?:\/[\w.-]+)+\.[A-Za-z]{1,5}$/, "file path"],
  // A URL without credentials (`http://orders:8080;`); `redis://:pw@host` carries a password.
  [/^[a-z][a-z0-9+.-]*:\/\/[^@\s/?#]*(?:[/?#;]|$)/i, "URL"],
  [/^[^@\s]+@[\w-]+(?:\.[\w-]+)+$/, "email address"],
  [/^[\d.:,/+TZ -]+$/, "number, version or date"],
  [/^(?:sha\d+|md5)[-:]/i, "hash with its algorithm"],
  [/^pk_(?:live|test)_/, "publishable key, public by design"],
  [/^(?:[0-9A-F]{2}:){7,}[0-9A-F]{2}$/i, "fingerprint"],
];

/**
 * `Glacier2020.Prod`, `Maple2024_Prod`: a password a person chose, words with a year in them, under a
 * password's name. Shaped like words, but code and prose rarely mix case with a run of digits.
 */
function isChosenPassword(secret: string, name: string | undefined): boolean {
  return (
    name !== undefined &&
    /pass|pwd/i.test(name) &&
    /[A-Z]/.test(secret) &&
    /[a-z]/.test(secret) &&
    /\d{2,}/.test(secret) &&
    secret.length >= 8
  );
}

/**
 * `ezmiognhkrljxfzj`: one long run of lowercase letters with few vowels (a Gmail app password) is random,
 * not a word.
 */
function isRandomLowercase(secret: string): boolean {
  if (!/^[a-z]{12,}$/.test(secret)) return false;
  const vowels = secret.replace(/[^aeiouy]/g, "").length;
  return vowels / secret.length < 0.25;
}

/** `0x` and 64 hex digits under a private key's name: an Ethereum private key, not a number. */
function isHexPrivateKey(secret: string, name: string | undefined): boolean {
  return /^0x[0-9a-f]{64}$/i.test(secret) && name !== undefined && /priv|secret|mnemonic/i.test(name);
}

/** Names that say the key is one (`validationKey`, `signingKey`); a hash on the same line is its neighbour. */
const KEY_NAME = /(?:validation|decryption|encryption|signing|sign|hmac|master|private)[-_.]?key/i;

/** The shapes that a chosen password, a random lowercase run or a hex private key may take. */
const KEEP_SHAPES = new Set(["words", "lowercase words", "hex number"]);

/** Why a generic candidate is not a secret, or undefined. `name` is the assigned name, if any. */
export function notASecretReason(secret: string, name: string | undefined, line: string): string | undefined {
  if (/[^\x21-\x7e]/.test(secret)) return "prose, not ASCII";
  if (REFERENCE.test(secret)) return "reference to a secret store or variable";
  if (/secretKeyRef|valueFrom|\$\{\{\s*secrets\./.test(line)) return "reference to a secret store";
  // `_defining_class`, `GIT_CONFIG_VALUE_`, `NonSharedBuffer;`: underscores of private or prefix names and
  // the end of a statement are not part of the value.
  const core = secret.replace(/^[_$]+|[_;,]+$/g, "");
  const kept = isChosenPassword(secret, name) || isRandomLowercase(secret) || isHexPrivateKey(secret, name);
  for (const [pattern, reason] of NOT_SECRET_SHAPES) {
    if (kept && KEEP_SHAPES.has(reason)) continue;
    if (pattern.test(secret) || pattern.test(core)) return reason;
  }
  if (!kept && (isMemberAccess(secret) || isMemberAccess(core))) return "member access";
  if (isSealedSecret(secret)) return "Sealed Secrets ciphertext, safe to commit";
  if (isCodeExpression(secret)) return "code expression";
  if (TEST_VALUE.test(secret)) return "test value";
  if (!kept && isIdentifier(secret)) return "identifier";
  if (UUID.test(secret) && !(name && STRONG_NAME.test(name))) return "UUID";
  if (/^0{8}-/.test(secret)) return "nil UUID";
  const context = name && KEY_NAME.test(name) ? name : `${name ?? ""} ${line}`;
  if (HEX.test(secret) && HASH_LENGTHS.has(secret.length) && HASH_CONTEXT.test(context)) return "hash";
  return undefined;
}
