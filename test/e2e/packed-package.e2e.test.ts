/**
 * A platform team adopts the toolkit from its own repository (issue 16), using only the packed
 * package: `npm pack` → `claude-vertex-portkey init <dir> --package file:<tarball>` → `npm install`
 * (from the npm registry, outside this repository) → `cdktf deploy platform 'team-*'` with the
 * installed cdktf-cli against the emulator → `cdktf output` → the installed
 * `claude-vertex-portkey onboard`. Then a hand-written app in the same repository composes the
 * constructs (a few dozen lines, typed through the package's `exports` and declarations),
 * synthesizes, and the real terraform applies it with the provider found inside node_modules.
 * Needs `npm run build` and the npm registry (or a warm npm cache).
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "../../src/cli/emulator";
import { FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { removeTestDir, testDir } from "../support/run-root";
import { ONBOARD, ROOT, run } from "./support/cdktf-project";

jest.setTimeout(600_000);

const ADMIN_KEY = "pk-admin-packed-package-e2e-3a7f55";
const TEAMS = ["payments", "data-science"];

/** What a hand-written app looks like: the constructs, composed in one stack. */
const CUSTOM_APP = `import { App, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { ClaudeCodeTeam, PortkeyVertexIntegration } from "claude-vertex-portkey";
import { PortkeyadminProvider } from "claude-vertex-portkey/l1";

const app = new App({ outdir: "custom.out" });
const stack = new TerraformStack(app, "claude-code");
new PortkeyadminProvider(stack, "portkeyadmin", {}); // PORTKEY_API_KEY, PORTKEY_BASE_URL at run time

const keyJson = new TerraformVariable(stack, "vertex_key", { type: "string", sensitive: true });
keyJson.addOverride("ephemeral", true);

const vertex = new PortkeyVertexIntegration(stack, "vertex", {
  slug: "vertex-custom",
  region: "us-east5",
  projectId: "acme-claude-prod",
  serviceAccountKeyJson: keyJson.stringValue,
  keyVersion: "2026-12",
  models: ["claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5"],
});

const team = new ClaudeCodeTeam(stack, "research", {
  name: "research",
  integrationSlug: vertex.slug,
  budget: { type: "cost", limit: 300, periodicReset: "monthly" },
  models: { opus: "claude-opus-5-5", sonnet: "claude-sonnet-5-5", haiku: "claude-haiku-5-5", default: "opus" },
  keys: [{ name: "claude-code", kind: "service" }],
  settings: { gatewayUrl: process.env.GATEWAY_URL ?? "https://api.portkey.ai" },
});

new TerraformOutput(stack, "settings", { value: team.settingsJson("claude-code"), sensitive: true });
app.synth();
`;

describe("a platform repository from the packed package", () => {
  let emulator: RunningEmulator;
  let root: string;
  let repo: string;
  let env: NodeJS.ProcessEnv;

  async function sh(command: string, args: string[], cwd = repo, extra: NodeJS.ProcessEnv = {}) {
    const result = await run(command, args, cwd, { ...env, ...extra });
    if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.code}:\n${result.output}`);
    return result.output;
  }

  beforeAll(async () => {
    if (!existsSync(ONBOARD)) throw new Error(`${ONBOARD} is missing: run \`npm run build\` before this test.`);
    emulator = await startEmulator({ adminKey: ADMIN_KEY, port: 0 });
    root = testDir("packed-package-e2e-");
    repo = join(root, "claude-code-platform");
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TF_") && !name.startsWith("CDKTF_") && !name.startsWith("npm_")));
    env = {
      ...inherited,
      CHECKPOINT_DISABLE: "1",
      DISABLE_VERSION_CHECK: "true",
      CI: "1",
      CVP_GCP: "off",
      PORTKEY_API_KEY: ADMIN_KEY,
      TF_VAR_vertex_service_account_json: JSON.stringify(FAKE_SERVICE_ACCOUNT),
      TF_VAR_vertex_service_account_json_version: "2026-12",
    };
    await sh("npm", ["pack", "--pack-destination", root], ROOT);
    const tarball = readdirSync(root).find((file) => file.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack wrote no tarball into ${root}`);
    await sh(process.execPath, [ONBOARD, "init", repo, "--package", `file:${join(root, tarball)}`], root);
    await sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"]);
  });

  afterAll(async () => {
    await emulator?.close();
    // Registry packages only: no secret of this run in there, and 700 MB would slow the secret scan.
    if (repo) rmSync(join(repo, "node_modules"), { recursive: true, force: true });
    if (root) removeTestDir(root);
  });

  it("packs the library and its bins, not the tests, the benchmarks or the source maps", async () => {
    const installed = join(repo, "node_modules", "claude-vertex-portkey");
    for (const file of ["dist/src/index.d.ts", "dist/stacks/index.d.ts", "dist/provider/terraform-provider-portkeyadmin", "stacks/config/teams.schema.json"]) {
      expect(existsSync(join(installed, file))).toBe(true);
    }
    for (const absent of ["dist/test", "dist/bench", "src", "test"]) expect(existsSync(join(installed, absent))).toBe(false);
    const teams = JSON.parse(readFileSync(join(repo, "teams.json"), "utf8")) as { $schema: string };
    expect(existsSync(join(repo, teams.$schema))).toBe(true);
    for (const file of [".gitignore", ".github/workflows/claude-code-platform.yml", "cdktf.json", "main.ts", "README.md"]) expect(existsSync(join(repo, file))).toBe(true);
  });

  it("deploys the init'd repository with its own cdktf-cli, and onboards a developer with its own bin", async () => {
    const teams = JSON.parse(readFileSync(join(repo, "teams.json"), "utf8")) as { portkey: Record<string, unknown>; teams: { name: string }[] };
    teams.portkey = { ...teams.portkey, base_url: emulator.adminUrl, gateway_url: emulator.url };
    teams.teams = teams.teams.filter((team) => TEAMS.includes(team.name));
    writeFileSync(join(repo, "teams.json"), JSON.stringify(teams, null, 2));
    const home = join(root, "home");
    mkdirSync(home);

    const cdktf = join(repo, "node_modules", ".bin", "cdktf");
    await sh(cdktf, ["deploy", "platform", "team-*", "--auto-approve"], repo, { HOME: home });
    expect(emulator.counts()).toMatchObject({ integrations: 3, workspaces: TEAMS.length });
    expect(emulator.duplicates()).toEqual([]);

    const outputs = join(repo, "outputs.json");
    await sh(cdktf, ["output", "team-data-science", "--outputs-file", outputs, "--outputs-file-include-sensitive-outputs"], repo, { HOME: home });
    chmodSync(outputs, 0o600); // it holds the team's key (onboard says so too)
    const developer = join(root, "developer");
    await sh(join(repo, "node_modules", ".bin", "claude-vertex-portkey"), ["onboard", outputs, "--home", developer, "--output", "team-data-science.settings_claude-code"], repo, { HOME: home });
    const settings = JSON.parse(readFileSync(join(developer, ".claude", "settings.json"), "utf8")) as { env: Record<string, string> };
    expect(settings.env.ANTHROPIC_BASE_URL).toBe(emulator.url);
    expect(settings.env.ANTHROPIC_CUSTOM_HEADERS).toContain("x-portkey-provider: @data-science-vertex");
  });

  it("compiles a hand-written app against the package's types, synthesizes it and applies it", async () => {
    const custom = join(repo, "custom");
    mkdirSync(custom);
    writeFileSync(join(custom, "platform.ts"), CUSTOM_APP);
    writeFileSync(
      join(custom, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "node16", moduleResolution: "node16", strict: true, skipLibCheck: true, types: ["node"] }, files: ["platform.ts"] }),
    );
    expect(CUSTOM_APP.split("\n").length).toBeLessThan(45);
    await sh(join(repo, "node_modules", ".bin", "tsc"), ["-p", "custom/tsconfig.json"]);
    await sh(process.execPath, ["custom/platform.js"], repo, { GATEWAY_URL: emulator.url });

    const stackDir = join(repo, "custom.out", "stacks", "claude-code");
    const tf = { PORTKEY_BASE_URL: emulator.adminUrl, TF_VAR_vertex_key: JSON.stringify(FAKE_SERVICE_ACCOUNT), HOME: join(root, "home") };
    await sh("terraform", ["init", "-input=false", "-no-color"], stackDir, tf);
    const apply = await sh("terraform", ["apply", "-auto-approve", "-input=false", "-no-color"], stackDir, tf);
    expect(apply).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    expect(emulator.snapshot().integrations.some((integration) => integration.slug === "vertex-custom")).toBe(true);
    const plan = await run("terraform", ["plan", "-detailed-exitcode", "-input=false", "-no-color"], stackDir, { ...env, ...tf });
    expect(plan.code).toBe(0);
  });
});
