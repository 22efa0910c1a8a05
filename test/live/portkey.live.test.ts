/**
 * The resource lifecycle against the real Portkey Admin API: how a maintainer verifies the
 * provider against the service. Off by default (and in CI); run it with
 *
 *   npm run build
 *   PORTKEY_LIVE=1 PORTKEY_API_KEY=<admin key> PORTKEY_LIVE_INTEGRATION=<vertex integration slug> \
 *     npx jest test/live
 *
 * (or PORTKEY_LIVE_VERTEX_KEY_FILE=<service-account key file> instead of PORTKEY_LIVE_INTEGRATION
 * to have the run create, and delete, its own integration). Every object is named with a
 * random prefix; afterAll destroys them with terraform, then sweeps anything left by prefix.
 */
import type { PortkeyClient } from "../../src/portkey";
import { type EnabledLiveSettings, LiveTerraform, liveClient, liveSettings, sweepByPrefix, uniquePrefix, workspacesNamed } from "./support";

jest.setTimeout(15 * 60_000);

const SONNET = "claude-sonnet-4-5@20250929";

interface Version {
  /** Changes descriptions, limits and the retry count: every resource updates in place. */
  readonly revision: 1 | 2;
}

/** One team's objects; the integration is created only when no existing one was named. */
function lifecycleHcl(settings: EnabledLiveSettings, prefix: string, { revision }: Version): string {
  const own = settings.integrationSlug === undefined;
  const integration = own
    ? `
variable "service_account_json" {
  type      = string
  sensitive = true
  ephemeral = true
}
resource "portkeyadmin_integration" "vertex" {
  slug                         = "${prefix}-vertex"
  name                         = "${prefix} Vertex"
  vertex_region                = "${settings.vertexRegion}"
  service_account_json         = var.service_account_json
  service_account_json_version = "1"
}
locals { integration = portkeyadmin_integration.vertex.slug }
`
    : `locals { integration = "${settings.integrationSlug}" }`;
  return `${integration}
resource "portkeyadmin_workspace" "team" {
  name        = "${prefix}-team"
  description = "live test, revision ${revision}"
  metadata    = { purpose = "terraform-live-test" }
}

resource "portkeyadmin_integration_workspace_access" "team" {
  integration_slug = local.integration
  workspace_id     = portkeyadmin_workspace.team.id
  usage_limits     = [{ type = "cost", credit_limit = ${revision * 5}, periodic_reset = "monthly" }]
  rate_limits      = [{ type = "requests", unit = "rpm", value = ${revision * 10} }]
}

resource "portkeyadmin_provider" "team" {
  name           = "${prefix} provider"
  slug           = "${prefix}-vertex-team"
  workspace_id   = portkeyadmin_workspace.team.id
  integration_id = local.integration
  note           = "live test, revision ${revision}"
  rate_limits    = [{ type = "requests", unit = "rpm", value = ${revision * 10} }]
  depends_on     = [portkeyadmin_integration_workspace_access.team]
}

resource "portkeyadmin_config" "team" {
  name         = "${prefix}-routing"
  workspace_id = portkeyadmin_workspace.team.id
  strategy     = { mode = "fallback", on_status_codes = [429, 503] }
  targets = [
    { provider = "@\${portkeyadmin_provider.team.slug}", override_params = { model = "${SONNET}" } },
    { provider = "@\${local.integration}", override_params = { model = "${SONNET}" } },
  ]
  retry = { attempts = ${revision + 1}, on_status_codes = [429] }
}

resource "portkeyadmin_api_key" "team" {
  name         = "${prefix}-claude-code"
  description  = "live test, revision ${revision}"
  workspace_id = portkeyadmin_workspace.team.id
  config_id    = portkeyadmin_config.team.slug
  rate_limits  = [{ type = "requests", unit = "rpm", value = ${revision * 10} }]
}
`;
}

const settings = liveSettings();
if (!settings.enabled) console.info(`Portkey live tests skipped: ${settings.reason}.`);

(settings.enabled ? describe : describe.skip)("the resource lifecycle against the real Portkey API", () => {
  // jest runs this body even when skipped: build nothing here that needs the live settings.
  const live = settings as EnabledLiveSettings;
  const prefix = uniquePrefix();
  let client: PortkeyClient;
  let tf: LiveTerraform | undefined;

  beforeAll(() => {
    client = liveClient(live);
    tf = new LiveTerraform(live, live.vertexKeyJson ? { service_account_json: live.vertexKeyJson } : {});
    console.info(`Portkey live run: objects are named ${prefix}-*`);
  });
  afterAll(async () => {
    try {
      if (tf?.hasState()) {
        const destroyed = await tf.destroy();
        if (destroyed.status !== 0) console.warn(`terraform destroy failed; sweeping by prefix instead:\n${destroyed.output}`);
      }
    } finally {
      if (client) {
        const { deleted, failed } = await sweepByPrefix(client, prefix);
        if (deleted.length > 0) console.warn(`Swept what terraform left behind: ${deleted.join(", ")}`);
        if (failed.length > 0) console.error(`Could not delete (remove by hand): ${failed.join("; ")}`);
        await client.close();
      }
    }
  });

  const terraform = (): LiveTerraform => {
    if (!tf) throw new Error("beforeAll did not set up terraform");
    return tf;
  };

  it("creates the workspace, provider, config and API key, and a second plan is empty", async () => {
    const tf = terraform();
    tf.configure(lifecycleHcl(live, prefix, { revision: 1 }));
    const output = await tf.apply();
    expect(output).toMatch(/Apply complete! Resources: [56] added, 0 changed, 0 destroyed/);
    expect(await workspacesNamed(client, prefix)).toHaveLength(1);
    const plan = await tf.plan();
    expect(plan.output).toContain("No changes.");
    expect(plan.status).toBe(0);
  });

  it("updates every resource in place, and the plan after that is empty too", async () => {
    const tf = terraform();
    tf.configure(lifecycleHcl(live, prefix, { revision: 2 }));
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toContain("0 to add, 5 to change, 0 to destroy");
    expect(await tf.apply()).toContain("0 added, 5 changed, 0 destroyed");
    const again = await tf.plan();
    expect(again.output).toContain("No changes.");
    expect(again.status).toBe(0);
  });

  it("destroys everything it created", async () => {
    const tf = terraform();
    const destroyed = await tf.destroy();
    expect(destroyed.output).toMatch(/Destroy complete! Resources: [56] destroyed/);
    expect(destroyed.status).toBe(0);
    expect(await workspacesNamed(client, prefix)).toEqual([]);
    expect(tf.hasState()).toBe(false);
  });
});
