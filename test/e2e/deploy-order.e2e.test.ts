/**
 * Multi-stack deploys in any order (issue 16): on a new organisation, `cdktf deploy platform
 * 'team-*'` runs the stacks side by side (they share no state, so cdktf knows no order) and the
 * team stacks reach Portkey before the platform has created their integrations. The emulator
 * makes every integration create take 4 s, so the teams always lose that race, and applying its
 * models 6 s more, so a team then finds an integration that serves none of its models yet; the
 * team stacks' provider waits for both (`wait_for_integration_seconds`) and every stack deploys.
 * Then `cdktf deploy team-<x>` alone still works, and the team stacks still share no state.
 *
 * The teams are payments and data-science (mobile is api-key-helper and needs hashicorp/google,
 * which cannot be downloaded here). `cdktf deploy '*'` would also pick `platform-gcp`, the stack
 * that is only synthesized when GCP is off; with CVP_GCP=real there is no such stack and '*' is the
 * same run as this one. Needs `npm run build`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "../../src/cli/emulator";
import { removeTestDir } from "../support/run-root";
import { CDKTF, type CdktfProject, checkPrerequisites, createCdktfProject, run } from "./support/cdktf-project";

jest.setTimeout(300_000);

const ADMIN_KEY = "pk-admin-deploy-order-e2e-7c2a91";
const TEAMS = ["payments", "data-science"];
const INTEGRATION_CREATE_MS = 4_000;
/** Then the platform applies each integration's model allow-list, 6 s later still: a team that
 * found its integration reads it before it serves the team's models, and must wait for them too. */
const MODELS_APPLY_MS = 6_000;

describe("cdktf deploy platform 'team-*' on a new organisation", () => {
  let emulator: RunningEmulator;
  let project: CdktfProject;

  const cdktf = (...args: string[]) => run(CDKTF, args, project.dir, project.env);

  beforeAll(async () => {
    checkPrerequisites();
    emulator = await startEmulator({ adminKey: ADMIN_KEY, port: 0 });
    project = createCdktfProject("deploy-order-e2e-", emulator, ADMIN_KEY, (teams) => ({ ...teams, teams: teams.teams.filter((team) => TEAMS.includes(team.name)) }));
    const synth = await cdktf("synth");
    if (synth.code !== 0) throw new Error(`cdktf synth exited ${synth.code}:\n${synth.output}`);
  });

  afterAll(async () => {
    await emulator?.close();
    if (project) removeTestDir(project.dir);
  });

  it("deploys every stack although the teams reach Portkey before their integrations exist", async () => {
    emulator.setFaults({
      rules: [
        { method: "POST", path: "/v1/integrations", fault: { kind: "latency", ms: INTEGRATION_CREATE_MS } },
        { method: "PUT", path: "/v1/integrations/*/models", fault: { kind: "latency", ms: MODELS_APPLY_MS } },
      ],
    });
    const deploy = await cdktf("deploy", "platform", "team-*", "--auto-approve", "--skip-synth");
    emulator.setFaults({ rules: [] });
    if (deploy.code !== 0) throw new Error(`cdktf deploy exited ${deploy.code}:\n${deploy.output}`);

    // The race happened: a team asked for an integration before the platform had created it.
    const requests = emulator.requests();
    const firstIntegrationCreated = requests.findIndex((r) => r.method === "POST" && r.path === "/v1/integrations" && r.status !== null && r.status < 300);
    const missedIntegration = requests.findIndex((r) => r.path.startsWith("/v1/integrations/") && r.status === 404);
    expect(missedIntegration).toBeGreaterThanOrEqual(0);
    expect(missedIntegration).toBeLessThan(firstIntegrationCreated);

    // And the second one: a team read an integration's models before the platform's PUT of them
    // was answered (records are kept in order of answer; the PUT took 6 s).
    const modelsApplied = requests.findIndex((r) => r.method === "PUT" && /^\/v1\/integrations\/[^/]+\/models$/.test(r.path) && r.status === 200);
    const modelsReadEarly = requests.findIndex((r) => r.method === "GET" && /^\/v1\/integrations\/[^/]+\/models$/.test(r.path) && r.status === 200);
    expect(modelsReadEarly).toBeGreaterThanOrEqual(0);
    expect(modelsReadEarly).toBeLessThan(modelsApplied);

    expect(emulator.counts()).toMatchObject({ integrations: 3, workspaces: TEAMS.length });
    expect(emulator.duplicates()).toEqual([]);
    for (const team of TEAMS) expect(deploy.output).toContain(`team-${team}`);
    expect(deploy.output).not.toMatch(/Error:/);
  });

  it("leaves each team stack with its own state, and a second plan of each finds nothing to do", async () => {
    for (const stack of ["platform", ...TEAMS.map((team) => `team-${team}`)]) {
      const state = join(project.dir, `terraform.${stack}.tfstate`);
      expect(existsSync(state)).toBe(true);
      const resources = (JSON.parse(readFileSync(state, "utf8")) as { resources: { type: string }[] }).resources;
      if (stack !== "platform") expect(resources.some((r) => r.type === "portkeyadmin_integration")).toBe(false);
      const diff = await cdktf("diff", stack, "--skip-synth");
      expect(diff.output).toContain("No changes. Your infrastructure matches the configuration.");
    }
  });

  it("still deploys one team alone once the platform exists: no wait, no dependency flag", async () => {
    const destroy = await cdktf("destroy", "team-payments", "--auto-approve", "--skip-synth");
    if (destroy.code !== 0) throw new Error(`cdktf destroy exited ${destroy.code}:\n${destroy.output}`);
    const before = emulator.requests().length;
    const deploy = await cdktf("deploy", "team-payments", "--auto-approve", "--skip-synth");
    if (deploy.code !== 0) throw new Error(`cdktf deploy team-payments exited ${deploy.code}:\n${deploy.output}`);
    const misses = emulator
      .requests()
      .slice(before)
      .filter((r) => r.path.startsWith("/v1/integrations/") && r.status === 404);
    expect(misses).toEqual([]);
    expect(emulator.counts()).toMatchObject({ workspaces: TEAMS.length });
  });
});
