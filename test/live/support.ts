/**
 * Live mode: the settings that switch the live suite on, a terraform runner pointed at an Admin
 * API (the real one, or the emulator in the rehearsal) through the bundled provider, and a
 * client-side sweep that finds and deletes whatever a run left behind by the run's name prefix.
 */
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { runTerraform } from "../../src/cli/run-terraform";
import { PortkeyApiError, PortkeyClient, REDACTED, type SecretRegistry } from "../../src/portkey";
import { bundledProviderPath, writeDevOverridesConfig } from "../../src/provider/install";
import { testDir } from "../support/run-root";

export const DEFAULT_BASE_URL = "https://api.portkey.ai/v1";

/** Where the Admin API is and the key to call it with. */
export interface LiveConnection {
  readonly baseUrl: string;
  readonly adminKey: string;
}

/**
 * The Vertex integration a run uses: an existing organisation integration, shared with others
 * (the run grants its workspace access and touches nothing else of it), or a service-account
 * key file's content to create the run's own integration from (and a legacy virtual key).
 */
export type IntegrationSource = { readonly existingSlug: string } | { readonly serviceAccountJson: string };

export type LiveSettings =
  | { readonly enabled: false; readonly reason: string }
  | (LiveConnection & {
      readonly enabled: true;
      readonly integration: IntegrationSource;
      readonly vertexRegion: string;
    });

export type EnabledLiveSettings = Extract<LiveSettings, { enabled: true }>;

const liveEnv = z.object({
  PORTKEY_LIVE: z.string().optional(),
  PORTKEY_API_KEY: z.string().optional(),
  PORTKEY_BASE_URL: z.string().url("PORTKEY_BASE_URL must be a URL such as https://api.portkey.ai/v1").optional(),
  PORTKEY_LIVE_INTEGRATION: z.string().regex(/^[A-Za-z0-9_-]+$/, "PORTKEY_LIVE_INTEGRATION must be an integration slug (letters, digits, _ and -)").optional(),
  PORTKEY_LIVE_VERTEX_KEY_FILE: z.string().optional(),
  PORTKEY_LIVE_VERTEX_REGION: z.string().optional(),
});

/**
 * Read the environment. Off unless PORTKEY_LIVE=1 and PORTKEY_API_KEY are both set; when on,
 * a missing integration source or unreadable key file is an error naming the variable.
 */
export function liveSettings(env: NodeJS.ProcessEnv = process.env): LiveSettings {
  const parsed = liveEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Portkey live mode: ${parsed.error.issues.map((issue) => issue.message).join("; ")}.`);
  const vars = parsed.data;
  if (vars.PORTKEY_LIVE !== "1") return { enabled: false, reason: "set PORTKEY_LIVE=1 and PORTKEY_API_KEY (an Admin API key) to run it against the real Portkey API" };
  if (!vars.PORTKEY_API_KEY) return { enabled: false, reason: "PORTKEY_LIVE=1 is set but PORTKEY_API_KEY (an Admin API key) is not" };
  const keyFile = vars.PORTKEY_LIVE_VERTEX_KEY_FILE;
  if (!vars.PORTKEY_LIVE_INTEGRATION && !keyFile) {
    throw new Error("Portkey live mode needs a Vertex integration: set PORTKEY_LIVE_INTEGRATION to the slug of an existing organisation integration, or PORTKEY_LIVE_VERTEX_KEY_FILE to a service-account key file to create one from.");
  }
  if (!vars.PORTKEY_LIVE_INTEGRATION && keyFile && !existsSync(keyFile)) throw new Error(`PORTKEY_LIVE_VERTEX_KEY_FILE: no file at ${keyFile}; point it at a GCP service-account key file (JSON).`);
  return {
    enabled: true,
    adminKey: vars.PORTKEY_API_KEY,
    baseUrl: vars.PORTKEY_BASE_URL ?? DEFAULT_BASE_URL,
    integration: vars.PORTKEY_LIVE_INTEGRATION ? { existingSlug: vars.PORTKEY_LIVE_INTEGRATION } : { serviceAccountJson: readFileSync(keyFile ?? "", "utf8") },
    vertexRegion: vars.PORTKEY_LIVE_VERTEX_REGION ?? "us-east5",
  };
}

/** A name prefix no other run shares, e.g. `tflive-3f9a1c`: every object of the run carries it. */
export function uniquePrefix(): string {
  return `tflive-${randomBytes(3).toString("hex")}`;
}

export interface TerraformResult {
  readonly status: number;
  readonly output: string;
}

/**
 * terraform with the bundled provider against `connection`, in a fresh directory under the test
 * run root. What it prints is checked for every secret in `secrets` (each finding is kept, by
 * label, in `leaks`), scrubbed, and appended to `terraform-runs.log` in the directory.
 */
export class LiveTerraform {
  readonly dir = testDir("tf-live-");
  /** Where a secret showed up in terraform's output: `<command>: <how many> secret(s)`; never the value. */
  readonly leaks: string[] = [];
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly connection: LiveConnection,
    private readonly secrets: SecretRegistry,
    variables: Record<string, string> = {},
  ) {
    const provider = bundledProviderPath();
    if (!existsSync(provider)) throw new Error(`The provider bundle ${provider} is missing: run \`npm run build\` before the live tests.`);
    if (spawnSync("terraform", ["version"]).status !== 0) throw new Error("terraform is not on PATH: the live tests need Terraform 1.11.x");
    const cliConfig = writeDevOverridesConfig(join(this.dir, ".terraformrc"), dirname(provider));
    const tfVars = Object.fromEntries(Object.entries(variables).map(([name, value]) => [`TF_VAR_${name}`, value]));
    this.env = { ...process.env, ...tfVars, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: "1", PORTKEY_API_KEY: connection.adminKey };
  }

  configure(body: string): void {
    writeFileSync(
      join(this.dir, "main.tf"),
      `terraform {
  required_providers {
    portkeyadmin = { source = "terraform.local/claude-vertex-portkey/portkeyadmin" }
  }
}
provider "portkeyadmin" {
  base_url = "${this.connection.baseUrl}"
}
${body}
`,
    );
  }

  async run(args: string[]): Promise<TerraformResult> {
    const { code, output: raw } = await runTerraform(this.dir, args, this.env, 600_000);
    const output = this.secrets.scrub(raw);
    const scrubbed = output.split(REDACTED).length - raw.split(REDACTED).length;
    if (scrubbed > 0) this.leaks.push(`terraform ${args[0]}: ${scrubbed} secret(s) in its output`);
    appendFileSync(join(this.dir, "terraform-runs.log"), `$ terraform ${args.join(" ")}  (exit ${code})\n${output}\n`);
    return { status: code, output };
  }

  async expect(args: string[], expected = 0): Promise<string> {
    const result = await this.run(args);
    if (result.status !== expected) throw new Error(`terraform ${args.join(" ")} exited ${result.status}, expected ${expected}:\n${result.output}`);
    return result.output;
  }

  apply(): Promise<string> {
    return this.expect(["apply", "-auto-approve", "-input=false"]);
  }

  /** `plan -detailed-exitcode`: 0 = no changes, 2 = changes. */
  plan(): Promise<TerraformResult> {
    return this.run(["plan", "-detailed-exitcode", "-input=false"]);
  }

  destroy(): Promise<TerraformResult> {
    return this.run(["destroy", "-auto-approve", "-input=false"]);
  }

  /** The `terraform output -json` values (the suite declares no sensitive outputs). */
  async outputs(): Promise<Record<string, unknown>> {
    const json = JSON.parse(await this.expect(["output", "-json"])) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(json).map(([name, { value }]) => [name, value]));
  }

  /** Attributes of every managed resource in the state, by address (`portkeyadmin_workspace.team`). */
  stateResources(): Record<string, Record<string, unknown>> {
    const file = join(this.dir, "terraform.tfstate");
    if (!existsSync(file)) return {};
    const state = JSON.parse(readFileSync(file, "utf8")) as { resources?: { mode: string; type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[] };
    const managed = (state.resources ?? []).filter((resource) => resource.mode === "managed");
    return Object.fromEntries(managed.map((resource) => [`${resource.type}.${resource.name}`, resource.instances[0]?.attributes ?? {}]));
  }

  /** Whether terraform still tracks anything (false before the first apply and after destroy). */
  hasState(): boolean {
    return Object.keys(this.stateResources()).length > 0;
  }
}

export function liveClient(connection: LiveConnection): PortkeyClient {
  return new PortkeyClient({ apiKey: connection.adminKey, baseUrl: connection.baseUrl });
}

/** Workspaces named with the prefix. */
export async function workspacesNamed(client: PortkeyClient, prefix: string): Promise<{ id: string; name: string }[]> {
  return (await client.workspaces.list()).filter((workspace) => workspace.name.startsWith(prefix)).map(({ id, name }) => ({ id, name }));
}

/** One object a run left behind, and how to delete it. */
interface Leftover {
  readonly what: string;
  readonly remove: () => Promise<void>;
}

/**
 * Everything carrying the prefix, in the order it can be deleted: per prefixed workspace its API
 * keys, virtual keys, configs, policies and providers, the workspace's access to `sharedIntegration`
 * (an existing integration the run was given), then the workspace itself (force_delete cascades
 * to whatever the others missed); then policies outside those workspaces, then integrations.
 */
async function leftovers(client: PortkeyClient, prefix: string, sharedIntegration?: string): Promise<Leftover[]> {
  const found: Leftover[] = [];
  const named = (name: string | undefined) => name?.startsWith(prefix) ?? false;
  const policyIds = new Set<string>();
  const policies = async (workspaceId?: string) => {
    const filter = workspaceId === undefined ? {} : { workspace_id: workspaceId };
    for (const policy of await client.usageLimitsPolicies.list(filter)) {
      if (named(policy.name) && !policyIds.has(policy.id)) {
        policyIds.add(policy.id);
        found.push({ what: `usage-limits policy "${policy.name}"`, remove: () => client.usageLimitsPolicies.delete(policy.id) });
      }
    }
    for (const policy of await client.rateLimitsPolicies.list(filter)) {
      if (named(policy.name) && !policyIds.has(policy.id)) {
        policyIds.add(policy.id);
        found.push({ what: `rate-limits policy "${policy.name}"`, remove: () => client.rateLimitsPolicies.delete(policy.id) });
      }
    }
  };
  const access = sharedIntegration === undefined ? [] : (await client.integrations.listWorkspaces(sharedIntegration)).workspaces.filter((entry) => entry.enabled);
  for (const workspace of (await client.workspaces.list()).filter((item) => named(item.name))) {
    const inside = async (list: () => Promise<void>) => {
      try {
        await list();
      } catch {
        // A listing that fails here is covered by the workspace's force_delete below.
      }
    };
    await inside(async () => {
      for (const key of await client.apiKeys.list({ workspace_id: workspace.id })) {
        if (named(key.name)) found.push({ what: `API key "${key.name}"`, remove: () => client.apiKeys.delete(key.id) });
      }
    });
    // Portkey lists a workspace's providers among its virtual keys too: those are deleted as providers.
    let providerSlugs = new Set<string>();
    await inside(async () => {
      providerSlugs = new Set((await client.providers.list(workspace.id)).map((provider) => provider.slug));
    });
    await inside(async () => {
      for (const key of await client.virtualKeys.list({ workspace_id: workspace.id })) {
        if (named(key.name) && !providerSlugs.has(key.slug)) found.push({ what: `virtual key "${key.name}"`, remove: () => client.virtualKeys.delete(key.slug) });
      }
    });
    await inside(async () => {
      for (const config of await client.configs.list({ workspace_id: workspace.id })) {
        if (named(config.name)) found.push({ what: `config "${config.name}"`, remove: () => client.configs.delete(config.slug) });
      }
    });
    await inside(() => policies(workspace.id));
    for (const slug of providerSlugs) {
      if (slug.startsWith(prefix)) found.push({ what: `provider "${slug}"`, remove: () => client.providers.delete(slug, workspace.id) });
    }
    if (sharedIntegration !== undefined && access.some((entry) => entry.id === workspace.id || entry.id === workspace.slug)) {
      found.push({
        what: `access of "${workspace.name}" to integration "${sharedIntegration}"`,
        remove: async () => {
          await client.integrations.putWorkspaces(sharedIntegration, { workspaces: [{ id: workspace.id, enabled: false }] });
        },
      });
    }
    found.push({ what: `workspace "${workspace.name}"`, remove: () => client.workspaces.delete(workspace.id, { name: workspace.name, forceDelete: true }) });
  }
  await policies();
  for (const integration of await client.integrations.list({ type: "organisation" })) {
    if (integration.slug.startsWith(prefix)) found.push({ what: `integration "${integration.slug}"`, remove: () => client.integrations.delete(integration.slug) });
  }
  return found;
}

/** What carries the prefix (workspaces, and anything in them; policies; integrations), by description. */
export async function findByPrefix(client: PortkeyClient, prefix: string): Promise<string[]> {
  return (await leftovers(client, prefix)).map(({ what }) => what);
}

/**
 * Delete what a run left behind, found by its prefix (see `leftovers`). Best effort: every
 * failure is reported, none stops the sweep. Returns what was deleted and what could not be.
 */
export async function sweepByPrefix(client: PortkeyClient, prefix: string, sharedIntegration?: string): Promise<{ deleted: string[]; failed: string[] }> {
  const deleted: string[] = [];
  const failed: string[] = [];
  let found: Leftover[];
  try {
    found = await leftovers(client, prefix, sharedIntegration);
  } catch (error) {
    return { deleted, failed: [`listing what carries "${prefix}": ${client.secrets.scrub(error instanceof Error ? error.message : String(error))}`] };
  }
  for (const { what, remove } of found) {
    try {
      await remove();
      deleted.push(what);
    } catch (error) {
      // Gone already (cascaded from something deleted before it): nothing left to do.
      if (error instanceof PortkeyApiError && error.isNotFound()) continue;
      failed.push(`${what}: ${client.secrets.scrub(error instanceof Error ? error.message : String(error))}`);
    }
  }
  return { deleted, failed };
}
