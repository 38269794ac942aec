import { randomBytes } from "node:crypto";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Random characters from `alphabet`: fake secrets are built at test time, never stored. */
export function randomToken(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

export const fake = {
  githubPat: () => `ghp_${randomToken(36)}`,
  awsAccessKeyId: () => `AKIA${randomToken(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`,
  awsSecretKey: () => randomToken(40, `${ALNUM}/+`),
  stripeLive: () => `sk_live_${randomToken(24)}`,
  slackBot: () => `xoxb-${randomToken(11, "0123456789")}-${randomToken(12, "0123456789")}-${randomToken(24)}`,
};
