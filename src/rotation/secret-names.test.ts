import { describe, expect, it } from "vitest";
import {
  classifySecret,
  isIdentifier,
  looksLikeSecretName,
  looksLikeSecretVariable,
  normalizeName,
} from "./secret-names.js";

describe("looksLikeSecretName", () => {
  it.each([
    "SECRET_KEY",
    "JWT_SECRET_KEY",
    "ENCRYPTION_KEY",
    "ADMIN_PASSWORD",
    "MAIL_PASSWORD",
    "VAULT_TOKEN",
    "OPENAI_API_KEY",
    "AWS_SECRET_ACCESS_KEY",
    "DATABASE_URL",
    "MONGO_URI",
    "SENTRY_DSN",
    "db_password",
  ])("takes %s for a secret", (name) => {
    expect(looksLikeSecretName(name)).toBe(true);
  });

  it.each([
    "FLASK_ENV",
    "PORT",
    "MAIL_USERNAME",
    "DEFAULT_ADMIN_EMAIL",
    "SECRET_ENCRYPTION_BACKEND",
    "SECRET_ROTATION_DAYS",
    "ENABLE_SECRET_AUDIT_LOGGING",
    "AWS_KMS_KEY_ID",
    "STRIPE_PUBLISHABLE_KEY",
    "VAULT_URL",
  ])("does not take %s for a secret", (name) => {
    expect(looksLikeSecretName(name)).toBe(false);
  });
});

describe("looksLikeSecretVariable", () => {
  it("takes constants and snake_case names for variables, and lone code words for values in memory", () => {
    expect(["MAIL_PASSWORD", "db_password", "TOKEN"].map(looksLikeSecretVariable)).toEqual([
      true,
      true,
      true,
    ]);
    expect(["secret", "password", "apiKey"].map(looksLikeSecretVariable)).toEqual([false, false, false]);
  });
});

describe("classifySecret", () => {
  it.each([
    ["MAIL_PASSWORD", "smtp"],
    ["SMTP passwords", "smtp"],
    ["ADMIN_PASSWORD", "password"],
    ["JWT_SECRET_KEY", "jwt"],
    ["SECRET_KEY", "secret_key"],
    ["DATABASE_URL", "database"],
    ["Database passwords", "database"],
    ["OPENAI_API_KEY", "api_key"],
    ["API keys (3rd party)", "api_key"],
    ["api_keys", "api_key"],
    ["AWS credentials", "aws"],
    ["AWS_SECRET_ACCESS_KEY", "aws"],
    ["Encryption keys", "encryption_key"],
    ["AGENT_KMS_KEY", "encryption_key"],
    ["VAULT_TOKEN", "token"],
    ["WEBHOOK_SECRET", "webhook"],
  ])("files %j under %s", (label, type) => {
    expect(classifySecret(label)).toBe(type);
  });

  it("files nothing under a type when the words say nothing", () => {
    expect(classifySecret("Feature flags")).toBeUndefined();
  });
});

describe("names", () => {
  it("compares names whatever their case and separators", () => {
    expect(normalizeName("db-password")).toBe(normalizeName("DB_PASSWORD"));
    expect(normalizeName("db.password")).toBe(normalizeName("DB_PASSWORD"));
  });

  it("tells an identifier from a description", () => {
    expect(isIdentifier("SECRET_KEY")).toBe(true);
    expect(isIdentifier("db-password")).toBe(true);
    expect(isIdentifier("Database passwords")).toBe(false);
    expect(isIdentifier("Passwords")).toBe(false);
  });
});
