/**
 * Live mode: the settings that switch the live suite on, a terraform runner pointed at the real
 * Portkey Admin API through the bundled provider, and a client-side sweep that deletes whatever
 * a run left behind, found by the run's unique name prefix.
 */
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { runTerraform } from "../../src/cli/run-terraform";
import { PortkeyClient, SecretRegistry } from "../../src/portkey";
import { bundledProviderPath, writeDevOverridesConfig } from "../../src/provider/install";
import { testDir } from "../support/run-root";

export const DEFAULT_BASE_URL = "https://api.portkey.ai/v1";

export type LiveSettings =
  | { readonly enabled: false; readonly reason: string }
  | {
      readonly enabled: true;
      readonly adminKey: string;
      readonly baseUrl: string;
      /** An existing organisation integration to use, by slug... */
      readonly integrationSlug?: string;
      /** ...or the content of a service-account key file to create one from. */
      readonly vertexKeyJson?: string;
      readonly vertexRegion: string;
    };

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
  if (keyFile && !existsSync(keyFile)) throw new Error(`PORTKEY_LIVE_VERTEX_KEY_FILE: no file at ${keyFile}; point it at a GCP service-account key file (JSON).`);
  return {
    enabled: true,
    adminKey: vars.PORTKEY_API_KEY,
    baseUrl: vars.PORTKEY_BASE_URL ?? DEFAULT_BASE_URL,
    integrationSlug: vars.PORTKEY_LIVE_INTEGRATION,
    vertexKeyJson: vars.PORTKEY_LIVE_INTEGRATION ? undefined : readFileSync(keyFile ?? "", "utf8"),
    vertexRegion: vars.PORTKEY_LIVE_VERTEX_REGION ?? "us-east5",
  };
}

/** A name prefix no other run shares, e.g. `tflive-3f9a1c`: every object of the run carries it. */
export function uniquePrefix(): string {
  return `tflive-${randomBytes(3).toString("hex")}`;
}

export type EnabledLiveSettings = Extract<LiveSettings, { enabled: true }>;

/** terraform with the bundled provider against the real API; output is scrubbed of every secret the run knows. */
export class LiveTerraform {
  readonly dir = testDir("tf-live-");
  readonly secrets = new SecretRegistry();
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly settings: EnabledLiveSettings, variables: Record<string, string> = {}) {
    const provider = bundledProviderPath();
    if (!existsSync(provider)) throw new Error(`The provider bundle ${provider} is missing: run \`npm run build\` before the live tests.`);
    if (spawnSync("terraform", ["version"]).status !== 0) throw new Error("terraform is not on PATH: the live tests need Terraform 1.11.x");
    this.secrets.add(settings.adminKey);
    if (settings.vertexKeyJson) this.secrets.add(JSON.parse(settings.vertexKeyJson));
    const cliConfig = writeDevOverridesConfig(join(this.dir, ".terraformrc"), dirname(provider));
    const tfVars = Object.fromEntries(Object.entries(variables).map(([name, value]) => [`TF_VAR_${name}`, value]));
    this.env = { ...process.env, ...tfVars, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: "1", PORTKEY_API_KEY: settings.adminKey };
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
  base_url = "${this.settings.baseUrl}"
}
${body}
`,
    );
  }

  async run(args: string[]): Promise<{ status: number; output: string }> {
    const { code, output } = await runTerraform(this.dir, args, this.env, 600_000);
    return { status: code, output: this.secrets.scrub(output) };
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
  plan(): Promise<{ status: number; output: string }> {
    return this.run(["plan", "-detailed-exitcode", "-input=false"]);
  }

  destroy(): Promise<{ status: number; output: string }> {
    return this.run(["destroy", "-auto-approve", "-input=false"]);
  }

  /** Whether terraform still tracks anything (false before the first apply and after destroy). */
  hasState(): boolean {
    const file = join(this.dir, "terraform.tfstate");
    if (!existsSync(file)) return false;
    const state = JSON.parse(readFileSync(file, "utf8")) as { resources?: unknown[] };
    return (state.resources ?? []).length > 0;
  }
}

export function liveClient(settings: EnabledLiveSettings): PortkeyClient {
  return new PortkeyClient({ apiKey: settings.adminKey, baseUrl: settings.baseUrl });
}

/** Workspaces named with the prefix. */
export async function workspacesNamed(client: PortkeyClient, prefix: string): Promise<{ id: string; name: string }[]> {
  return (await client.workspaces.list()).filter((workspace) => workspace.name.startsWith(prefix)).map(({ id, name }) => ({ id, name }));
}

/**
 * Delete what a run left behind: workspaces named with the prefix (force_delete cascades to
 * their providers, configs, API keys and policies), then integrations whose slug carries it.
 * Best effort: every failure is reported, none stops the sweep. Returns what was deleted.
 */
export async function sweepByPrefix(client: PortkeyClient, prefix: string): Promise<{ deleted: string[]; failed: string[] }> {
  const deleted: string[] = [];
  const failed: string[] = [];
  const attempt = async (what: string, action: () => Promise<void>) => {
    try {
      await action();
      deleted.push(what);
    } catch (error) {
      failed.push(`${what}: ${client.secrets.scrub(error instanceof Error ? error.message : String(error))}`);
    }
  };
  for (const workspace of await workspacesNamed(client, prefix)) {
    await attempt(`workspace "${workspace.name}"`, () => client.workspaces.delete(workspace.id, { name: workspace.name, forceDelete: true }));
  }
  for (const integration of await client.integrations.list({ type: "organisation" })) {
    if (integration.slug.startsWith(prefix)) await attempt(`integration "${integration.slug}"`, () => client.integrations.delete(integration.slug));
  }
  return { deleted, failed };
}
