// Positive files of the recall corpus. Each builder gets S(kind, value): it records the secret and returns it.
import * as g from "./lib.mjs";

const { alnum, hex, HEX, digits, upnum, lonum, b64, b64url, letters, password, upw, uuid, checksummed, jwt } =
  g;

const awsId = () => `AKIA${g.pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`;
const awsSecret = () => g.pick(g.A.b64, 40);
const ghp = () => checksummed("ghp_");
const _gho = () => checksummed("gho_");
const ghs = () => checksummed("ghs_");
const _ghu = () => checksummed("ghu_");
const ghpat = () => `github_pat_11${upnum(20)}_${alnum(59)}`;
const glpat = () => `glpat-${g.pick(`${g.A.alnum}-_`, 20)}`;
const slackBot = () => `xoxb-${digits(12)}-${digits(13)}-${alnum(24)}`;
const slackUser = () => `xoxp-${digits(12)}-${digits(12)}-${digits(13)}-${hex(32)}`;
const slackHook = () => `https://hooks.slack.com/services/T${upnum(8)}/B${upnum(10)}/${alnum(24)}`;
const stripeLive = () => `sk_live_51${alnum(97)}`;
const stripeRk = () => `rk_live_51${alnum(97)}`;
const whsec = () => `whsec_${alnum(32)}`;
const openai = () => `sk-proj-${b64url(74)}T3BlbkFJ${b64url(74)}`;
const openaiLegacy = () => `sk-${alnum(20)}T3BlbkFJ${alnum(20)}`;
const anthropic = () => `sk-ant-api03-${b64url(93)}AA`;
const gkey = () => `AIza${b64url(35)}`;
const azureKey = () => `${b64(86)}==`;
const twilioSk = () => `SK${hex(32)}`;
const twilioAc = () => `AC${hex(32)}`;
const sendgrid = () => `SG.${b64url(22)}.${b64url(43)}`;
const mailgun = () => `key-${hex(32)}`;
const npmTok = () => checksummed("npm_");
const pypi = () => `pypi-AgEIcHlwaS5vcmc${b64url(160)}`;
const dckr = () => `dckr_pat_${b64url(27)}`;
const shpat = () => `shpat_${hex(32)}`;
const hf = () => `hf_${letters(34)}`;
const nrak = () => `NRAK-${upnum(27)}`;
const sentryDsn = () => `https://${hex(32)}@o${digits(6)}.ingest.us.sentry.io/${digits(7)}`;
const sntrys = () =>
  `sntrys_${g.b64enc(JSON.stringify({ iat: 1718000000 + Math.floor(g.rand() * 1e7), url: "https://sentry.io", region_url: "https://us.sentry.io", org: "northwind" })).replace(/=+$/, "")}_${b64(43)}`;

export const positives = [
  {
    path: "python/settings.py",
    build: (S) => `"""Django settings for orders project."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = '${S("django-secret-key", `django-insecure-${g.pick(g.A.django, 50)}`)}'

DEBUG = False
ALLOWED_HOSTS = ["orders.northwind.io"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "orders",
        "USER": "orders_app",
        "PASSWORD": "${S("password", password(18))}",
        "HOST": "db.internal.northwind.io",
        "PORT": "5432",
    }
}

EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = "${S("sendgrid-api-key", sendgrid())}"

AWS_ACCESS_KEY_ID = "${S("aws-access-key-id", awsId())}"
AWS_SECRET_ACCESS_KEY = "${S("aws-secret-access-key", awsSecret())}"
AWS_STORAGE_BUCKET_NAME = "northwind-orders-media"
`,
  },
  {
    path: "python/billing/stripe_client.py",
    build: (S) => `import os
import stripe

stripe.api_key = "${S("stripe-secret-key", stripeLive())}"
WEBHOOK_SECRET = "${S("stripe-webhook-secret", whsec())}"


def charge(customer_id: str, amount: int) -> stripe.PaymentIntent:
    return stripe.PaymentIntent.create(customer=customer_id, amount=amount, currency="usd")


def verify(payload: bytes, header: str):
    return stripe.Webhook.construct_event(payload, header, WEBHOOK_SECRET)
`,
  },
  {
    path: "python/llm/agent.py",
    build: (S) => `from openai import OpenAI
from anthropic import Anthropic

openai_client = OpenAI(api_key="${S("openai-api-key", openai())}")
claude = Anthropic(api_key="${S("anthropic-api-key", anthropic())}")


def summarize(text: str) -> str:
    msg = claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        messages=[{"role": "user", "content": f"Summarize: {text}"}],
    )
    return msg.content[0].text
`,
  },
  {
    path: "python/scripts/upload_model.py",
    build: (S) => `#!/usr/bin/env python3
from huggingface_hub import HfApi, login

HF_TOKEN = "${S("huggingface-token", hf())}"

login(token=HF_TOKEN)
api = HfApi()
api.upload_folder(folder_path="./checkpoints/final", repo_id="northwind/ranker-v3", repo_type="model")
`,
  },
  {
    path: "python/etl/warehouse.py",
    build: (S) => `import psycopg2
import pymongo
import redis
from sqlalchemy import create_engine

engine = create_engine("postgresql+psycopg2://etl:${S("postgres-uri-password", upw(20))}@warehouse.cluster-c9x2.us-east-1.rds.amazonaws.com:5432/analytics")
mongo = pymongo.MongoClient("mongodb+srv://reporting:${S("mongodb-uri-password", alnum(16))}@cluster0.h3kq9.mongodb.net/events?retryWrites=true&w=majority")
cache = redis.Redis.from_url("rediss://default:${S("redis-uri-password", alnum(32))}@redis-14021.c91.us-east-1-3.ec2.cloud.redislabs.com:14021")


def load(rows):
    with psycopg2.connect(host="10.0.4.12", dbname="staging", user="loader", password="${S("password", password(14))}") as conn:
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO staging.events VALUES (%s, %s, %s)", rows)
`,
  },
  {
    path: "python/notify/slack_alerts.py",
    build: (S) => `import requests
from slack_sdk import WebClient

SLACK_WEBHOOK_URL = "${S("slack-webhook", slackHook())}"
client = WebClient(token="${S("slack-bot-token", slackBot())}")


def alert(text):
    requests.post(SLACK_WEBHOOK_URL, json={"text": text}, timeout=5)
    client.chat_postMessage(channel="#oncall", text=text)
`,
  },
  {
    path: "python/sms.py",
    build: (S) => `from twilio.rest import Client

account_sid = "${twilioAc()}"
auth_token = "${S("twilio-auth-token", hex(32))}"
client = Client(account_sid, auth_token)

message = client.messages.create(body="Your order has shipped", from_="+15017122661", to="+15558675310")
print(message.sid)
`,
  },
  {
    path: "python/gcp/bq_export.py",
    build: (S) => `from google.cloud import bigquery
import googlemaps

gmaps = googlemaps.Client(key="${S("google-api-key", gkey())}")
client = bigquery.Client.from_service_account_json("/etc/bq/sa.json")
`,
  },
  {
    path: "js/server.js",
    build: (S) => `const express = require("express");
const { Octokit } = require("@octokit/rest");
const jwt = require("jsonwebtoken");

const app = express();
const octokit = new Octokit({ auth: "${S("github-pat", ghp())}" });
const JWT_SECRET = "${S("generic-secret", b64(48))}";

app.get("/repos", async (req, res) => {
  const { data } = await octokit.repos.listForOrg({ org: "northwind" });
  res.json(data.map((r) => r.full_name));
});

app.post("/login", (req, res) => {
  res.json({ token: jwt.sign({ sub: req.body.user }, JWT_SECRET, { expiresIn: "1h" }) });
});

app.listen(3000);
`,
  },
  {
    path: "js/config/default.js",
    build: (S) => `module.exports = {
  port: 8080,
  mongo: {
    uri: "mongodb://api:${S("mongodb-uri-password", upw(16))}@mongo-0.mongo:27017,mongo-1.mongo:27017/shop?replicaSet=rs0",
  },
  mailgun: {
    apiKey: "${S("mailgun-api-key", mailgun())}",
    domain: "mg.northwind.io",
  },
  sentry: {
    dsn: "${S("sentry-dsn", sentryDsn())}",
  },
};
`,
  },
  {
    path: "js/src/lib/ai.ts",
    build: (S) => `import OpenAI from "openai";

const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY ?? "${S("openai-api-key", openai())}",
});

export async function complete(prompt: string): Promise<string> {
  const res = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: prompt }] });
  return res.choices[0]?.message?.content ?? "";
}
`,
  },
  {
    path: "js/src/services/shopify.ts",
    build: (S) => `import { shopifyApi, ApiVersion } from "@shopify/shopify-api";

export const shopify = shopifyApi({
  apiKey: "${S("shopify-api-key-id", hex(32))}",
  apiSecretKey: "${S("shopify-shared-secret", `shpss_${hex(32)}`)}",
  adminApiAccessToken: "${S("shopify-access-token", shpat())}",
  apiVersion: ApiVersion.July25,
  hostName: "shop.northwind.io",
  isEmbeddedApp: false,
});
`,
  },
  {
    path: "js/src/firebase.ts",
    build: (S) => `import { initializeApp } from "firebase-admin/app";
import { cert } from "firebase-admin/app";

initializeApp({
  credential: cert({
    projectId: "northwind-prod",
    clientEmail: "firebase-adminsdk-k2v9q@northwind-prod.iam.gserviceaccount.com",
    privateKey: "${S("private-key", g.pkcs8Key().replace(/\n/g, "\\n"))}",
  }),
});
`,
  },
  {
    path: "js/scripts/publish.mjs",
    build: (S) => `import { execSync } from "node:child_process";
import { writeFileSync } from "node:fs";

writeFileSync(".npmrc", "//registry.npmjs.org/:_authToken=${S("npm-token", npmTok())}\\n");
execSync("npm publish --access public", { stdio: "inherit" });
`,
  },
  {
    path: "js/src/auth/supabase.ts",
    build: (S) => `import { createClient } from "@supabase/supabase-js";

const SUPABASE_URL = "https://qhvbxkzrtnmwplfaydoe.supabase.co";
const SUPABASE_SERVICE_ROLE_KEY =
  "${S("jwt", jwt({ iss: "supabase", ref: "qhvbxkzrtnmwplfaydoe", role: "service_role", iat: 1715000000, exp: 2030576000 }))}";

export const admin = createClient(SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, { auth: { persistSession: false } });
`,
  },
  {
    path: "go/cmd/worker/main.go",
    build: (S) => `package main

import (
	"database/sql"
	"log"

	"github.com/aws/aws-sdk-go-v2/credentials"
	_ "github.com/go-sql-driver/mysql"
)

const dsn = "app:${S("mysql-dsn-password", upw(16))}@tcp(mysql.internal:3306)/inventory?parseTime=true"

func main() {
	creds := credentials.NewStaticCredentialsProvider("${S("aws-access-key-id", awsId())}", "${S("aws-secret-access-key", awsSecret())}", "")
	_ = creds
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
}
`,
  },
  {
    path: "go/internal/config/config.go",
    build: (S) => `package config

type Config struct {
	SlackToken   string
	DatadogKey   string
	StripeSecret string
	Password     string
}

var Default = Config{
	SlackToken:   "${S("slack-user-token", slackUser())}",
	DatadogKey:   "${S("datadog-api-key", hex(32))}",
	StripeSecret: "${S("stripe-restricted-key", stripeRk())}",
	Password:     "${S("password", password(16))}",
}
`,
  },
  {
    path: "go/pkg/notify/telegram.go",
    build: (S) => `package notify

import (
	"fmt"
	"net/http"
	"net/url"
)

const botToken = "${S("telegram-bot-token", `${digits(10)}:AA${b64url(33)}`)}"

func Send(chatID int64, text string) error {
	endpoint := fmt.Sprintf("https://api.telegram.org/bot%s/sendMessage", botToken)
	_, err := http.PostForm(endpoint, url.Values{"chat_id": {fmt.Sprint(chatID)}, "text": {text}})
	return err
}
`,
  },
  {
    path: "java/src/main/java/io/northwind/billing/PaymentConfig.java",
    build: (S) => `package io.northwind.billing;

import com.stripe.Stripe;
import org.springframework.context.annotation.Configuration;
import javax.annotation.PostConstruct;

@Configuration
public class PaymentConfig {
    private static final String STRIPE_KEY = "${S("stripe-secret-key", stripeLive())}";
    private static final String BRAINTREE_TOKEN = "${S("braintree-access-token", `access_token$production$${lonum(16)}$${hex(32)}`)}";

    @PostConstruct
    public void init() {
        Stripe.apiKey = STRIPE_KEY;
    }
}
`,
  },
  {
    path: "java/src/main/java/io/northwind/db/DataSourceFactory.java",
    build: (S) => `package io.northwind.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import com.zaxxer.hikari.HikariDataSource;

public final class DataSourceFactory {
    public static Connection legacy() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://legacy-db:3306/erp", "erp_ro", "${S("password", password(15))}");
    }

    public static HikariDataSource pool() {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl("jdbc:postgresql://pg.internal:5432/erp");
        ds.setUsername("erp");
        ds.setPassword("${S("password", password(17))}");
        return ds;
    }
}
`,
  },
  {
    path: "java/src/main/resources/application.properties",
    build: (S) => `spring.application.name=erp-api
server.port=8080
spring.datasource.url=jdbc:postgresql://pg.internal:5432/erp?user=erp&password=${S("jdbc-password", upw(16))}
spring.mail.host=smtp.mailgun.org
spring.mail.username=postmaster@mg.northwind.io
spring.mail.password=${S("password", `${hex(32)}-${hex(8)}-${hex(8)}`)}
aws.s3.access-key=${S("aws-access-key-id", awsId())}
aws.s3.secret-key=${S("aws-secret-access-key", awsSecret())}
management.endpoints.web.exposure.include=health,info
`,
  },
  {
    path: "java/src/main/resources/application-prod.yml",
    build: (S) => `spring:
  datasource:
    url: jdbc:sqlserver://sql-prod.database.windows.net:1433;database=erp;user=erpadmin@sql-prod;password=${S("jdbc-password", upw(18))};encrypt=true
  rabbitmq:
    addresses: amqps://erp:${S("amqp-uri-password", alnum(24))}@b-7c1e.mq.us-east-1.amazonaws.com:5671
okta:
  oauth2:
    issuer: https://northwind.okta.com/oauth2/default
    client-id: 0oa8k2m4n6p9q1r3s5t7
    client-secret: ${S("okta-client-secret", b64url(40))}
`,
  },
  {
    path: "csharp/appsettings.Production.json",
    build: (S) => `{
  "Logging": { "LogLevel": { "Default": "Warning" } },
  "ConnectionStrings": {
    "Default": "Server=tcp:nw-sql.database.windows.net,1433;Initial Catalog=Orders;User ID=orders_app;Password=${S("adonet-password", password(18))};Encrypt=True;",
    "Storage": "DefaultEndpointsProtocol=https;AccountName=nwordersprod;AccountKey=${S("azure-storage-account-key", azureKey())};EndpointSuffix=core.windows.net",
    "ServiceBus": "Endpoint=sb://nw-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${S("azure-sas-key", `${b64(43)}=`)}"
  },
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "${uuid()}",
    "ClientId": "${uuid()}",
    "ClientSecret": "${S("azure-ad-client-secret", `${alnum(3)}8Q~${g.pick(`${g.A.alnum}~._-`, 34)}`)}"
  }
}
`,
  },
  {
    path: "csharp/Services/BlobUploader.cs",
    build: (S) => `using Azure.Storage.Blobs;
using System.Net;

namespace Northwind.Orders.Services;

public class BlobUploader
{
    private const string SasUrl = "https://nwordersprod.blob.core.windows.net/invoices?sv=2022-11-02&ss=b&srt=co&sp=rwdlacx&se=2026-12-31T23:59:59Z&st=2025-01-01T00:00:00Z&spr=https&sig=${S("azure-sas-signature", encodeURIComponent(`${b64(43)}=`))}";

    private readonly NetworkCredential _ftp = new NetworkCredential("invoices", "${S("password", password(14))}");

    public BlobContainerClient Container() => new BlobContainerClient(new Uri(SasUrl));
}
`,
  },
  {
    path: "csharp/Web.config",
    build: (S) => `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <connectionStrings>
    <add name="Erp" connectionString="Data Source=erp-sql01;Initial Catalog=Erp;User Id=erp_web;Password=${S("adonet-password", password(16))};" providerName="System.Data.SqlClient" />
  </connectionStrings>
  <appSettings>
    <add key="SendGridApiKey" value="${S("sendgrid-api-key", sendgrid())}" />
    <add key="SmtpPassword" value="${S("password", password(14))}" />
  </appSettings>
</configuration>
`,
  },
  {
    path: "ruby/config/initializers/services.rb",
    build: (
      S,
    ) => `Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY", "${S("stripe-secret-key", `sk_live_${alnum(24)}`)}")

Twilio.configure do |config|
  config.account_sid = "${twilioAc()}"
  config.auth_token = "${S("twilio-auth-token", hex(32))}"
end

Sentry.init do |config|
  config.dsn = "${S("sentry-dsn", sentryDsn())}"
end
`,
  },
  {
    path: "ruby/config/secrets.yml",
    build: (S) => `production:
  secret_key_base: ${S("rails-secret-key-base", hex(128))}
  github_client_secret: ${S("github-oauth-client-secret", hex(40))}
`,
  },
  {
    path: "ruby/lib/tasks/deploy.rake",
    build: (S) => `namespace :deploy do
  task :notify do
    conn = Faraday.new(url: "https://api.heroku.com") do |f|
      f.request :authorization, "Bearer", "${S("heroku-api-key", `HRKU-AA${b64url(58)}`)}"
    end
    conn.post("/apps/northwind-web/builds")
  end
end
`,
  },
  {
    path: "php/wp-config.php",
    build: (S) => `<?php
define( 'DB_NAME', 'wp_northwind' );
define( 'DB_USER', 'wp_admin_nw' );
define( 'DB_PASSWORD', '${S("password", password(20))}' );
define( 'DB_HOST', 'mysql.internal' );

define( 'AUTH_KEY',         '${S("wordpress-salt", g.pick(`${g.A.alnum}!@#$%^&*()-_[]{}<>~+=,.;:/?|`, 64))}' );
define( 'SECURE_AUTH_KEY',  '${S("wordpress-salt", g.pick(`${g.A.alnum}!@#$%^&*()-_[]{}<>~+=,.;:/?|`, 64))}' );

$table_prefix = 'wp_';
require_once ABSPATH . 'wp-settings.php';
`,
  },
  {
    path: "php/src/Mailer.php",
    build: (S) => `<?php
namespace Northwind\\Mail;

use Mailgun\\Mailgun;
use PDO;

final class Mailer
{
    private const BREVO_KEY = '${S("brevo-api-key", `xkeysib-${hex(64)}-${alnum(16)}`)}';

    public function pdo(): PDO
    {
        return new PDO('mysql:host=db;dbname=mail', 'mailer', '${S("password", password(15))}');
    }

    public function mailgun(): Mailgun
    {
        return Mailgun::create('${S("mailgun-api-key", `${hex(32)}-${hex(8)}-${hex(8)}`)}');
    }
}
`,
  },
  {
    path: "php/.env",
    build: (S) => `APP_NAME=Northwind
APP_ENV=production
APP_KEY=base64:${S("laravel-app-key", `${b64(43)}=`)}
APP_DEBUG=false
DB_CONNECTION=mysql
DB_HOST=127.0.0.1
DB_DATABASE=northwind
DB_USERNAME=forge
DB_PASSWORD=${S("password", password(16))}
PUSHER_APP_ID=1784230
PUSHER_APP_KEY=${hex(20)}
PUSHER_APP_SECRET=${S("pusher-app-secret", hex(20))}
`,
  },
  {
    path: "rust/src/main.rs",
    build: (S) => `use reqwest::Client;

const DISCORD_WEBHOOK: &str = "${S("discord-webhook", `https://discord.com/api/webhooks/${digits(19)}/${b64url(68)}`)}";
const GROQ_API_KEY: &str = "${S("groq-api-key", `gsk_${alnum(52)}`)}";

#[tokio::main]
async fn main() -> Result<(), reqwest::Error> {
    let client = Client::new();
    client.post(DISCORD_WEBHOOK).json(&serde_json::json!({"content": "deploy finished"})).send().await?;
    Ok(())
}
`,
  },
  {
    path: "rust/config/production.toml",
    build: (S) => `[server]
bind = "0.0.0.0:8080"

[database]
url = "postgres://svc_ledger:${S("postgres-uri-password", upw(22))}@ledger-db.internal:5432/ledger"

[github]
app_id = 904213
webhook_secret = "${S("generic-secret", hex(40))}"
installation_token = "${S("github-app-token", ghs())}"
`,
  },
  {
    path: "kotlin/app/src/main/java/io/northwind/app/Api.kt",
    build: (S) => `package io.northwind.app

import okhttp3.OkHttpClient
import okhttp3.Request

object Api {
    private const val MAPBOX_TOKEN = "${S("mapbox-secret-token", `sk.eyJ1Ijoibm9ydGh3aW5kIiwiYSI6I${b64url(19)}.${b64url(22)}`)}"
    private const val API_KEY = "${S("generic-api-key", alnum(40))}"

    private val client = OkHttpClient.Builder().addInterceptor { chain ->
        chain.proceed(chain.request().newBuilder().header("X-Api-Key", API_KEY).build())
    }.build()

    fun get(url: String) = client.newCall(Request.Builder().url(url).build()).execute()
}
`,
  },
  {
    path: "kotlin/build.gradle.kts",
    build: (S) => `plugins {
    id("com.android.application")
    kotlin("android")
}

android {
    namespace = "io.northwind.app"
    signingConfigs {
        create("release") {
            storeFile = file("release.jks")
            storePassword = "${S("password", password(16))}"
            keyAlias = "northwind"
            keyPassword = "${S("password", password(16))}"
        }
    }
}

repositories {
    maven {
        url = uri("https://maven.pkg.github.com/northwind/android-libs")
        credentials {
            username = "nw-ci"
            password = "${S("github-pat", ghp())}"
        }
    }
}
`,
  },
  {
    path: "swift/Sources/App/Secrets.swift",
    build: (S) => `import Foundation

enum Secrets {
    static let revenueCatKey = "${S("revenuecat-secret-key", `sk_${alnum(32)}`)}"
    static let algoliaAdminKey = "${S("algolia-admin-key", hex(32))}"
    static let segmentWriteKey = "${S("segment-write-key", alnum(32))}"
    static let apiToken = "${S("generic-token", b64url(43))}"
}
`,
  },
  {
    path: "shell/deploy.sh",
    build: (S) => `#!/usr/bin/env bash
set -euo pipefail

export AWS_ACCESS_KEY_ID=${S("aws-access-key-id", awsId())}
export AWS_SECRET_ACCESS_KEY=${S("aws-secret-access-key", awsSecret())}
export AWS_DEFAULT_REGION=eu-west-1

docker login -u nwci -p ${S("docker-pat", dckr())} docker.io
PGPASSWORD='${S("password", password(16))}' pg_dump -h db.internal -U backup ledger > /backups/ledger.sql

curl -sS -X POST "https://api.digitalocean.com/v2/droplets" \\
  -H "Authorization: Bearer ${S("digitalocean-token", `dop_v1_${hex(64)}`)}" \\
  -H "Content-Type: application/json" -d @droplet.json
`,
  },
  {
    path: "shell/bootstrap-runner.sh",
    build: (S) => `#!/bin/sh
gitlab-runner register \\
  --non-interactive \\
  --url https://gitlab.com/ \\
  --token ${S("gitlab-runner-token", `glrt-${b64url(20)}`)} \\
  --executor docker \\
  --docker-image alpine:3.20

git clone https://oauth2:${S("gitlab-pat", glpat())}@gitlab.com/northwind/infra.git /opt/infra
export VAULT_TOKEN=${S("vault-token", `hvs.${b64url(24)}`)}
vault kv get secret/runner
`,
  },
  {
    path: "shell/.bashrc",
    build: (S) => `# ~/.bashrc for the build box
alias ll='ls -alF'
export PATH="$HOME/.local/bin:$PATH"
export GITHUB_TOKEN=${S("github-pat-fine-grained", ghpat())}
export OPENAI_API_KEY=${S("openai-api-key", openaiLegacy())}
export HF_TOKEN=${S("huggingface-token", hf())}
export DIGITALOCEAN_ACCESS_TOKEN=${S("digitalocean-token", `dop_v1_${hex(64)}`)}
`,
  },
  {
    path: "docker/Dockerfile",
    build: (S) => `FROM node:22-alpine AS build
WORKDIR /app
ARG NPM_TOKEN=${S("npm-token", npmTok())}
RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:22-alpine
ENV NODE_ENV=production
ENV SENTRY_AUTH_TOKEN=${S("sentry-auth-token", sntrys())}
ENV DATABASE_URL=postgres://app:${S("postgres-uri-password", upw(18))}@db:5432/app
COPY --from=build /app/dist /app
CMD ["node", "/app/server.js"]
`,
  },
  {
    path: "docker/docker-compose.yml",
    build: (S) => `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: ledger
      POSTGRES_PASSWORD: ${S("password", password(18))}
  rabbit:
    image: rabbitmq:3-management
    environment:
      - RABBITMQ_DEFAULT_USER=ledger
      - RABBITMQ_DEFAULT_PASS=${S("password", password(16))}
  api:
    build: .
    environment:
      - AMQP_URL=amqp://ledger:${S("amqp-uri-password", upw(16))}@rabbit:5672/
      - DD_API_KEY=${S("datadog-api-key", hex(32))}
      - DD_APP_KEY=${S("datadog-app-key", hex(40))}
      - NEW_RELIC_LICENSE_KEY=${S("newrelic-license-key", `${hex(36)}NRAL`)}
    depends_on: [db, rabbit]
`,
  },
  {
    path: "k8s/secret.yaml",
    build: (S) => `apiVersion: v1
kind: Secret
metadata:
  name: api-credentials
  namespace: payments
type: Opaque
stringData:
  STRIPE_API_KEY: ${S("stripe-secret-key", stripeLive())}
  DATABASE_PASSWORD: ${S("password", password(20))}
  REDIS_URL: redis://:${S("redis-uri-password", alnum(28))}@redis-master.payments.svc:6379/0
`,
  },
  {
    path: "k8s/deployment.yaml",
    build: (S) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: search-indexer
spec:
  replicas: 2
  selector:
    matchLabels: { app: search-indexer }
  template:
    metadata:
      labels: { app: search-indexer }
    spec:
      containers:
        - name: indexer
          image: ghcr.io/northwind/search-indexer:1.14.2
          env:
            - name: ELASTIC_PASSWORD
              value: "${S("password", password(20))}"
            - name: ALGOLIA_API_KEY
              value: "${S("algolia-admin-key", hex(32))}"
            - name: NEW_RELIC_API_KEY
              value: "${S("newrelic-user-api-key", nrak())}"
`,
  },
  {
    path: "k8s/helm/values-prod.yaml",
    build: (S) => `replicaCount: 3
image:
  repository: ghcr.io/northwind/web
  tag: "2.8.0"
imageCredentials:
  registry: ghcr.io
  username: nw-bot
  password: ${S("github-pat", ghp())}
grafana:
  adminPassword: ${S("password", password(16))}
  serviceAccountToken: ${S("grafana-service-account-token", `glsa_${alnum(32)}_${hex(8)}`)}
`,
  },
  {
    path: "k8s/dockerconfigjson.yaml",
    build: (S) => {
      const tok = S("github-pat", ghp());
      const auth = Buffer.from(`nw-bot:${tok}`).toString("base64");
      return `apiVersion: v1
kind: Secret
metadata:
  name: ghcr-pull
type: kubernetes.io/dockerconfigjson
stringData:
  .dockerconfigjson: '{"auths":{"ghcr.io":{"username":"nw-bot","password":"${tok}","auth":"${S("docker-config-auth", auth)}"}}}'
`;
    },
  },
  {
    path: "ci/.github/workflows/release.yml",
    build: (S) => `name: release
on:
  push:
    tags: ["v*"]
jobs:
  publish:
    runs-on: ubuntu-latest
    env:
      PYPI_TOKEN: ${S("pypi-token", pypi())}
      CODECOV_TOKEN: ${S("codecov-token", uuid())}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: { python-version: "3.12" }
      - run: pip install build twine && python -m build
      - run: twine upload dist/* -u __token__ -p "$PYPI_TOKEN"
      - name: notify
        run: |
          curl -X POST -H 'Content-type: application/json' --data '{"text":"released"}' ${S("slack-webhook", slackHook())}
`,
  },
  {
    path: "ci/.github/workflows/deploy.yml",
    build: (S) => `name: deploy
on: [workflow_dispatch]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: ${S("aws-access-key-id", awsId())}
          aws-secret-access-key: ${S("aws-secret-access-key", awsSecret())}
          aws-region: us-east-1
      - uses: docker/login-action@v3
        with:
          username: northwind
          password: ${S("docker-pat", dckr())}
      - run: npx vercel deploy --prod --token ${S("vercel-token", alnum(24))}
`,
  },
  {
    path: "ci/.gitlab-ci.yml",
    build: (S) => `stages: [build, deploy]
variables:
  DOCKER_DRIVER: overlay2
  SONAR_TOKEN: "${S("sonarqube-token", `squ_${hex(40)}`)}"
  TF_TOKEN_app_terraform_io: "${S("terraform-cloud-token", `${alnum(14)}.atlasv1.${alnum(67)}`)}"
build:
  stage: build
  script:
    - docker build -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA .
deploy:
  stage: deploy
  script:
    - curl --request POST --header "PRIVATE-TOKEN: ${S("gitlab-pat", glpat())}" "https://gitlab.com/api/v4/projects/4821/trigger/pipeline"
`,
  },
  {
    path: "ci/logs/build-4821.log",
    build: (S) => `2025-06-14T10:02:11.402Z [INFO] Starting job 4821 on runner gl-docker-07
2025-06-14T10:02:12.118Z [INFO] Fetching changes with git depth set to 20...
2025-06-14T10:02:14.771Z [DEBUG] env: HOME=/root CI=true NODE_ENV=production
2025-06-14T10:02:14.772Z [DEBUG] env: NPM_TOKEN=${S("npm-token", npmTok())}
2025-06-14T10:02:14.772Z [DEBUG] env: GH_TOKEN=${S("github-pat", ghp())}
2025-06-14T10:02:15.003Z [INFO] $ npm ci
2025-06-14T10:02:41.551Z [INFO] added 1284 packages in 26s
2025-06-14T10:02:42.009Z [ERROR] request failed: POST https://api.openai.com/v1/chat/completions Authorization: Bearer ${S("openai-api-key", openai())}
2025-06-14T10:02:42.010Z [INFO] Job failed: exit code 1
`,
  },
  {
    path: "ci/Jenkinsfile",
    build: (S) => `pipeline {
  agent any
  environment {
    ARTIFACTORY_API_KEY = '${S("artifactory-api-key", `AKCp8${alnum(68)}`)}'
    SNYK_TOKEN = '${S("snyk-token", uuid())}'
  }
  stages {
    stage('Build') {
      steps {
        sh './gradlew build'
        sh 'curl -u deployer:${S("curl-basic-password", upw(16))} -T build/libs/app.jar https://artifacts.northwind.io/libs-release/app.jar'
      }
    }
  }
}
`,
  },
  {
    path: "ci/.circleci/config.yml",
    build: (S) => `version: 2.1
jobs:
  build:
    docker:
      - image: cimg/node:22.4
        auth:
          username: northwind
          password: ${S("docker-pat", dckr())}
    environment:
      CIRCLE_TOKEN: ${S("circleci-token", `CCIPAT_${alnum(22)}_${hex(40)}`)}
    steps:
      - checkout
      - run: npm ci && npm test
`,
  },
  {
    path: "terraform/main.tf",
    build: (S) => `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
    cloudflare = { source = "cloudflare/cloudflare", version = "~> 4.0" }
  }
}

provider "aws" {
  region     = "us-east-1"
  access_key = "${S("aws-access-key-id", awsId())}"
  secret_key = "${S("aws-secret-access-key", awsSecret())}"
}

provider "cloudflare" {
  api_token = "${S("cloudflare-api-token", b64url(40))}"
}

resource "aws_db_instance" "orders" {
  identifier        = "orders-prod"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 50
  username          = "orders"
  password          = "${S("password", password(20))}"
}
`,
  },
  {
    path: "terraform/variables.tf",
    build: (S) => `variable "region" {
  type    = string
  default = "us-east-1"
}

variable "datadog_api_key" {
  type      = string
  sensitive = true
  default   = "${S("datadog-api-key", hex(32))}"
}

variable "pagerduty_token" {
  type    = string
  default = "${S("pagerduty-api-key", `u+${b64url(18)}`)}"
}
`,
  },
  {
    path: "terraform/terraform.tfvars",
    build: (S) => `project_id       = "northwind-prod-291104"
linode_token     = "${S("linode-token", hex(64))}"
hcloud_token     = "${S("hetzner-token", alnum(64))}"
doppler_token    = "${S("doppler-token", `dp.st.prd.${alnum(43)}`)}"
pulumi_token     = "${S("pulumi-token", `pul-${hex(40)}`)}"
`,
  },
  {
    path: "env/.env.production",
    build: (S) => `NODE_ENV=production
DATABASE_URL=postgresql://app_user:${S("postgres-uri-password", upw(24))}@ep-morning-sky-a5k2.us-east-2.aws.neon.tech/app?sslmode=require
REDIS_URL=rediss://default:${S("redis-uri-password", alnum(32))}@usw1-wanted-gnu-33012.upstash.io:33012
STRIPE_SECRET_KEY=${S("stripe-secret-key", stripeLive())}
STRIPE_WEBHOOK_SECRET=${S("stripe-webhook-secret", whsec())}
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_51${alnum(97)}
CLERK_SECRET_KEY=${S("clerk-secret-key", `sk_live_${alnum(42)}`)}
RESEND_API_KEY=${S("resend-api-key", `re_${alnum(8)}_${b64url(24)}`)}
ANTHROPIC_API_KEY=${S("anthropic-api-key", anthropic())}
POSTHOG_PERSONAL_API_KEY=${S("posthog-personal-key", `phx_${alnum(43)}`)}
LINEAR_API_KEY=${S("linear-api-key", `lin_api_${alnum(40)}`)}
NOTION_TOKEN=${S("notion-token", `ntn_${digits(11)}${alnum(35)}`)}
`,
  },
  {
    path: "env/.env.local",
    build: (S) => `# local overrides, do not commit
GOOGLE_CLIENT_ID=${digits(12)}-${lonum(32)}.apps.googleusercontent.com
GOOGLE_CLIENT_SECRET=${S("google-oauth-client-secret", `GOCSPX-${b64url(28)}`)}
REPLICATE_API_TOKEN=${S("replicate-token", `r8_${alnum(37)}`)}
PERPLEXITY_API_KEY=${S("perplexity-api-key", `pplx-${alnum(48)}`)}
XAI_API_KEY=${S("xai-api-key", `xai-${alnum(80)}`)}
PINECONE_API_KEY=${S("pinecone-api-key", `pcsk_${alnum(5)}_${alnum(63)}`)}
SESSION_SECRET=${S("generic-secret", b64url(32))}
`,
  },
  {
    path: "env/prod.env",
    build: (S) => `MAILCHIMP_API_KEY=${S("mailchimp-api-key", `${hex(32)}-us21`)}
POSTMAN_API_KEY=${S("postman-api-key", `PMAK-${hex(24)}-${hex(34)}`)}
FIGMA_TOKEN=${S("figma-token", `figd_${b64url(40)}`)}
ASANA_PAT=${S("asana-pat", `2/${digits(16)}/${digits(16)}:${hex(32)}`)}
AIRTABLE_TOKEN=${S("airtable-pat", `pat${alnum(14)}.${hex(64)}`)}
`,
  },
  {
    path: "config/app.ini",
    build: (S) => {
      const pm = uuid();
      return `[server]
host = 0.0.0.0
port = 8443

[database]
driver = mysql
host = mysql-primary.internal
user = inventory
password = ${S("password", password(16))}

[smtp]
host = smtp.postmarkapp.com
username = ${S("postmark-server-token", pm)}
password = ${S("postmark-server-token", pm)}

[paypal]
client_id = A${b64url(79)}
client_secret = ${S("paypal-client-secret", `E${b64url(79)}`)}
`;
    },
  },
  {
    path: "config/odbc.ini",
    build: (S) => `[ReportingDSN]
Driver = ODBC Driver 18 for SQL Server
Server = reporting.database.windows.net
Database = reports
ConnectionString = Driver={ODBC Driver 18 for SQL Server};Server=tcp:reporting.database.windows.net,1433;Database=reports;Uid=reporter;Pwd=${S("odbc-password", password(16))};Encrypt=yes;
`,
  },
  {
    path: "config/settings.xml",
    build: (S) => `<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <servers>
    <server>
      <id>northwind-releases</id>
      <username>deployer</username>
      <password>${S("password", password(18))}</password>
    </server>
    <server>
      <id>sonatype</id>
      <username>nwbot</username>
      <password>${S("generic-token", b64(44))}</password>
    </server>
  </servers>
</settings>
`,
  },
  {
    path: "config/gcp-service-account.json",
    build: (S) => `{
  "type": "service_account",
  "project_id": "northwind-prod-291104",
  "private_key_id": "${hex(40)}",
  "private_key": "${S("gcp-service-account-key", g.pkcs8Key().replace(/\n/g, "\\n"))}\\n",
  "client_email": "bq-export@northwind-prod-291104.iam.gserviceaccount.com",
  "client_id": "${digits(21)}",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token",
  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/bq-export%40northwind-prod-291104.iam.gserviceaccount.com",
  "universe_domain": "googleapis.com"
}
`,
  },
  {
    path: "config/firebase.json",
    build: (S) => `{
  "project_info": { "project_number": "${digits(12)}", "project_id": "northwind-app" },
  "fcm": {
    "server_key": "${S("firebase-fcm-server-key", `AAAA${b64url(7)}:APA91b${b64url(134)}`)}"
  },
  "mapsApiKey": "${S("google-api-key", gkey())}"
}
`,
  },
  {
    path: "config/credentials.json",
    build: (S) => `{
  "okta": { "orgUrl": "https://northwind.okta.com", "token": "${S("okta-api-token", `00${b64url(40)}`)}" },
  "atlassian": { "email": "ops@northwind.io", "apiToken": "${S("atlassian-api-token", `ATATT3xFfGF0${b64url(171)}=${HEX(8)}`)}" },
  "bitbucket": { "user": "nw-ci", "appPassword": "${S("bitbucket-app-password", `ATBB${alnum(28)}${HEX(8)}`)}" },
  "databricks": { "host": "https://adb-4821.azuredatabricks.net", "token": "${S("databricks-token", `dapi${hex(32)}`)}" }
}
`,
  },
  {
    path: "config/.npmrc",
    build: (S) => `registry=https://registry.npmjs.org/
@northwind:registry=https://npm.pkg.github.com/
//npm.pkg.github.com/:_authToken=${S("github-pat", ghp())}
//registry.npmjs.org/:_authToken=${S("npm-token", npmTok())}
`,
  },
  {
    path: "config/.pypirc",
    build: (S) => `[distutils]
index-servers = pypi

[pypi]
username = __token__
password = ${S("pypi-token", pypi())}
`,
  },
  {
    path: "config/.git-credentials",
    build: (S) => `https://nw-deploy:${S("github-pat", ghp())}@github.com
https://oauth2:${S("gitlab-pat", glpat())}@gitlab.northwind.io
`,
  },
  {
    path: "keys/deploy_key",
    build: (S) => `${S("openssh-private-key", g.opensshKey())}
`,
  },
  {
    path: "keys/server.key",
    build: (S) => `${S("rsa-private-key", g.rsaKey())}
`,
  },
  {
    path: "keys/signing.pem",
    build: (S) => `${S("ec-private-key", g.ecKey())}
`,
  },
  {
    path: "keys/github-app.private-key.pem",
    build: (S) => `${S("rsa-private-key", g.rsaKey())}
`,
  },
  {
    path: "notebooks/exploration.ipynb",
    build: (S) =>
      `${JSON.stringify(
        {
          cells: [
            { cell_type: "markdown", metadata: {}, source: ["# Churn exploration\n"] },
            {
              cell_type: "code",
              execution_count: 1,
              metadata: {},
              outputs: [],
              source: [
                "import openai\n",
                "import pandas as pd\n",
                `openai.api_key = "${S("openai-api-key", openai())}"\n`,
                `COHERE_API_KEY = "${S("cohere-api-key", alnum(40))}"\n`,
              ],
            },
            {
              cell_type: "code",
              execution_count: 2,
              metadata: {},
              outputs: [],
              source: [
                "import snowflake.connector\n",
                `conn = snowflake.connector.connect(user="ANALYST", password="${S("password", password(18))}", account="nw-xy12345")\n`,
              ],
            },
          ],
          metadata: { kernelspec: { display_name: "Python 3", language: "python", name: "python3" } },
          nbformat: 4,
          nbformat_minor: 5,
        },
        null,
        1,
      )}\n`,
  },
  {
    path: "docs/README.md",
    build: (S) => `# Orders API

Internal service for order intake.

## Quick check

\`\`\`bash
curl https://api.stripe.com/v1/charges \\
  -u ${S("stripe-secret-key", stripeLive())}:
\`\`\`

Trigger a rebuild:

\`\`\`bash
curl -X POST -H "Authorization: token ${S("github-pat", ghp())}" \\
  https://api.github.com/repos/northwind/orders/dispatches -d '{"event_type":"rebuild"}'
\`\`\`

Query Datadog:

\`\`\`bash
curl -X GET "https://api.datadoghq.com/api/v1/validate" \\
  -H "DD-API-KEY: ${S("datadog-api-key", hex(32))}"
\`\`\`
`,
  },
  {
    path: "docs/runbook.md",
    build: (S) => `# On-call runbook

1. Connect to the replica: \`psql "postgresql://oncall:${S("postgres-uri-password", upw(16))}@replica.db.internal:5432/orders"\`
2. Check the queue: \`rabbitmqadmin -H mq.internal -u ops -p ${S("password", password(16))} list queues\`
3. Page the team via Opsgenie: \`curl -X POST https://api.opsgenie.com/v2/alerts -H "Authorization: GenieKey ${S("opsgenie-api-key", uuid())}"\`
4. Post to Slack with the bot token \`${S("slack-bot-token", slackBot())}\`.
5. Temporary SSH: \`sshpass -p '${S("password", password(14))}' ssh ops@bastion.northwind.io\`
`,
  },
  {
    path: "docs/api-usage.md",
    build: (S) => `## Calling the Anthropic API

\`\`\`sh
curl https://api.anthropic.com/v1/messages \\
  -H "x-api-key: ${S("anthropic-api-key", anthropic())}" \\
  -H "anthropic-version: 2023-06-01" \\
  -H "content-type: application/json" \\
  -d '{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"hi"}]}'
\`\`\`

## Hugging Face inference

\`\`\`sh
curl https://api-inference.huggingface.co/models/gpt2 -H "Authorization: Bearer ${S("huggingface-token", hf())}"
\`\`\`

## Mistral

\`\`\`python
client = Mistral(api_key="${S("mistral-api-key", alnum(32))}")
\`\`\`
`,
  },
  {
    path: "sql/seed_users.sql",
    build: (S) => `-- Provisioning for the reporting replica
CREATE USER reporting WITH PASSWORD '${S("password", password(18))}';
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;
CREATE USER 'etl'@'%' IDENTIFIED BY '${S("password", password(16))}';
INSERT INTO integrations (name, api_key) VALUES ('sendgrid', '${S("sendgrid-api-key", sendgrid())}');
`,
  },
  {
    path: "http/api.http",
    build: (S) => {
      const basic = Buffer.from(`svc-orders:${password(18)}`).toString("base64");
      return `### List customers
GET https://api.northwind.io/v2/customers
Authorization: Bearer ${S("jwt", jwt({ sub: "svc-orders", scope: "customers:read", iss: "https://auth.northwind.io", exp: 1893456000 }))}

### Internal admin
GET https://admin.northwind.io/health
Authorization: Basic ${S("http-basic-auth", basic)}

### Square payments
POST https://connect.squareup.com/v2/payments
Authorization: Bearer ${S("square-access-token", `EAAA${b64url(60)}`)}
`;
    },
  },
  {
    path: "uri/connections.txt",
    build: (
      S,
    ) => `primary      postgres://ledger:${S("postgres-uri-password", upw(18))}@pg-primary.internal:5432/ledger
analytics    mysql://analyst:${S("mysql-uri-password", upw(16))}@mysql-analytics.internal:3306/warehouse
sessions     redis://:${S("redis-uri-password", alnum(24))}@redis.internal:6379/2
broker       amqp://orders:${S("amqp-uri-password", upw(16))}@mq.internal:5672/orders
directory    ldaps://svc-sync:${S("ldap-uri-password", upw(16))}@ldap.internal:636/dc=northwind,dc=io
files        sftp://upload:${S("sftp-uri-password", upw(16))}@files.northwind.io:22/incoming
artifacts    https://ci-bot:${S("url-basic-password", upw(20))}@nexus.northwind.io/repository/pypi/simple
`,
  },
  {
    path: "misc/cloud-keys.yaml",
    build: (S) => `alibaba:
  access_key_id: ${S("alibaba-access-key-id", `LTAI5t${alnum(18)}`)}
  access_key_secret: ${S("alibaba-access-key-secret", alnum(30))}
tencent:
  secret_id: ${S("tencent-secret-id", `AKID${alnum(32)}`)}
  secret_key: ${S("tencent-secret-key", alnum(32))}
scaleway:
  access_key: ${S("scaleway-access-key", `SCW${upnum(17)}`)}
  secret_key: ${S("scaleway-secret-key", uuid())}
age_identity: ${S("age-secret-key", `AGE-SECRET-KEY-1${g.pick(g.A.bech32, 58)}`)}
tailscale_authkey: ${S("tailscale-auth-key", `tskey-auth-k${alnum(10)}CNTRL-${alnum(33)}`)}
`,
  },
  {
    path: "misc/integrations.toml",
    build: (S) => `[twilio]
api_key_sid = "${S("twilio-api-key-sid", twilioSk())}"
api_key_secret = "${S("twilio-api-key-secret", alnum(32))}"

[discord]
bot_token = "${S("discord-bot-token", `MT${b64url(24)}.${b64url(6)}.${b64url(38)}`)}"

[dropbox]
access_token = "${S("dropbox-token", `sl.u.${b64url(140)}`)}"

[twitter]
bearer_token = "${S("twitter-bearer-token", `AAAAAAAAAAAAAAAAAAAAA${alnum(25)}%3D${alnum(50)}`)}"

[facebook]
page_access_token = "${S("facebook-access-token", `EAA${alnum(180)}`)}"

[sentry]
user_token = "${S("sentry-user-token", `sntryu_${hex(64)}`)}"
`,
  },
  {
    path: "misc/payments.rb",
    build: (S) => `PAYSTACK_SECRET = "${S("paystack-secret-key", `sk_live_${hex(40)}`)}"
RAZORPAY_KEY_ID = "rzp_live_${alnum(14)}"
RAZORPAY_KEY_SECRET = "${S("razorpay-key-secret", alnum(24))}"
FLUTTERWAVE_SECRET = "${S("flutterwave-secret-key", `FLWSECK-${hex(32)}-X`)}"
COINBASE_COMMERCE_KEY = "${S("coinbase-commerce-key", uuid())}"
`,
  },
  {
    path: "misc/observability.env.sh",
    build: (S) => `#!/bin/sh
export HONEYCOMB_API_KEY=${S("honeycomb-api-key", `hcaik_01${lonum(24)}${lonum(32)}`)}
export GRAFANA_CLOUD_TOKEN=${S("grafana-cloud-token", `glc_${b64(80)}==`)}
export LAUNCHDARKLY_SDK_KEY=${S("launchdarkly-sdk-key", `sdk-${uuid()}`)}
export BUILDKITE_AGENT_TOKEN=${S("buildkite-token", `bkua_${hex(40)}`)}
export FLY_API_TOKEN="${S("flyio-token", `FlyV1 fm2_${b64(120)}`)}"
export CONTENTFUL_MANAGEMENT_TOKEN=${S("contentful-pat", `CFPAT-${b64url(43)}`)}
`,
  },
  {
    path: "misc/HubspotSync.java",
    build: (S) => `package io.northwind.crm;

public class HubspotSync {
    private static final String HUBSPOT_TOKEN = "${S("hubspot-private-app-token", `pat-na1-${uuid()}`)}";
    private static final String PLANETSCALE_PASSWORD = "${S("planetscale-password", `pscale_pw_${b64url(43)}`)}";
    private static final String AZURE_DEVOPS_PAT = "${S("azure-devops-pat", g.pick("abcdefghijklmnopqrstuvwxyz234567", 52))}";
}
`,
  },
];
