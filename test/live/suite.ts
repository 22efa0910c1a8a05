/**
 * The live suite: every resource and data source of the provider, driven by the real terraform
 * through create, a clean second plan, an in-place update, an API-key rotation, out-of-band
 * edits made with the Admin API client, import into a fresh state and destroy, against whichever
 * Admin API `connect` names. test/live/portkey.live.test.ts runs it against the real Portkey API
 * (maintainers, with an admin key); test/e2e/live-rehearsal.e2e.test.ts runs the same suite
 * against the emulator, so CI proves it works.
 *
 * Every object is named with a random `tflive-<hex>` prefix. afterAll destroys with terraform,
 * then sweeps anything still carrying the prefix with the client.
 *
 * An existing integration is shared with others: the run only grants its own workspace access to
 * it. Its model allow-list, a virtual key made from its credentials and changes to it are only
 * exercised on an integration the run created itself.
 */
import { isDeepStrictEqual } from "node:util";
import { formatHit, scanTree, type Secret } from "../support/secret-scan";
import { type PortkeyClient, SecretRegistry } from "../../src/portkey";
import { type IntegrationSource, type LiveConnection, LiveTerraform, findByPrefix, liveClient, sweepByPrefix, uniquePrefix } from "./support";

const SONNET = "claude-sonnet-4-5@20250929";
const HAIKU = "claude-haiku-4-5@20251001";
const EDITED = "edited out of band";

export interface LiveSuiteOptions {
  /** Title of the describe block. */
  readonly title: string;
  readonly integration: IntegrationSource;
  /** Vertex AI location of the integration (and virtual key) the run creates. */
  readonly vertexRegion: string;
  /**
   * Called in beforeAll: the Admin API to run against, and how to let go of it afterwards (the
   * rehearsal starts its emulator here).
   */
  readonly connect: () => Promise<LiveConnection & { close?: () => Promise<void> }>;
  /** Timeout of each step. @default 15 minutes */
  readonly stepTimeoutMs?: number;
}

/** What is known before anything runs: which objects the run makes, and how they are named. */
interface Shape {
  readonly prefix: string;
  /** The run creates (and may change) its own integration, model allow-list and virtual key. */
  readonly own: boolean;
  readonly integrationSlug: string;
  readonly vertexRegion: string;
  /** The service-account key's project (own integration only): the virtual key needs it. */
  readonly vertexProjectId?: string;
}

interface Version {
  /** Changes descriptions, notes, limits, models and the retry count: every resource updates in place. */
  readonly revision: 1 | 2;
  /** The API key's rotation_trigger; null leaves it unset (an import cannot know it). */
  readonly rotation: string | null;
  /** Leave out what an import cannot read back: the versions of the write-only service-account keys. */
  readonly forImport?: boolean;
}

/** The managed resources of a run, in dependency order. */
function addresses({ own }: Shape): string[] {
  return [
    ...(own ? ["portkeyadmin_integration.vertex", "portkeyadmin_integration_models.vertex"] : []),
    "portkeyadmin_workspace.team",
    "portkeyadmin_integration_workspace_access.team",
    "portkeyadmin_provider.team",
    "portkeyadmin_config.team",
    "portkeyadmin_api_key.team",
    "portkeyadmin_usage_limits_policy.team",
    "portkeyadmin_rate_limits_policy.team",
    ...(own ? ["portkeyadmin_virtual_key.legacy"] : []),
  ];
}

const note = (revision: number) => `live test, revision ${revision}`;

function hcl(shape: Shape, { revision, rotation, forImport = false }: Version): string {
  const { prefix, own } = shape;
  const keyVersion = (value: string) => (forImport ? "" : `service_account_json_version = ${value}`);
  const integration = own
    ? `
variable "service_account_json" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "portkeyadmin_integration" "vertex" {
  slug                 = "${shape.integrationSlug}"
  name                 = "${prefix} Vertex"
  description          = "${note(revision)}"
  vertex_region        = "${shape.vertexRegion}"
  service_account_json = var.service_account_json
  ${keyVersion('"1"')}
}

resource "portkeyadmin_integration_models" "vertex" {
  integration_slug = portkeyadmin_integration.vertex.slug
  models           = ${JSON.stringify(revision === 1 ? [SONNET] : [SONNET, HAIKU])}
}

resource "portkeyadmin_virtual_key" "legacy" {
  name                 = "${prefix}-legacy"
  note                 = "${note(revision)}"
  workspace_id         = portkeyadmin_workspace.team.id
  vertex_region        = "${shape.vertexRegion}"
  vertex_project_id    = "${shape.vertexProjectId}"
  service_account_json = var.service_account_json
  ${keyVersion("1")}
}

locals { integration = portkeyadmin_integration.vertex.slug }
`
    : `locals { integration = "${shape.integrationSlug}" }`;
  return `${integration}
resource "portkeyadmin_workspace" "team" {
  name        = "${prefix}-team"
  description = "${note(revision)}"
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
  note           = "${note(revision)}"
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
  description  = "${note(revision)}"
  workspace_id = portkeyadmin_workspace.team.id
  config_id    = portkeyadmin_config.team.slug
  rate_limits  = [{ type = "requests", unit = "rpm", value = ${revision * 10} }]
  ${rotation === null ? "" : `rotation_trigger = "${rotation}"`}
}

resource "portkeyadmin_usage_limits_policy" "team" {
  name            = "${prefix}-budget-per-developer"
  workspace_id    = portkeyadmin_workspace.team.id
  conditions      = [{ key = "workspace_id", value = portkeyadmin_workspace.team.id }]
  group_by        = [{ key = "metadata._user" }]
  type            = "cost"
  credit_limit    = ${revision * 10}
  alert_threshold = ${revision * 5}
  periodic_reset  = "monthly"
}

resource "portkeyadmin_rate_limits_policy" "team" {
  name         = "${prefix}-tokens-per-key"
  workspace_id = portkeyadmin_workspace.team.id
  conditions   = [{ key = "workspace_id", value = portkeyadmin_workspace.team.id }]
  group_by     = [{ key = "api_key" }]
  type         = "tokens"
  unit         = "rpm"
  value        = ${revision * 1000}
}

data "portkeyadmin_integration" "vertex" {
  slug       = local.integration
  depends_on = [${own ? "portkeyadmin_integration_models.vertex" : "portkeyadmin_integration_workspace_access.team"}]
}

data "portkeyadmin_provider" "team" {
  slug         = portkeyadmin_provider.team.slug
  workspace_id = portkeyadmin_workspace.team.id
}

output "integration_lookup" {
  value = {
    id             = data.portkeyadmin_integration.vertex.id
    slug           = data.portkeyadmin_integration.vertex.slug
    type           = data.portkeyadmin_integration.vertex.type
    ai_provider_id = data.portkeyadmin_integration.vertex.ai_provider_id
    status         = data.portkeyadmin_integration.vertex.status${
      own
        ? `
    vertex_region    = data.portkeyadmin_integration.vertex.vertex_region
    allow_all_models = data.portkeyadmin_integration.vertex.allow_all_models`
        : ""
    }
  }
}

output "provider_lookup" {
  value = {
    id             = data.portkeyadmin_provider.team.id
    name           = data.portkeyadmin_provider.team.name
    integration_id = data.portkeyadmin_provider.team.integration_id
    status         = data.portkeyadmin_provider.team.status
  }
}
`;
}

/** `import {}` blocks for every resource but the workspace (imported with `terraform import`), ids from the original state. */
function importBlocks(shape: Shape, state: Record<string, Record<string, unknown>>): string {
  const attribute = (address: string, name: string) => String(state[address]?.[name] ?? "");
  const ids: Record<string, string> = {
    "portkeyadmin_integration.vertex": attribute("portkeyadmin_integration.vertex", "slug"),
    "portkeyadmin_integration_models.vertex": attribute("portkeyadmin_integration_models.vertex", "integration_slug"),
    "portkeyadmin_integration_workspace_access.team": `${shape.integrationSlug}/${attribute("portkeyadmin_workspace.team", "id")}`,
    "portkeyadmin_provider.team": `${attribute("portkeyadmin_workspace.team", "id")}/${attribute("portkeyadmin_provider.team", "slug")}`,
    "portkeyadmin_config.team": `${attribute("portkeyadmin_workspace.team", "id")}/${attribute("portkeyadmin_config.team", "slug")}`,
    "portkeyadmin_api_key.team": attribute("portkeyadmin_api_key.team", "id"),
    "portkeyadmin_usage_limits_policy.team": attribute("portkeyadmin_usage_limits_policy.team", "id"),
    "portkeyadmin_rate_limits_policy.team": attribute("portkeyadmin_rate_limits_policy.team", "id"),
    "portkeyadmin_virtual_key.legacy": attribute("portkeyadmin_virtual_key.legacy", "slug"),
  };
  return addresses(shape)
    .filter((address) => address !== "portkeyadmin_workspace.team")
    .map((address) => `import {\n  to = ${address}\n  id = "${ids[address]}"\n}\n`)
    .join("\n");
}

/** What the Admin API says about the fields each revision (and each out-of-band edit) changes. */
async function observe(client: PortkeyClient, shape: Shape, state: Record<string, Record<string, unknown>>): Promise<Record<string, unknown>> {
  const of = (address: string, name: string) => String(state[address]?.[name] ?? "");
  const workspaceId = of("portkeyadmin_workspace.team", "id");
  const workspace = await client.workspaces.get(workspaceId);
  const access = (await client.integrations.listWorkspaces(shape.integrationSlug)).workspaces.find((entry) => entry.id === workspaceId || entry.id === workspace.slug);
  const config = await client.configs.get(of("portkeyadmin_config.team", "slug"));
  const apiKey = await client.apiKeys.get(of("portkeyadmin_api_key.team", "id"));
  const seen: Record<string, unknown> = {
    workspace: workspace.description,
    access: { enabled: access?.enabled, credit_limit: access?.usage_limits?.[0]?.credit_limit, rate: access?.rate_limits?.[0]?.value },
    provider: (await client.providers.get(of("portkeyadmin_provider.team", "slug"), workspaceId)).note,
    config: { name: config.name, retries: (config.config?.retry as { attempts?: number } | undefined)?.attempts },
    apiKey: { description: apiKey.description, rate: apiKey.rate_limits?.[0]?.value },
    usagePolicy: { status: "active", ...pick(await client.usageLimitsPolicies.get(of("portkeyadmin_usage_limits_policy.team", "id")), ["status", "credit_limit"]) },
    ratePolicy: { status: "active", ...pick(await client.rateLimitsPolicies.get(of("portkeyadmin_rate_limits_policy.team", "id")), ["status", "value"]) },
  };
  if (shape.own) {
    const models = await client.integrations.getModels(shape.integrationSlug);
    seen.integration = (await client.integrations.get(shape.integrationSlug)).description;
    seen.models = { allow_all_models: models.allow_all_models, enabled: models.models.filter((model) => model.enabled).map((model) => model.slug).sort() };
    seen.virtualKey = (await client.virtualKeys.get(of("portkeyadmin_virtual_key.legacy", "slug"))).note;
  }
  return seen;
}

function pick<T extends object>(value: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.filter((key) => value[key] !== undefined && value[key] !== null).map((key) => [key, value[key]])) as Partial<T>;
}

/** What `observe` should see once a revision is applied. */
function expected(shape: Shape, revision: 1 | 2): Record<string, unknown> {
  const seen: Record<string, unknown> = {
    workspace: note(revision),
    access: { enabled: true, credit_limit: revision * 5, rate: revision * 10 },
    provider: note(revision),
    config: { name: `${shape.prefix}-routing`, retries: revision + 1 },
    apiKey: { description: note(revision), rate: revision * 10 },
    usagePolicy: { status: "active", credit_limit: revision * 10 },
    ratePolicy: { status: "active", value: revision * 1000 },
  };
  if (shape.own) {
    seen.integration = note(revision);
    seen.models = { allow_all_models: false, enabled: (revision === 1 ? [SONNET] : [SONNET, HAIKU]).sort() };
    seen.virtualKey = note(revision);
  }
  return seen;
}

/**
 * What `observe` sees once it matches `want`, or after 30 s: right after a write the Admin API may
 * still read back the old limits (fact sheet §1.7 #4).
 */
async function settled(read: () => Promise<Record<string, unknown>>, want: Record<string, unknown>): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const seen = await read();
    if (isDeepStrictEqual(seen, want) || Date.now() > deadline) return seen;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

const changes = (add: number, change: number, destroy: number) => `Plan: ${add} to add, ${change} to change, ${destroy} to destroy.`;

export function defineLiveSuite(options: LiveSuiteOptions): void {
  const own = "serviceAccountJson" in options.integration;
  const serviceAccountJson = "serviceAccountJson" in options.integration ? options.integration.serviceAccountJson : undefined;
  const prefix = uniquePrefix();
  const shape: Shape = {
    prefix,
    own,
    integrationSlug: "existingSlug" in options.integration ? options.integration.existingSlug : `${prefix}-vertex`,
    vertexRegion: options.vertexRegion,
    vertexProjectId: serviceAccountJson === undefined ? undefined : (JSON.parse(serviceAccountJson) as { project_id?: string }).project_id,
  };
  const count = addresses(shape).length;
  const timeout = options.stepTimeoutMs ?? 15 * 60_000;
  const made = own ? "integration, model allow-list, virtual key, " : "";

  describe(options.title, () => {
    const secrets = new SecretRegistry();
    /** The API-key secrets the run was issued: scrubbed from output, and scanned for at the end. */
    const issued = new Set<string>();
    let connection: (LiveConnection & { close?: () => Promise<void> }) | undefined;
    let client: PortkeyClient | undefined;
    let main: LiveTerraform | undefined;
    let imported: LiveTerraform | undefined;

    const tf = (): LiveTerraform => {
      if (!main) throw new Error("beforeAll did not set up terraform");
      return main;
    };
    const api = (): PortkeyClient => {
      if (!client) throw new Error("beforeAll did not set up the Admin API client");
      return client;
    };
    const variables = (): Record<string, string> => (serviceAccountJson === undefined ? {} : { service_account_json: serviceAccountJson });
    const state = () => tf().stateResources();
    /** The API key in state: its id, and its secret (registered as a secret at once). */
    const apiKey = (from: LiveTerraform = tf()): { id: string; key: string | null } => {
      const attributes = from.stateResources()["portkeyadmin_api_key.team"] ?? {};
      const key = typeof attributes.key === "string" ? attributes.key : null;
      if (key) {
        secrets.add(key);
        issued.add(key);
      }
      return { id: String(attributes.id ?? ""), key };
    };
    const cleanPlan = async (from: LiveTerraform = tf()) => {
      const plan = await from.plan();
      expect(plan.output).toContain("No changes.");
      expect(plan.status).toBe(0);
    };

    beforeAll(async () => {
      connection = await options.connect();
      secrets.add(connection.adminKey);
      // The key material only: the file's other fields (project, e-mail, "service_account") are not secret.
      if (serviceAccountJson !== undefined) secrets.add(pick(JSON.parse(serviceAccountJson) as { private_key?: string; private_key_id?: string }, ["private_key", "private_key_id"]));
      client = liveClient(connection);
      main = new LiveTerraform(connection, secrets, variables());
      console.info(`Portkey live run against ${connection.baseUrl}: objects are named ${prefix}-*${own ? "" : `; integration "${shape.integrationSlug}" is shared, so its model allow-list and a virtual key are not exercised`}.`);
    }, timeout);

    afterAll(async () => {
      try {
        if (main?.hasState()) {
          const destroyed = await main.destroy();
          if (destroyed.status !== 0) console.warn(`terraform destroy failed; sweeping by prefix instead:\n${destroyed.output}`);
        }
      } finally {
        try {
          if (client) {
            const { deleted, failed } = await sweepByPrefix(client, prefix, own ? undefined : shape.integrationSlug);
            if (deleted.length > 0) console.warn(`Swept what terraform left behind: ${deleted.join(", ")}`);
            if (failed.length > 0) console.error(`Could not delete (remove by hand, they are named ${prefix}-*): ${failed.join("; ")}`);
            await client.close();
          }
        } finally {
          await connection?.close?.();
        }
      }
    }, timeout);

    it(
      `creates every resource (${made}workspace, integration access, provider, config, API key, both policies) and a second plan is empty`,
      async () => {
        tf().configure(hcl(shape, { revision: 1, rotation: "r1" }));
        const plan = await tf().plan();
        expect(plan.output).toContain(changes(count, 0, 0));
        expect(await tf().apply()).toContain(`Apply complete! Resources: ${count} added, 0 changed, 0 destroyed.`);
        expect(Object.keys(state()).sort()).toEqual(addresses(shape).sort());
        expect(apiKey().key).toEqual(expect.any(String));
        expect(await settled(() => observe(api(), shape, state()), expected(shape, 1))).toEqual(expected(shape, 1));
        await cleanPlan();
      },
      timeout,
    );

    if (!own) {
      it.skip(`integration, model allow-list and virtual key: only with an integration the run creates itself (PORTKEY_LIVE_VERTEX_KEY_FILE); "${shape.integrationSlug}" is shared, and changing its models would affect others`, () => {});
    }

    it(
      "reads the integration and the provider back through the data sources",
      async () => {
        const outputs = await tf().outputs();
        expect(outputs.integration_lookup).toMatchObject({ slug: shape.integrationSlug, type: "organisation", ai_provider_id: "vertex-ai", status: "active" });
        if (own) {
          expect(outputs.integration_lookup).toMatchObject({ id: state()["portkeyadmin_integration.vertex"]?.id, vertex_region: shape.vertexRegion, allow_all_models: false });
        }
        expect(outputs.provider_lookup).toEqual({ id: state()["portkeyadmin_provider.team"]?.id, name: `${prefix} provider`, integration_id: shape.integrationSlug, status: "active" });
      },
      timeout,
    );

    it(
      "updates every resource in place, and the plan after that is empty",
      async () => {
        const ids = Object.fromEntries(Object.entries(state()).map(([address, attributes]) => [address, attributes.id]));
        tf().configure(hcl(shape, { revision: 2, rotation: "r1" }));
        const plan = await tf().plan();
        expect(plan.status).toBe(2);
        expect(plan.output).toContain(changes(0, count, 0));
        expect(await tf().apply()).toContain(`Apply complete! Resources: 0 added, ${count} changed, 0 destroyed.`);
        expect(Object.fromEntries(Object.entries(state()).map(([address, attributes]) => [address, attributes.id]))).toEqual(ids);
        expect(await settled(() => observe(api(), shape, state()), expected(shape, 2))).toEqual(expected(shape, 2));
        await cleanPlan();
      },
      timeout,
    );

    it(
      "rotates the API key when rotation_trigger changes: the same key, a new secret",
      async () => {
        const before = apiKey();
        tf().configure(hcl(shape, { revision: 2, rotation: "r2" }));
        const plan = await tf().plan();
        expect(plan.status).toBe(2);
        expect(plan.output).toContain(changes(0, 1, 0));
        expect(plan.output).toMatch(/~ key\s+= \(sensitive value\)/);
        expect(await tf().apply()).toContain("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.");
        const after = apiKey();
        expect(after.id).toBe(before.id);
        expect(after.key).toEqual(expect.any(String));
        expect(after.key).not.toBe(before.key);
        await cleanPlan();
      },
      timeout,
    );

    it(
      `plans out-of-band edits back (workspace, access, provider, config, API key, usage policy${own ? ", integration, model allow-list, virtual key" : ""}) and re-creates a rate policy deleted out of band`,
      async () => {
        const client = api();
        const of = (address: string, name: string) => String(state()[address]?.[name] ?? "");
        const workspaceId = of("portkeyadmin_workspace.team", "id");
        const ratePolicyId = of("portkeyadmin_rate_limits_policy.team", "id");
        await client.workspaces.update(workspaceId, { description: EDITED });
        await client.integrations.putWorkspaces(shape.integrationSlug, {
          workspaces: [{ id: workspaceId, enabled: true, usage_limits: [{ type: "cost", credit_limit: 99, periodic_reset: "monthly" }], rate_limits: [{ type: "requests", unit: "rpm", value: 20 }] }],
        });
        await client.providers.update(of("portkeyadmin_provider.team", "slug"), workspaceId, { note: EDITED });
        await client.configs.update(of("portkeyadmin_config.team", "slug"), { name: `${prefix}-routing-edited` });
        await client.apiKeys.update(of("portkeyadmin_api_key.team", "id"), { description: EDITED });
        await client.usageLimitsPolicies.update(of("portkeyadmin_usage_limits_policy.team", "id"), { credit_limit: 999 });
        await client.rateLimitsPolicies.delete(ratePolicyId);
        if (own) {
          await client.integrations.update(shape.integrationSlug, { description: EDITED });
          await client.integrations.putModels(shape.integrationSlug, { allow_all_models: true, models: [] });
          await client.virtualKeys.update(of("portkeyadmin_virtual_key.legacy", "slug"), { note: EDITED });
        }
        const edited = own ? 9 : 6;

        const plan = await tf().plan();
        expect(plan.status).toBe(2);
        expect(plan.output).toContain(changes(1, edited, 0));
        expect(plan.output).toContain("portkeyadmin_rate_limits_policy.team will be created");
        for (const address of addresses(shape).filter((address) => address !== "portkeyadmin_rate_limits_policy.team")) {
          expect(plan.output).toContain(`${address} will be updated in-place`);
        }
        // Descriptions and notes edited through the API are put back.
        expect(plan.output.split(`"${EDITED}" -> "${note(2)}"`).length - 1).toBe(own ? 5 : 3);
        expect(plan.output).toMatch(/credit_limit\s+= 999 -> 20/);
        expect(plan.output).toContain(`"${prefix}-routing-edited" -> "${prefix}-routing"`);
        expect(plan.output).toMatch(/credit_limit\s+= 99 -> 10/);
        if (own) expect(plan.output).toMatch(/allow_all_models\s+= true -> false/);

        expect(await tf().apply()).toContain(`Apply complete! Resources: 1 added, ${edited} changed, 0 destroyed.`);
        expect(of("portkeyadmin_rate_limits_policy.team", "id")).not.toBe(ratePolicyId);
        expect(await settled(() => observe(client, shape, state()), expected(shape, 2))).toEqual(expected(shape, 2));
        await cleanPlan();
      },
      timeout,
    );

    it(
      "imports every object into a fresh state (terraform import, then import blocks), after which a plan is empty",
      async () => {
        const original = state();
        imported = new LiveTerraform(connection as LiveConnection, secrets, variables());
        const body = hcl(shape, { revision: 2, rotation: null, forImport: true });
        imported.configure(body);
        const workspace = await imported.expect(["import", "-input=false", "portkeyadmin_workspace.team", String(original["portkeyadmin_workspace.team"]?.id)]);
        expect(workspace).toContain("Import successful!");

        imported.configure(`${body}\n${importBlocks(shape, original)}`);
        const plan = await imported.plan();
        expect(plan.status).toBe(2);
        // Imports only: the API key's config reads back as its UUID, and the import stores the
        // slug the configuration names it by (docs/provider.md).
        expect(plan.output).toContain(`Plan: ${count - 1} to import, 0 to add, 0 to change, 0 to destroy.`);
        expect(plan.output).not.toContain("will be updated in-place");
        expect(await imported.apply()).toContain(`Apply complete! Resources: ${count - 1} imported, 0 added, 0 changed, 0 destroyed.`);
        await cleanPlan(imported);

        const fresh = imported.stateResources();
        for (const address of addresses(shape)) expect({ address, id: fresh[address]?.id }).toEqual({ address, id: original[address]?.id });
        // Portkey masks API-key secrets on read: an imported key has none until it is rotated.
        expect(apiKey(imported)).toEqual({ id: String(original["portkeyadmin_api_key.team"]?.id), key: null });
        expect(fresh["portkeyadmin_api_key.team"]?.config_id).toBe(original["portkeyadmin_config.team"]?.slug);
      },
      timeout,
    );

    it(
      "destroys everything it created, leaving nothing that carries the run's prefix",
      async () => {
        const workspaceId = String(state()["portkeyadmin_workspace.team"]?.id);
        const destroyed = await tf().destroy();
        expect(destroyed.output).toContain(`Destroy complete! Resources: ${count} destroyed.`);
        expect(destroyed.status).toBe(0);
        expect(tf().hasState()).toBe(false);
        expect(await findByPrefix(api(), prefix)).toEqual([]);
        if (!own) {
          const access = (await api().integrations.listWorkspaces(shape.integrationSlug)).workspaces.filter((entry) => entry.enabled);
          expect(access.map((entry) => entry.id)).not.toContain(workspaceId);
        }
      },
      timeout,
    );

    it("printed no secret, and left none in its working directories", () => {
      const known: Secret[] = [
        { label: "the admin key", kind: "admin-key", value: connection?.adminKey ?? "" },
        ...[...issued].map((value, index) => ({ label: `API-key secret #${index + 1} of the run`, kind: "api-key" as const, value })),
      ];
      if (serviceAccountJson !== undefined) {
        const { private_key: privateKey } = JSON.parse(serviceAccountJson) as { private_key?: string };
        if (privateKey) known.push({ label: "the service-account private_key", kind: "service-account", value: privateKey });
      }
      expect(issued.size).toBeGreaterThanOrEqual(2);
      const runs = [main, imported].filter((run): run is LiveTerraform => run !== undefined);
      expect(runs.flatMap((run) => run.leaks)).toEqual([]);
      const hits = runs.flatMap((run) => scanTree(run.dir, known).hits.map(formatHit));
      expect(hits).toEqual([]);
    });
  });
}
