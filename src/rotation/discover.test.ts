import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverSecrets, sightingsIn } from "./discover.js";

const FIXTURE = join(import.meta.dirname, "../../fixtures/rotation/store-system");

describe("discoverSecrets", () => {
  it("finds the secrets a project uses in its env template, workflow, compose file and Kubernetes manifests", () => {
    const discovery = discoverSecrets(FIXTURE);
    expect(
      discovery.sightings.map((s) => `${s.kind} ${s.name} ${s.where.file}:${s.where.line}:${s.where.column}`),
    ).toEqual([
      "env-template SECRET_KEY .env.example:4:1",
      "env-template JWT_SECRET_KEY .env.example:5:1",
      "env-template ENCRYPTION_KEY .env.example:6:1",
      "env-template ADMIN_PASSWORD .env.example:10:1",
      "env-template DATABASE_URL .env.example:13:1",
      "env-template MAIL_PASSWORD .env.example:17:1",
      "env-template VAULT_TOKEN .env.example:22:1",
      "workflow SECRET_KEY .github/workflows/deploy.yml:16:27",
      "workflow MONGO_URI .github/workflows/deploy.yml:17:26",
      "workflow OPENAI_API_KEY .github/workflows/deploy.yml:18:31",
      "workflow GITHUB_TOKEN .github/workflows/deploy.yml:19:29",
      "compose smtp_password docker-compose.yml:13:3",
      "compose stripe_api_key docker-compose.yml:15:3",
      "compose smtp_password docker-compose.yml:8:9",
      "compose stripe_api_key docker-compose.yml:9:17",
      "kubernetes REDIS_PASSWORD k8s/pod.yaml:17:13",
      "kubernetes WEBHOOK_SECRET k8s/secrets.yaml:7:3",
    ]);
    expect(discovery.filesRead).toBe(5);
  });
});

describe("sightingsIn", () => {
  it("reads every secret of every expression on a workflow line", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: workflow expressions, written as in a workflow
    const line = "        run: echo ${{ secrets.A_TOKEN || secrets['B_KEY'] }} ${{ secrets.C_PASSWORD }}";
    expect(sightingsIn("workflow", "ci.yml", line).map((s) => [s.name, s.where.column])).toEqual([
      ["A_TOKEN", line.indexOf("secrets.A_TOKEN") + 1],
      ["B_KEY", line.indexOf("secrets['B_KEY']") + 1],
      ["C_PASSWORD", line.indexOf("secrets.C_PASSWORD") + 1],
    ]);
  });

  it("reads `export NAME=` lines of an env template", () => {
    expect(
      sightingsIn("env-template", ".env.sample", "export STRIPE_SECRET_KEY=\n").map((s) => s.where),
    ).toEqual([{ file: ".env.sample", line: 1, column: 8 }]);
  });

  it("reads envFrom secretRef names, and skips a manifest that is not valid YAML", () => {
    const manifest = "kind: Deployment\nspec:\n  envFrom:\n    - secretRef:\n        name: app-secrets\n";
    expect(sightingsIn("kubernetes", "k8s/app.yaml", manifest).map((s) => s.name)).toEqual(["app-secrets"]);
    expect(sightingsIn("kubernetes", "chart/templates/secret.yaml", "kind: Secret\n  {{ bad: [\n")).toEqual(
      [],
    );
  });
});
