/**
 * The pieces of the real-client suite that are not cases: a team stack deployed with the real
 * terraform against the emulator (so its outputs are what a platform team hands out), a second
 * base URL reaching the same emulator, the project's CLI run in-process, and what of a gateway
 * request says which settings produced it.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { dirname, join } from "node:path";
import { App, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Io } from "../../../src/cli/args";
import type { GatewayRequestRecord, RunningEmulator } from "../../../src/cli/emulator";
import { run } from "../../../src/cli/main";
import { runTerraform } from "../../../src/cli/run-terraform";
import { PortkeyadminProvider } from "../../../src/constructs/l1/portkeyadmin/provider";
import { PortkeyVertexIntegration } from "../../../src/constructs/portkey";
import type { ClaudeSettings } from "../../../src/constructs/settings";
import { ClaudeCodeTeam } from "../../../src/constructs/team";
import { FAKE_SERVICE_ACCOUNT } from "../../fixtures/fake-service-account";
import { testDir } from "../../support/run-root";

/** Owner-only JSON, like the outputs file a platform team hands out and the settings a developer keeps. */
export function writeJson(path: string, content: unknown): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(content, null, 2), { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

export interface TeamKey {
  readonly id: string;
  readonly token: string;
}

/** Stack `team-<name>`: a Vertex integration and a ClaudeCodeTeam with the given keys, applied. */
export class DeployedTeam {
  /** The latest `terraform output -json`, as a file (owner-only). */
  outputsFile = "";
  readonly keys = new Map<string, TeamKey>();

  private constructor(
    readonly name: string,
    private readonly stackDir: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly emulator: RunningEmulator,
    private readonly keyNames: readonly string[],
  ) {}

  static async deploy(emulator: RunningEmulator, adminKey: string, name: string, models: { opus: string; sonnet: string; haiku: string; default: string }, keyNames: string[]): Promise<DeployedTeam> {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: testDir("real-client-tf-home-"), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", PORTKEY_API_KEY: adminKey };
    for (const variable of Object.keys(env)) if (variable.startsWith("TF_") && variable !== "TF_IN_AUTOMATION") delete env[variable];
    env.TF_VAR_vertex_key_json = JSON.stringify(FAKE_SERVICE_ACCOUNT);
    const app = new App({ outdir: testDir("real-client-out-") });
    const stack = new TerraformStack(app, `team-${name}`);
    new LocalBackend(stack, { path: "terraform.tfstate" });
    new PortkeyadminProvider(stack, "portkey", { baseUrl: emulator.adminUrl });
    const keyJson = new TerraformVariable(stack, "vertex_key_json", { type: "string", sensitive: true });
    const vertex = new PortkeyVertexIntegration(stack, "vertex", {
      slug: "vertex-us-east5",
      region: "us-east5",
      projectId: "demo-project",
      serviceAccountKeyJson: keyJson.stringValue,
      keyVersion: "1",
      models: [models.opus, models.sonnet, models.haiku],
    });
    const team = new ClaudeCodeTeam(stack, name, {
      name,
      integrationSlug: vertex.slug,
      models,
      keys: keyNames.map((key) => ({ name: key, kind: "service" as const })),
      settings: { gatewayUrl: emulator.url },
    });
    for (const key of keyNames) new TerraformOutput(stack, `settings-${key}`, { value: team.settingsJson(key), sensitive: true });
    app.synth();
    const deployed = new DeployedTeam(name, join(app.outdir, "stacks", `team-${name}`), env, emulator, keyNames);
    await deployed.terraform(["init", "-input=false"]);
    await deployed.apply();
    return deployed;
  }

  /** `terraform apply` (what `cdktf deploy team-<name>` runs), then the outputs and keys read again. */
  async apply(): Promise<void> {
    await this.terraform(["apply", "-auto-approve", "-input=false"]);
    const outputs = JSON.parse(await this.terraform(["output", "-json"])) as Record<string, { value: string }>;
    this.outputsFile = writeJson(join(testDir("real-client-outputs-"), "outputs.json"), outputs);
    const apiKeys = this.emulator.snapshot().apiKeys as { id: string; name: string }[];
    for (const key of this.keyNames) {
      const settings = JSON.parse(outputs[`settings-${key}`].value) as ClaudeSettings;
      this.keys.set(key, { token: settings.env?.ANTHROPIC_AUTH_TOKEN ?? "", id: apiKeys.find((item) => item.name === `${this.name}-${key}`)?.id ?? "" });
    }
  }

  key(name: string): TeamKey {
    const key = this.keys.get(name);
    if (!key) throw new Error(`no key ${name} in team ${this.name}`);
    return key;
  }

  private async terraform(args: string[]): Promise<string> {
    const result = await runTerraform(this.stackDir, args, this.env);
    if (result.code !== 0) throw new Error(`terraform ${args[0]} failed:\n${result.output}`);
    return result.output;
  }
}

/** A TCP forwarder: a second base URL (another port) reaching the same emulator. */
export async function forwarder(port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((client) => {
    const upstream = connect(port, "127.0.0.1");
    client.pipe(upstream).pipe(client);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

export interface Where {
  readonly home: string;
  readonly cwd: string;
  readonly managedDir?: string;
  readonly shell?: Record<string, string>;
}

/** The project's CLI in-process (the emulator serves from this process: a blocking child would starve it). */
export async function cli(argv: string[], where: Where): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: async () => "",
    // A developer's shell names them (USER): onboard sends it as _user.
    env: { PATH: "/usr/bin:/bin", HOME: where.home, USER: "developer@example.com", ...where.shell },
    homeDir: where.home,
    cwd: where.cwd,
    managedDir: where.managedDir ?? join(where.home, "no-managed-settings"),
    now: () => new Date(),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** The parts of a gateway request that say which settings were used. */
export function requestSummary(request: GatewayRequestRecord) {
  const h = request.headers;
  return {
    path: request.path,
    status: request.status,
    host: h.host,
    apiKeyId: request.apiKeyId,
    model: request.model,
    authorization: h.authorization,
    "x-api-key": h["x-api-key"],
    "x-portkey-provider": h["x-portkey-provider"],
    "x-portkey-config": h["x-portkey-config"],
    "x-portkey-metadata": h["x-portkey-metadata"],
    "anthropic-version": h["anthropic-version"],
  };
}
