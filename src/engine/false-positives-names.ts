/**
 * Judges the name a generic rule saw a value assigned to. Rule patterns cast a wide net (`*token*`,
 * `*_key`); here the name is split into words and kept only when it names a secret itself, not its id,
 * its length, its hash, a public key or a database key.
 */

/** Words that make a name a secret's name. */
const SECRET_WORDS = new Set([
  "password",
  "passwd",
  "passphrase",
  "pwd",
  "pass",
  "pw",
  "secret",
  "secrets",
  "token",
  "apikey",
  "key",
  "auth",
  "credential",
  "credentials",
  "creds",
  // sssd's `ldap_default_authtok`.
  "authtok",
]);

/** A name ending in one of these is about a secret, not the secret: `tokenUrl`, `password_length`, `secretName`. */
const NOT_THE_VALUE = new Set([
  "name",
  "names",
  "id",
  "ids",
  "ref",
  "refs",
  "type",
  "types",
  "path",
  "paths",
  "file",
  "filename",
  "filepath",
  "dir",
  "url",
  "uri",
  "endpoint",
  "host",
  "header",
  "field",
  "fields",
  "label",
  "length",
  "len",
  "size",
  "count",
  "env",
  "var",
  "variable",
  "prefix",
  "suffix",
  "param",
  "arn",
  "version",
  "ttl",
  "expiry",
  "expires",
  "expiration",
  "expire",
  "timeout",
  "lifetime",
  "provider",
  "policy",
  "mode",
  "format",
  "algorithm",
  "alg",
  "class",
  "enabled",
  "required",
  "hash",
  "hashed",
  "digest",
  "sha",
  "md5",
  "placeholder",
  "hint",
  "regex",
  "pattern",
  "rule",
  "rules",
  "input",
  "selector",
  "text",
  "title",
  "description",
  "message",
  "msg",
  "error",
  "errors",
  "button",
  "link",
  "confirm",
  "confirmation",
  "strength",
  "validator",
  "validation",
  "manager",
  "handler",
  "callback",
  "store",
  "source",
  "location",
  "limit",
  "index",
  "kind",
  "schema",
  "column",
  "style",
  "icon",
  "visible",
  "visibility",
  "changed",
  "exists",
  "valid",
  "expired",
  "encoding",
  "encrypted",
  "usage",
  "storage",
  "key",
]);

/** A name holding one of these is not a secret's: `public_key`, `max_tokens`, `csrf_token`, `passport`. */
const NOT_SECRET = new Set([
  "public",
  "publishable",
  "pub",
  "idempotency",
  "csrf",
  "xsrf",
  "page",
  "next",
  "continuation",
  "cursor",
  "tokens",
  "tokenizer",
  "max",
  "min",
  "num",
  "forgot",
  "show",
  "toggle",
  "is",
  "has",
  "use",
  "should",
  "allow",
  "no",
  "bypass",
  "compass",
  "passport",
  "keyboard",
  "keys",
  "hotkey",
  "shortcut",
  "keycode",
  "keyframe",
  "keyframes",
  "keyword",
  "keywords",
  "author",
  "authority",
  "oauth2",
]);

/**
 * A `key` right after one of these is a data key or a public one, not a secret: `sort_key`, `cacheKey`,
 * `primary_key`, `RECAPTCHA_SITE_KEY` (reCAPTCHA and hCaptcha site keys go in the page on purpose),
 * Figma's `FILE_KEY` and an S3 `object_key` (which name a document).
 */
const DATA_KEY_KINDS = new Set([
  "site",
  "primary",
  "foreign",
  "sort",
  "partition",
  "range",
  "cache",
  "unique",
  "lookup",
  "map",
  "translation",
  "i18n",
  "file",
  "object",
  "row",
  "record",
]);

/**
 * Methods that take a secret to work on it, not to keep it: `hashPassword("…")`, `getSecret("name")`. Only
 * as the first word of a camelCase method name; `VERIFY_TOKEN`, `NPM_READ_TOKEN` and
 * `RESET_PASSWORD_SECRET` are settings that hold a secret.
 */
const METHOD_VERBS = new Set([
  "get",
  "fetch",
  "read",
  "load",
  "lookup",
  "find",
  "remove",
  "delete",
  "clear",
  "validate",
  "check",
  "verify",
  "compare",
  "hash",
  "encrypt",
  "decrypt",
  "encode",
  "decode",
  "generate",
  "reset",
]);

/** One word that glues a secret word to another: `DBPASSWORD`, `apitoken`, `SECRETKEY`. */
const GLUED_SECRET =
  /^[a-z0-9]*(?:password|passwd|passphrase|passcode|secret|token|apikey|pwd)$|^(?:api|secret|access|private|auth|master|signing|encryption|client|app|license|session)key$/;

function isSecretWord(word: string): boolean {
  return SECRET_WORDS.has(word) || GLUED_SECRET.test(word);
}

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password`, `x-api-key` into lowercase words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The last member of a dotted or arrowed access: `this.config.password` → `password`; a bare `key` keeps
 * the member before it, which says what key it is: `app.encryption.key` → `encryption.key`.
 */
function lastSegment(name: string): string {
  const parts = name.split(/\.|->|::/).filter(Boolean);
  const last = parts[parts.length - 1] ?? name;
  if (parts.length > 1 && /^key$/i.test(last)) return `${parts[parts.length - 2]}.${last}`;
  return last;
}

/**
 * Names that hold a secret word and no secret: nginx's `proxy_pass` (and its kin) names an upstream;
 * Pusher's app key (`PUSHER_APP_KEY`, `VITE_PUSHER_APP_KEY`) goes to browsers, its app secret does not.
 */
const PUBLIC_NAMES = /^(?:proxy|fastcgi|uwsgi|scgi|grpc|memcached)_pass$|(?:^|_)pusher_app_key$/;

/** True when `name` plausibly holds a secret value (`password`, `STRIPE_API_KEY`, `authToken`). */
export function isSecretName(name: string): boolean {
  const words = nameWords(lastSegment(name));
  const last = words[words.length - 1];
  // `Unexpected_token_did_you_mean_1382`: a message key, not a variable.
  if (!last || words.length > 6) return false;
  if (PUBLIC_NAMES.test(words.join("_"))) return false;
  if (words.some((word) => NOT_SECRET.has(word))) return false;
  if (isMethodName(lastSegment(name), words)) return false;
  if (last === "key" && DATA_KEY_KINDS.has(words[words.length - 2] ?? "")) return false;
  if (!words.some(isSecretWord)) return false;
  // `key` alone says nothing (`key: "title"`); `*_key` says secret only with a qualifier before it.
  if (last === "key") return words.length > 1;
  if (NOT_THE_VALUE.has(last)) return false;
  // `secret_key_id`, `token_type_hint`: a secret word followed by other words names something else.
  const lastSecret = Math.max(...words.map((word, i) => (isSecretWord(word) ? i : -1)));
  const after = words.slice(lastSecret + 1);
  return after.every((word) => !NOT_THE_VALUE.has(word) || word === "key");
}

/** `hashPassword`, `getSecret`: a camelCase name that starts with a verb names a method. */
function isMethodName(segment: string, words: string[]): boolean {
  return /^[a-z]+[A-Z]/.test(segment) && METHOD_VERBS.has(words[0] ?? "");
}

/** The secret words of a name, to spot a value that only repeats it (`password: "password"`). */
export function secretWordsOf(name: string): string[] {
  return nameWords(lastSegment(name)).filter((word) => SECRET_WORDS.has(word));
}
