/**
 * A team's Portkey part, deployed for real and then used exactly as a developer would: a stack
 * with PortkeyVertexIntegration + ClaudeCodeTeam (provider-slug mode) is synthesized, the real
 * terraform installs the bundled provider and applies it against the in-process emulator, and
 * the rendered settings.json (read back with `terraform output -json`) drives a Messages
 * request to the emulator's gateway: base URL + /v1/messages, ANTHROPIC_AUTH_TOKEN as Bearer,
 * each ANTHROPIC_CUSTOM_HEADERS line as a header, the configured model. Needs `npm run build`.
 *
 * The key file comes from a sensitive variable (hashicorp/google cannot be installed offline).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { type RunningEmulator, startEmulator } from "../../src/cli/emulator";
import { runTerraform } from "../../src/cli/run-terraform";
import { PortkeyadminProvider } from "../../src/constructs/l1/portkeyadmin/provider";
import { PortkeyVertexIntegration } from "../../src/constructs/portkey";
import { ClaudeCodeTeam } from "../../src/constructs/team";
import type { ClaudeSettings } from "../../src/constructs/settings";
import { bundledProviderPath } from "../../src/provider/install";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { testDir } from "../support/run-root";

jest.setTimeout(120_000);

const ADMIN_KEY = "pk-admin-team-e2e-5d1c7a";
const MODELS = { opus: "claude-opus-4-6", sonnet: "claude-sonnet-4-6", haiku: "claude-haiku-4-5@20251001", default: "sonnet" };

function terraformEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("TF_")) env[name] = value;
  return {
    ...env,
    HOME: home,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    PORTKEY_API_KEY: ADMIN_KEY,
    TF_VAR_vertex_key_json: JSON.stringify(FAKE_SERVICE_ACCOUNT),
  };
}

/** The request Claude Code makes from these settings (claude-code-gateway.md "Observed with the real client"). */
async function claudeCodeRequest(settings: ClaudeSettings, model: string): Promise<Response> {
  const env = settings.env ?? {};
  const headers: Record<string, string> = {
    authorization: `Bearer ${env.ANTHROPIC_AUTH_TOKEN}`,
    "anthropic-version": "2023-06-01",
    "content-type": "application/json",
  };
  for (const line of (env.ANTHROPIC_CUSTOM_HEADERS ?? "").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return fetch(`${env.ANTHROPIC_BASE_URL}/v1/messages?beta=true`, {
    method: "POST",
    headers,
    body: JSON.stringify({ model, max_tokens: 1024, stream: true, messages: [{ role: "user", content: "Say hello" }] }),
  });
}

describe("a team's Portkey part, applied with terraform and used through the gateway", () => {
  let emulator: RunningEmulator;
  let stackDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!existsSync(bundledProviderPath())) throw new Error(`The provider bundle ${bundledProviderPath()} is missing: run \`npm run build\` before this test.`);
    emulator = await startEmulator({ adminKey: ADMIN_KEY, port: 0 });
    env = terraformEnv(testDir("team-e2e-home-"));

    const app = new App({ outdir: testDir("team-e2e-out-") });
    const stack = new TerraformStack(app, "team-payments");
    new LocalBackend(stack, { path: "terraform.tfstate" });
    new PortkeyadminProvider(stack, "portkey", { baseUrl: emulator.adminUrl });
    const keyJson = new TerraformVariable(stack, "vertex_key_json", { type: "string", sensitive: true });
    // Stands in for the key resource's id: a new key (rotation) changes it.
    const keyVersion = new TerraformVariable(stack, "key_version", { type: "string", default: "key-1" });
    const vertex = new PortkeyVertexIntegration(stack, "vertex", {
      slug: "vertex-us-east5",
      region: "us-east5",
      projectId: "demo-project",
      serviceAccountKeyJson: keyJson.stringValue,
      keyVersion: keyVersion.stringValue,
      models: [MODELS.opus, MODELS.sonnet, MODELS.haiku],
    });
    const team = new ClaudeCodeTeam(stack, "payments", {
      name: "payments",
      integrationSlug: vertex.slug,
      budget: { type: "cost", limit: 500, alertThreshold: 400, periodicReset: "monthly" },
      rateLimit: { type: "requests", unit: "rpm", value: 600 },
      perDeveloperBudget: { type: "cost", limit: 50, periodicReset: "monthly" },
      models: MODELS,
      keys: [
        { name: "ci", kind: "service", metadata: { pipeline: "ci" } },
        { name: "laptops", kind: "service" },
      ],
      settings: { gatewayUrl: emulator.url },
    });
    new TerraformOutput(stack, "settings-ci", { value: team.settingsJson("ci"), sensitive: true });
    new TerraformOutput(stack, "managed-settings-ci", { value: team.managedSettingsJson("ci"), sensitive: true });
    new TerraformOutput(stack, "summary", { value: team.summary });
    app.synth();
    stackDir = join(app.outdir, "stacks", "team-payments");

    const init = await runTerraform(stackDir, ["init", "-input=false"], env);
    if (init.code !== 0) throw new Error(`terraform init failed:\n${init.output}`);
    const apply = await runTerraform(stackDir, ["apply", "-auto-approve", "-input=false"], env);
    if (apply.code !== 0) throw new Error(`terraform apply failed:\n${apply.output}`);
  });

  afterAll(async () => {
    await emulator?.close();
  });

  async function outputs(): Promise<Record<string, { value: unknown; sensitive: boolean }>> {
    const result = await runTerraform(stackDir, ["output", "-json"], env);
    if (result.code !== 0) throw new Error(`terraform output failed:\n${result.output}`);
    return JSON.parse(result.output);
  }

  it("creates the integration (key sent, never stored), workspace, access, provider, policy and keys", () => {
    const state = emulator.snapshot();
    expect(state.integrations).toEqual([
      expect.objectContaining({
        slug: "vertex-us-east5",
        allow_all_models: false,
        configurations: expect.objectContaining({ vertex_region: "us-east5", masked_vertex_service_account_json: expect.anything() }),
      }),
    ]);
    expect(state.workspaces).toHaveLength(1);
    expect(state.providers).toEqual([expect.objectContaining({ slug: "payments-vertex", integration_id: "vertex-us-east5" })]);
    expect(state.apiKeys.map((key) => (key as { name: string }).name).sort()).toEqual(["payments-ci", "payments-laptops"]);
    expect(state.policies).toEqual([expect.objectContaining({ group_by: [{ key: "metadata._user" }] })]);
    // Write-only: the key file reached Portkey but is in neither the configuration nor the state.
    expect(readFileSync(join(stackDir, "terraform.tfstate"), "utf8")).not.toContain(FAKE_KEY_MATERIAL);
    expect(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")).not.toContain(FAKE_KEY_MATERIAL);
  });

  it("renders settings that get a 200 streamed reply from the gateway, sent exactly as Claude Code would", async () => {
    const out = await outputs();
    expect(out["settings-ci"].sensitive).toBe(true);
    const settings = JSON.parse(out["settings-ci"].value as string) as ClaudeSettings;
    expect(settings.env).toMatchObject({ ANTHROPIC_BASE_URL: emulator.url, ANTHROPIC_CUSTOM_HEADERS: "x-portkey-provider: @payments-vertex" });
    expect(settings.model).toBe("sonnet");
    // The key in the settings is the key Portkey issued, and it is no literal of cdk.tf.json.
    const token = settings.env?.ANTHROPIC_AUTH_TOKEN ?? "";
    expect(token.length).toBeGreaterThan(10);
    expect(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")).not.toContain(token);

    // `model: "sonnet"` is an alias: Claude Code sends the ID of ANTHROPIC_DEFAULT_SONNET_MODEL.
    const response = await claudeCodeRequest(settings, settings.env?.ANTHROPIC_DEFAULT_SONNET_MODEL ?? "");
    const body = await response.text();
    expect({ status: response.status, type: response.headers.get("content-type") }).toEqual({ status: 200, type: expect.stringContaining("text/event-stream") });
    expect(body).toContain("event: message_stop");
    expect(emulator.gatewayRequests().at(-1)).toMatchObject({ status: 200, routing: { provider: "payments-vertex" }, model: MODELS.sonnet });

    const managed = JSON.parse(out["managed-settings-ci"].value as string);
    expect(managed).toEqual(settings);
  });

  it("answers a model outside the integration's allow-list with 404, so the allow-list is live", async () => {
    const settings = JSON.parse((await outputs())["settings-ci"].value as string) as ClaudeSettings;
    const response = await claudeCodeRequest(settings, "claude-opus-4-1@20250805");
    expect(response.status).toBe(404);
  });

  it("re-sends the key to Portkey when its version changes (rotation), changing nothing else", async () => {
    const before = emulator.requests().length;
    const apply = await runTerraform(stackDir, ["apply", "-auto-approve", "-input=false", "-var", "key_version=key-2"], env);
    if (apply.code !== 0) throw new Error(`terraform apply failed:\n${apply.output}`);
    expect(apply.output).toContain("Resources: 0 added, 1 changed, 0 destroyed.");
    const writes = emulator.requests().slice(before).filter((r) => r.method !== "GET");
    expect(writes.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["PUT /v1/integrations/vertex-us-east5 200"]);
  });

  it("leaves nothing to change: a further plan is empty", async () => {
    const plan = await runTerraform(stackDir, ["plan", "-detailed-exitcode", "-input=false", "-var", "key_version=key-2"], env);
    if (plan.code !== 0) throw new Error(`expected an empty plan (exit 0), got ${plan.code}:\n${plan.output}`);
    expect(plan.output).toContain("No changes.");
  });
});
