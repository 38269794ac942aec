/** What a secret's name says: whether it names a secret at all, and which kind of secret. */

/** The last word of a name that holds a secret value (`MAIL_PASSWORD`, `OPENAI_API_KEY`). */
const SECRET_WORDS = new Set([
  "SECRET",
  "SECRETS",
  "PASSWORD",
  "PASSWD",
  "PASS",
  "PWD",
  "PASSPHRASE",
  "TOKEN",
  "KEY",
  "APIKEY",
  "CREDENTIAL",
  "CREDENTIALS",
  "CREDS",
  "DSN",
  "SALT",
  "PAT",
]);

/** Connection strings that carry credentials. */
const CONNECTION =
  /(^|_)(DATABASE|DB|MONGO|MONGODB|POSTGRES|POSTGRESQL|PG|MYSQL|REDIS|AMQP|RABBITMQ)_(URL|URI)$/;

/** Secret-looking names that are configuration, not secrets. */
const NOT_SECRET = /(^|_)(PUBLIC|PUBLISHABLE)_KEY$|^(SORT|PRIMARY|PARTITION|CACHE|FOREIGN)_KEY$/;

/** `MAIL_PASSWORD` yes; `MAIL_USERNAME`, `SECRET_ROTATION_DAYS`, `AWS_KMS_KEY_ID` no. */
export function looksLikeSecretName(name: string): boolean {
  const upper = name.toUpperCase().replace(/[-.]/g, "_");
  if (!/^[A-Z_][A-Z0-9_]*$/.test(upper) || NOT_SECRET.test(upper)) return false;
  const words = upper.split("_").filter(Boolean);
  const last = words[words.length - 1];
  return (last !== undefined && SECRET_WORDS.has(last)) || CONNECTION.test(upper);
}

/**
 * A secret-looking name written as a variable or constant (`MAIL_PASSWORD`, `db_password`), not a lone
 * code word (`secret`, `token`) that names a value in memory.
 */
export function looksLikeSecretVariable(name: string): boolean {
  return looksLikeSecretName(name) && (/^[A-Z0-9_]+$/.test(name) || name.includes("_"));
}

/** The form names are compared in: `db-password`, `db.password` and `DB_PASSWORD` are one secret. */
export function normalizeName(name: string): string {
  return name
    .trim()
    .replace(/[-.\s]+/g, "_")
    .toUpperCase();
}

/** A plain identifier (`SECRET_KEY`, `db-password`), as opposed to a description ("Database passwords"). */
export function isIdentifier(label: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(label) && !/^[A-Z]?[a-z]+$/.test(label);
}

/** Kinds of secret that per-type policies apply to, first match wins. */
export const SECRET_TYPES = [
  ["aws", /(^|_)AWS(_|$)/],
  ["jwt", /(^|_)JWT/],
  ["smtp", /SMTP|(^|_)E?MAIL/],
  ["database", /DATABASE|(^|_)DB(_|$)|POSTGRES|MYSQL|MONGO|REDIS|(^|_)PG(_|$)|(^|_)SQL/],
  ["encryption_key", /ENCRYPT|(^|_)KMS(_|$)|FERNET|CIPHER|(^|_)CRYPT/],
  ["ssh_key", /(^|_)SSH(_|$)|(^|_)ID_RSA|DEPLOY_KEY/],
  ["oauth", /OAUTH|CLIENT_SECRET/],
  ["webhook", /WEBHOOK/],
  ["api_key", /API_?KEYS?(_|$)/],
  ["password", /PASSWORDS?|PASSWD|(^|_)PWD/],
  ["token", /TOKENS?(_|$)/],
  ["secret_key", /SECRET_KEY|SESSION|SIGNING|SECRETS?$/],
] as const satisfies readonly (readonly [string, RegExp])[];

export type SecretType = (typeof SECRET_TYPES)[number][0];
export const SECRET_TYPE_NAMES: readonly string[] = SECRET_TYPES.map(([type]) => type);

/** `OPENAI_API_KEY` → api_key; "Database passwords" → database; "API keys (3rd party)" → api_key. */
export function classifySecret(label: string): SecretType | undefined {
  const key = label
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (SECRET_TYPE_NAMES.includes(key.toLowerCase())) return key.toLowerCase() as SecretType;
  return SECRET_TYPES.find(([, pattern]) => pattern.test(key))?.[0];
}
