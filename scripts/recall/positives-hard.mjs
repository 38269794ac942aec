// Harder positive files: secrets in credential files, encoded values, positional arguments and config shapes
// that generic rules must recognise without a provider prefix.
import * as g from "./lib.mjs";

const { alnum, hex, digits, upnum, b64, b64url, password, upw, uuid, checksummed, jwt } = g;
const awsId = () => `AKIA${g.pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`;
const awsSecret = () => g.pick(g.A.b64, 40);
const enc = (s) => Buffer.from(s).toString("base64");

export const hardPositives = [
  {
    path: "home/.aws/credentials",
    build: (S) => `[default]
aws_access_key_id = ${S("aws-access-key-id", awsId())}
aws_secret_access_key = ${S("aws-secret-access-key", awsSecret())}

[ci-assume]
aws_access_key_id = ${S("aws-session-access-key-id", `ASIA${g.pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`)}
aws_secret_access_key = ${S("aws-secret-access-key", awsSecret())}
aws_session_token = ${S("aws-session-token", `IQoJb3JpZ2luX2VjE${b64(380)}`)}
`,
  },
  {
    path: "home/.docker/config.json",
    build: (S) => `{
	"auths": {
		"https://index.docker.io/v1/": {
			"auth": "${S("docker-config-auth", enc(`nwci:dckr_pat_${b64url(27)}`))}"
		},
		"registry.gitlab.com": {
			"auth": "${S("docker-config-auth", enc(`deploy:${upw(20)}`))}"
		}
	}
}
`,
  },
  {
    path: "home/.netrc",
    build: (S) => `machine api.heroku.com
  login ops@northwind.io
  password ${S("heroku-api-key", uuid())}
machine github.com login nw-bot password ${S("github-pat", checksummed("ghp_"))}
`,
  },
  {
    path: "home/.s3cfg",
    build: (S) => `[default]
access_key = ${S("aws-access-key-id", awsId())}
secret_key = ${S("aws-secret-access-key", awsSecret())}
host_base = s3.amazonaws.com
use_https = True
`,
  },
  {
    path: "home/.pgpass",
    build: (S) => `db.internal:5432:*:app:${S("pgpass-password", upw(18))}
replica.internal:5432:analytics:analyst:${S("pgpass-password", upw(18))}
`,
  },
  {
    path: "home/.gem/credentials",
    build: (S) => `---
:rubygems_api_key: ${S("rubygems-api-key", `rubygems_${hex(48)}`)}
`,
  },
  {
    path: "home/.cargo/credentials.toml",
    build: (S) => `[registry]
token = "${S("crates-io-token", `cio${alnum(32)}`)}"
`,
  },
  {
    path: "home/.terraformrc",
    build: (S) => `credentials "app.terraform.io" {
  token = "${S("terraform-cloud-token", `${alnum(14)}.atlasv1.${alnum(67)}`)}"
}
`,
  },
  {
    path: "k8s/secret-data.yaml",
    build: (S) => `apiVersion: v1
kind: Secret
metadata:
  name: billing
type: Opaque
data:
  db-password: ${S("k8s-secret-base64", enc(password(20)))}
  stripe-key: ${S("k8s-secret-base64", enc(`sk_live_51${alnum(97)}`))}
`,
  },
  {
    path: "k8s/kubeconfig.yaml",
    build: (S) => `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${b64(1400)}
    server: https://10.20.0.1:6443
  name: prod
users:
- name: ci
  user:
    token: ${S("kubernetes-sa-token", jwt({ iss: "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "ci", sub: "system:serviceaccount:ci:deployer" }, "RS256"))}
- name: admin
  user:
    client-key-data: ${S("kubeconfig-client-key", enc(`${g.rsaKey()}\n`))}
contexts:
- context: { cluster: prod, user: ci }
  name: prod
current-context: prod
`,
  },
  {
    path: "ops/kubectl-setup.sh",
    build: (S) => `#!/bin/sh
kubectl create secret generic orders-db --from-literal=username=orders --from-literal=password=${S("password", password(18))}
helm upgrade --install pg bitnami/postgresql --set auth.postgresPassword=${S("password", password(18))}
`,
  },
  {
    path: "ops/get-token.sh",
    build: (S) => `#!/bin/sh
curl -s https://login.northwind.io/oauth2/token \\
  -d 'grant_type=client_credentials&client_id=orders-batch&client_secret=${S("oauth-client-secret", b64url(40))}'
pip install --extra-index-url https://__token__:${S("gitlab-pat", `glpat-${b64url(20)}`)}@gitlab.com/api/v4/projects/4821/packages/pypi/simple nw-internal
git remote add mirror https://x-access-token:${S("github-app-token", checksummed("ghs_"))}@github.com/northwind/orders.git
`,
  },
  {
    path: "ops/backup.cron",
    build: (S) => `# m h dom mon dow command
15 2 * * * MYSQL_PWD=${S("password", password(16))} mysqldump -h mysql.internal -u backup --all-databases | gzip > /backups/all.sql.gz
`,
  },
  {
    path: "ops/orders.service",
    build: (S) => `[Unit]
Description=Orders API
After=network.target

[Service]
Environment="API_TOKEN=${S("generic-token", b64url(40))}"
Environment=DB_PASSWORD=${S("password", password(18))}
ExecStart=/usr/local/bin/orders-api
Restart=always
`,
  },
  {
    path: "ops/redis.conf",
    build: (S) => `bind 0.0.0.0
port 6379
requirepass ${S("redis-requirepass", alnum(32))}
masterauth ${S("redis-requirepass", alnum(32))}
appendonly yes
`,
  },
  {
    path: "ops/wg0.conf",
    build: (S) => `[Interface]
Address = 10.8.0.2/24
PrivateKey = ${S("wireguard-private-key", `${b64(42)}E=`)}
DNS = 10.8.0.1

[Peer]
PublicKey = ${b64(42)}Q=
Endpoint = vpn.northwind.io:51820
AllowedIPs = 0.0.0.0/0
`,
  },
  {
    path: "ops/inventory.ini",
    build: (S) => `[web]
web1.internal ansible_user=deploy ansible_ssh_pass=${S("password", password(16))} ansible_become_pass=${S("password", password(16))}
`,
  },
  {
    path: "ops/provision.ps1",
    build: (
      S,
    ) => `$securePassword = ConvertTo-SecureString "${S("password", password(18))}" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ("NORTHWIND\\svc-deploy", $securePassword)
Invoke-Command -ComputerName app01 -Credential $cred -ScriptBlock { Restart-Service OrdersApi }
`,
  },
  {
    path: "ops/user-data.tf",
    build: (S) => `resource "aws_instance" "worker" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.small"
  user_data     = <<-EOF
    #!/bin/bash
    echo "DB_PASS=${S("password", password(18))}" >> /etc/orders.env
    echo "SLACK_TOKEN=${S("slack-bot-token", `xoxb-${digits(12)}-${digits(13)}-${alnum(24)}`)}" >> /etc/orders.env
  EOF
}
`,
  },
  {
    path: "api/postman_collection.json",
    build: (S) => `{
  "info": { "name": "Orders", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
  "auth": { "type": "bearer", "bearer": [{ "key": "token", "value": "${S("generic-token", b64url(48))}", "type": "string" }] },
  "variable": [
    { "key": "baseUrl", "value": "https://api.northwind.io" },
    { "key": "apiKey", "value": "${S("generic-api-key", alnum(40))}" }
  ]
}
`,
  },
  {
    path: "api/session.har",
    build: (S) => `{
  "log": {
    "version": "1.2",
    "entries": [
      {
        "request": {
          "method": "GET",
          "url": "https://api.northwind.io/v1/me",
          "headers": [
            { "name": "Authorization", "value": "Bearer ${S("jwt", jwt({ sub: `u_${digits(6)}`, aud: "orders", exp: 1893456000 }))}" },
            { "name": "X-Api-Key", "value": "${S("generic-api-key", hex(40))}" }
          ]
        }
      }
    ]
  }
}
`,
  },
  {
    path: "api/token-response.md",
    build: (S) => `Response from the staging IdP when I reproduced the bug:

\`\`\`json
{"access_token":"${S("jwt", jwt({ iss: "https://idp.northwind.io", sub: "svc-batch", scope: "orders:write" }, "RS256"))}","token_type":"Bearer","expires_in":3600,"refresh_token":"${S("refresh-token", b64url(64))}"}
\`\`\`

| env | key |
|---|---|
| prod | ${S("stripe-secret-key", `sk_live_51${alnum(97)}`)} |
`,
  },
  {
    path: "python/storage.py",
    build: (S) => `from minio import Minio
import requests
from requests.auth import HTTPBasicAuth

client = Minio("s3.northwind.io:9000", "${S("minio-access-key", upnum(20))}", "${S("minio-secret-key", b64(40))}", secure=True)

jira = requests.get(
    "https://northwind.atlassian.net/rest/api/3/myself",
    auth=HTTPBasicAuth("ops@northwind.io", "${S("atlassian-api-token", `ATATT3xFfGF0${b64url(171)}=${g.HEX(8)}`)}"),
)
DRF_HEADERS = {"Authorization": "Token ${S("drf-token", hex(40))}"}
`,
  },
  {
    path: "python/flask_app.py",
    build: (S) => `from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = "${S("flask-secret-key", hex(48))}"
app.config["SQLALCHEMY_DATABASE_URI"] = "mysql+pymysql://web:${S("mysql-uri-password", upw(16))}@db/web"
`,
  },
  {
    path: "js/src/boot.js",
    build: (S) => `process.env.ALGOLIA_ADMIN_KEY = "${S("algolia-admin-key", hex(32))}";
const ld = require("launchdarkly-node-server-sdk").init("${S("launchdarkly-sdk-key", `sdk-${uuid()}`)}");
const okta = fetch("https://northwind.okta.com/api/v1/users", { headers: { Authorization: "SSWS ${S("okta-api-token", `00${b64url(40)}`)}" } });
`,
  },
  {
    path: "java/src/main/resources/applicationContext.xml",
    build: (S) => `<?xml version="1.0" encoding="UTF-8"?>
<beans xmlns="http://www.springframework.org/schema/beans">
  <bean id="dataSource" class="org.apache.commons.dbcp2.BasicDataSource">
    <property name="url" value="jdbc:oracle:thin:@erp-db:1521/ERP"/>
    <property name="username" value="erp"/>
    <property name="password" value="${S("password", password(16))}"/>
  </bean>
</beans>
`,
  },
  {
    path: "java/src/main/resources/hibernate.cfg.xml",
    build: (S) => `<hibernate-configuration>
  <session-factory>
    <property name="hibernate.connection.url">jdbc:postgresql://pg:5432/erp</property>
    <property name="hibernate.connection.username">erp</property>
    <property name="hibernate.connection.password">${S("password", password(16))}</property>
  </session-factory>
</hibernate-configuration>
`,
  },
  {
    path: "kotlin/gradle.properties",
    build: (S) => `org.gradle.jvmargs=-Xmx4g
ossrhUsername=northwind
ossrhPassword=${S("password", password(18))}
signing.keyId=${hex(8).toUpperCase()}
signing.password=${S("password", password(16))}
MYAPP_UPLOAD_STORE_PASSWORD=${S("password", password(16))}
`,
  },
  {
    path: "csharp/NuGet.config",
    build: (S) => `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSourceCredentials>
    <northwind>
      <add key="Username" value="nw-ci" />
      <add key="ClearTextPassword" value="${S("azure-devops-pat", g.pick("abcdefghijklmnopqrstuvwxyz234567", 52))}" />
    </northwind>
  </packageSourceCredentials>
</configuration>
`,
  },
  {
    path: "php/auth.json",
    build: (S) => `{
    "github-oauth": { "github.com": "${S("github-oauth-token", checksummed("gho_"))}" },
    "http-basic": {
        "repo.magento.com": { "username": "${hex(32)}", "password": "${S("magento-private-key", hex(32))}" }
    }
}
`,
  },
  {
    path: "ruby/config/database.yml",
    build: (S) => `default: &default
  adapter: postgresql
  pool: 5

production:
  <<: *default
  database: storefront
  username: storefront
  password: ${S("password", password(18))}
  host: pg-primary.internal
`,
  },
  {
    path: "go/internal/vault/client.go",
    build: (S) => `package vault

import vaultapi "github.com/hashicorp/vault/api"

func New() (*vaultapi.Client, error) {
	c, err := vaultapi.NewClient(&vaultapi.Config{Address: "https://vault.internal:8200"})
	if err != nil {
		return nil, err
	}
	c.SetToken("${S("vault-token", `hvs.${b64url(24)}`)}")
	return c, nil
}
`,
  },
  {
    path: "config/legacy/.npmrc",
    build: (S) => `registry=https://npm.northwind.io/
_auth=${S("npmrc-basic-auth", enc(`ci:${upw(20)}`))}
always-auth=true
`,
  },
];
