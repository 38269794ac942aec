// Helpers for the recall corpus generator: a seeded PRNG and secret shapes in providers' documented alphabets.
let state = 0x2f6b1d3;
export function seed(n) {
  state = n >>> 0;
}
export function rand() {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
export const A = {
  alnum: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
  upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  upnum: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  lower: "abcdefghijklmnopqrstuvwxyz",
  lonum: "abcdefghijklmnopqrstuvwxyz0123456789",
  hex: "0123456789abcdef",
  HEX: "0123456789ABCDEF",
  digits: "0123456789",
  b64: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  b64url: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
  letters: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  base32: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
  bech32: "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
  django: "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)",
  pw: "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!^-_.",
  upw: "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.",
};
// Placeholder-ish substrings a real random value would not be allowed to carry here.
const BANNED =
  /example|dummy|fake|test|xxx|your|sample|mock|sandbox|change|todo|redact|placeholder|secret|token|passw|admin|root|guest|null|none|true|false|0123|1234|2345|3456|4567|5678|6789|abcd|bcde|cdef|qwer|asdf|(.)\1\1\1/i;
export function pick(alpha, n) {
  for (;;) {
    let s = "";
    for (let i = 0; i < n; i++) s += alpha[Math.floor(rand() * alpha.length)];
    if (!BANNED.test(s)) return s;
  }
}
export const alnum = (n) => pick(A.alnum, n);
export const hex = (n) => pick(A.hex, n);
export const HEX = (n) => pick(A.HEX, n);
export const digits = (n) => {
  for (;;) {
    const s = pick(A.digits, n);
    if (s[0] !== "0") return s;
  }
};
export const upper = (n) => pick(A.upper, n);
export const upnum = (n) => pick(A.upnum, n);
export const lower = (n) => pick(A.lower, n);
export const lonum = (n) => pick(A.lonum, n);
export const b64 = (n) => pick(A.b64, n);
export const b64url = (n) => pick(A.b64url, n);
export const letters = (n) => pick(A.letters, n);
export const base32 = (n) => pick(A.base32, n);
function pw(alpha, n) {
  for (;;) {
    const s = pick(alpha, n);
    if (/^[A-Za-z0-9]/.test(s) && /[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s)) return s;
  }
}
/** A generated password: letters, digits and a few punctuation marks, starting with a letter or digit. */
export const password = (n = 16) => pw(A.pw, n);
/** A generated password that is safe inside a URL or DSN without percent-encoding. */
export const upw = (n = 16) => pw(A.upw, n);
export const uuid = () =>
  `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(rand() * 4)]}${hex(3)}-${hex(12)}`;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
export function crc32(str) {
  let c = 0xffffffff;
  for (const b of Buffer.from(str)) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export function base62(n, width) {
  let s = "";
  do {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(width, "0");
}
/** GitHub / npm style token: prefix + 30 random base62 + 6-char base62 CRC32 of the random part. */
export function checksummed(prefix, n = 30) {
  const body = alnum(n);
  return `${prefix}${body}${base62(crc32(body), 6)}`;
}
export const b64enc = (s) => Buffer.from(s).toString("base64");
export const b64urlenc = (s) => Buffer.from(s).toString("base64url");
export function jwt(payload, alg = "HS256") {
  const h = b64urlenc(JSON.stringify({ alg, typ: "JWT" }));
  const p = b64urlenc(JSON.stringify(payload));
  return `${h}.${p}.${b64url(alg === "HS256" ? 43 : 342)}`;
}
/** A PEM block with random base64 body starting with the DER prefix of that key type. */
export function pem(type, derPrefix, bytes) {
  const body = derPrefix + b64(Math.ceil((bytes * 4) / 3) - derPrefix.length);
  const lines = body.match(/.{1,64}/g).join("\n");
  return `-----BEGIN ${type}-----\n${lines}\n-----END ${type}-----`;
}
export const rsaKey = () => pem("RSA PRIVATE KEY", "MIIEowIBAAKCAQEA", 1190);
export const pkcs8Key = () => pem("PRIVATE KEY", "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQ", 1210);
export const ecKey = () => pem("EC PRIVATE KEY", "MHcCAQEEI", 121);
export const opensshKey = () =>
  pem("OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW", 400);
