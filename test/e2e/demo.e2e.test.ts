/** The README's first command, run as a user would (after `npm run build`). */
import { spawn } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXAMPLE_FILE } from "../stacks/app/support";
import { testDir } from "../support/run-root";

jest.setTimeout(180_000);

const DEMO = join(__dirname, "../../dist/src/cli/demo.js");

function runDemo(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // The demo's temp dirs (terraform working dirs, state, synthesized output) go under the run root, for the secret scan.
    const child = spawn(process.execPath, [DEMO, ...args], { env: { ...process.env, CHECKPOINT_DISABLE: "1", TMPDIR: testDir("demo-tmp-"), ...env } });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("close", (exit) => resolve({ code: exit ?? -1, output }));
  });
}

describe("npm run demo", () => {
  let code: number;
  let output: string;
  beforeAll(async () => {
    ({ code, output } = await runDemo());
  });

  it("exits 0 and says so", () => {
    if (code !== 0) throw new Error(`demo exited ${code}:\n${output}`);
    expect(output).toContain("Demo complete.");
  });

  it("synthesizes the example teams file into the platform, GCP and team stacks", () => {
    expect(output).toMatch(/Synthesized 5 stacks from stacks\/teams\.example\.json .*: platform, platform-gcp, team-payments, team-data-science, team-mobile/);
  });

  it("applies the platform stack, then the team stacks, with the real terraform", () => {
    expect(output).toMatch(/ {2}platform: Apply complete! Resources: \d+ added/);
    expect(output).toMatch(/ {2}team-payments: Apply complete! Resources: \d+ added/);
    expect(output).toMatch(/ {2}team-data-science: Apply complete! Resources: \d+ added/);
    expect(output.indexOf("  platform: Apply complete")).toBeLessThan(output.indexOf("  team-payments: Apply complete"));
  });

  it("prints the integrations per region and each deployed team's slugs", () => {
    expect(output).toContain('"global":"vertex-claude"');
    expect(output).toContain('"us-east5":"vertex-claude-us-east5"');
    // Each team's non-secret summary output, as the team construct reports it.
    expect(output).toMatch(/ {2}team-payments: \{.*"payments.*\}/);
    expect(output).toMatch(/ {2}team-data-science: \{.*"data-science.*\}/);
    expect(output).toMatch(/objects: \{"workspaces":\d+,"integrations":3,/);
  });

  it("shows the GCP stack it did not deploy, and the Model Garden step", () => {
    expect(output).toContain('GCP stack "platform-gcp" (synthesized, not deployed');
    expect(output).toMatch(/google_service_account ×1.*google_service_account_key ×1/);
    expect(output).toContain("Model Garden");
  });

  it("onboards a developer into a temporary HOME, mode 0600, pointed at the emulator's gateway", () => {
    const path = /Settings file: (.+)$/m.exec(output)?.[1] ?? "";
    const settings = JSON.parse(readFileSync(path, "utf8")) as { env: Record<string, string>; model: string };
    expect(settings.env.ANTHROPIC_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(settings.env.ANTHROPIC_AUTH_TOKEN).toBeTruthy();
    expect(settings.model).toBe("sonnet");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // The key is in the file, never in what the demo printed.
    expect(output).not.toContain(settings.env.ANTHROPIC_AUTH_TOKEN);
    expect(output).not.toContain("DEMO-ONLY-NOT-A-REAL-KEY");
  });

  it("onboards two developers of one team on one key: the per-developer budget stops exactly the one who exceeded it", () => {
    expect(output).toMatch(/--user ana@demo\.example\.com\n/);
    expect(output).toMatch(/--user grace@demo\.example\.com\n/);
    expect(output).toMatch(/requests 1–\d+: 200; request \d+: 412 Portkey Usage Limits Policy \S+ Exceeded for value key metadata\._user:ana@demo\.example\.com/);
    expect(output).toContain("grace@demo.example.com, same key, next request: 200");
  });

  it("prints the usage table and the HTML report's path", () => {
    expect(output).toMatch(/ana@demo\.example\.com\s+\d+ tokens of 300 tokens \(\d+%\)\s+EXHAUSTED/);
    const report = /Usage report: (\S+)/.exec(output)?.[1] as string;
    expect(readFileSync(report, "utf8")).toContain('data-label="grace@demo.example.com"');
  });

  it("ends with doctor --probe getting a streamed answer through the emulator's gateway", () => {
    expect(output).toContain("✓ settings: no problems found");
    expect(output).toMatch(/✓ probe: HTTP 200, streamed/);
  });
});

describe("npm run demo -- --real (no GCP here: it must stop before terraform)", () => {
  it("refuses the example teams file's placeholder project and changes nothing", async () => {
    const { code, output } = await runDemo(["--real", "--yes"], { TEAMS_FILE: EXAMPLE_FILE, PORTKEY_API_KEY: "" });
    expect(output).toContain('gcp.project_id "acme-claude-prod", the example\'s placeholder');
    expect(output).not.toContain("terraform init");
    expect(code).toBe(1);
  });

  it("without --yes prints the plan of action and the missing inputs, and exits 1", async () => {
    const dir = testDir("demo-real-");
    const teams = JSON.parse(readFileSync(EXAMPLE_FILE, "utf8")) as { $schema?: string; gcp: { project_id: string } };
    delete teams.$schema;
    teams.gcp.project_id = "my-real-project";
    writeFileSync(join(dir, "teams.json"), JSON.stringify(teams));
    const { code, output } = await runDemo(["--real", "--outdir", join(dir, "cdktf.out")], { TEAMS_FILE: join(dir, "teams.json"), PORTKEY_API_KEY: "" });
    expect(output).toMatch(/platform: \d+ resources \(providers: google, portkeyadmin, time\)/);
    expect(output).toContain("npx cdktf deploy platform --skip-provider-lock");
    expect(output).toContain("PORTKEY_API_KEY is not set");
    expect(output).not.toContain("terraform init…");
    expect(code).toBe(1);
  });
});
