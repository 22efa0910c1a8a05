/**
 * Doctor against the real Claude Code CLI (2.1.330 from npm, cached outside the repository, see
 * support/claude-code.ts). A team is deployed with the real terraform against the emulator,
 * one developer is onboarded with the project's CLI into a temporary HOME, and then for each
 * precedence case the settings layers are arranged, the real client is run (`-p`, offline, no
 * retries) and doctor is run on the same HOME, folder, shell, --settings, managed folder and
 * --model. What doctor says (each effective value and the layer it comes from, the model, the
 * probe's outcome) must equal what the client did (the request the emulator's gateway received:
 * which key, which base URL/port, which model, which routing headers; its exit code and text).
 *
 * Skipped, with the reason on the console and as a skipped test, when the package cannot be
 * installed; under CI=true an install failure fails the suite instead (CI here has the npm
 * registry: a silent skip would let doctor drift from the client unnoticed). Set
 * CVP_SKIP_REAL_CLIENT=1 to skip it on purpose. Needs `npm run build`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { Server } from "node:net";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "../../src/cli/emulator";
import { maskValue } from "../../src/cli/onboard/mask";
import type { ClaudeSettings } from "../../src/constructs/settings";
import { bundledProviderPath } from "../../src/provider/install";
import { testDir } from "../support/run-root";
import { CLAUDE_CODE_VERSION, type ClientOptions, type ClientRun, type EtcOverlay, etcOverlay, installClaudeCode, overlaySupport, runClient } from "./support/claude-code";
import { cli, DeployedTeam, forwarder, requestSummary, writeJson } from "./support/real-client-harness";

jest.setTimeout(240_000);

const ADMIN_KEY = "pk-admin-real-client-e2e-3b9f1c";
const MODELS = { opus: "claude-opus-4-6", sonnet: "claude-sonnet-4-6", haiku: "claude-haiku-4-5@20251001", default: "sonnet" };
const TEAM = "payments";

const skipOnPurpose = process.env.CVP_SKIP_REAL_CLIENT === "1";
const install = skipOnPurpose ? { unavailable: "CVP_SKIP_REAL_CLIENT=1" } : installClaudeCode();
const mustRun = process.env.CI === "true" && !skipOnPurpose;
if ("unavailable" in install) {
  console.warn(`real-client suite: Claude Code ${CLAUDE_CODE_VERSION} is not available (${install.unavailable}); ${mustRun ? "failing (CI=true)" : "skipping"}.`);
} else if (install.installedMs !== undefined) {
  console.log(`real-client suite: installed Claude Code ${CLAUDE_CODE_VERSION} in ${(install.installedMs / 1000).toFixed(1)} s`);
}
const overlay = "bin" in install ? overlaySupport(testDir("overlay-probe-")) : "the client is not installed";
if (overlay !== true && "bin" in install) console.warn(`real-client suite: managed-settings cases skipped: ${overlay}.`);

// Placeholder reporting when the suite cannot run (a skipped test names the reason; in CI a failing one).
if ("unavailable" in install) {
  if (mustRun)
    it(`needs Claude Code ${CLAUDE_CODE_VERSION} (CI=true)`, () => {
      throw new Error(`${install.unavailable}. CI must run this suite; set CVP_SKIP_REAL_CLIENT=1 to skip it on purpose.`);
    });
  else it.skip(`real Claude Code ${CLAUDE_CODE_VERSION} not installed: ${install.unavailable}`, () => undefined);
}

const describeReal = "bin" in install ? describe : describe.skip;
const itManaged = overlay === true ? it : it.skip;

describeReal(`doctor's verdict equals what the real Claude Code ${CLAUDE_CODE_VERSION} does`, () => {
  const bin = "bin" in install ? install.bin : "";
  let emulator: RunningEmulator;
  let alternate: { server: Server; url: string };
  let team: DeployedTeam;
  let onboarded: ClaudeSettings;
  const key = (name: "laptops" | "ci") => team.key(name);

  beforeAll(async () => {
    if (!existsSync(bundledProviderPath())) throw new Error(`The provider bundle ${bundledProviderPath()} is missing: run \`npm run build\` before this test.`);
    emulator = await startEmulator({ adminKey: ADMIN_KEY, port: 0 });
    alternate = await forwarder(Number(new URL(emulator.url).port));
    team = await DeployedTeam.deploy(emulator, ADMIN_KEY, TEAM, MODELS, ["laptops", "ci"]);
  });

  afterAll(async () => {
    alternate?.server.close();
    await emulator?.close();
  });

  /** A fresh developer: onboarded from the team's outputs with the project's CLI, in an empty folder. */
  async function developer(): Promise<{ home: string; cwd: string }> {
    const home = testDir("real-client-home-");
    const cwd = testDir("real-client-project-");
    const result = await cli(["onboard", team.outputsFile, "--home", home, "--output", "settings-laptops"], { home, cwd });
    if (result.code !== 0) throw new Error(`onboard failed:\n${result.stdout}${result.stderr}`);
    onboarded = JSON.parse(readFileSync(join(home, ".claude", "settings.json"), "utf8"));
    return { home, cwd };
  }

  interface Case {
    readonly home: string;
    readonly cwd: string;
    readonly shell?: Record<string, string>;
    readonly settings?: string;
    readonly model?: string;
    readonly overlay?: EtcOverlay;
    /** doctor --trust-project-settings (the client always trusts them). */
    readonly trustProject?: boolean;
  }

  /** The client, then doctor --probe, on the same inputs; each with the gateway requests it made. */
  async function both(c: Case) {
    const args = [...(c.settings ? ["--settings", c.settings] : []), ...(c.model ? ["--model", c.model] : [])];
    const before = emulator.gatewayRequests().length;
    const client: ClientRun = await runClient(bin, { home: c.home, cwd: c.cwd, shell: c.shell, args, etcOverlay: c.overlay } satisfies ClientOptions);
    const clientRequests = emulator.gatewayRequests().slice(before);
    const doctorArgs = ["doctor", "--probe", "--json", "--home", c.home, "--project", c.cwd, ...args, ...(c.overlay ? ["--managed-dir", c.overlay.managedDir] : []), ...(c.trustProject ? ["--trust-project-settings"] : [])];
    const result = await cli(doctorArgs, { home: c.home, cwd: c.cwd, shell: c.shell, managedDir: c.overlay?.managedDir });
    const probeRequests = emulator.gatewayRequests().slice(before + clientRequests.length);
    // biome-ignore lint/suspicious/noExplicitAny: the --json document
    const report: any = JSON.parse(result.stdout);
    return { client, clientRequests, report, doctorCode: result.code, probeRequests, doctorOutput: result.stdout };
  }

  /** Doctor's effective values and probe match the client's one request. */
  function expectSameRequest(run: Awaited<ReturnType<typeof both>>) {
    expect(run.clientRequests).toHaveLength(1);
    expect(run.probeRequests).toHaveLength(1);
    const [client] = run.clientRequests;
    expect(requestSummary(run.probeRequests[0])).toEqual(requestSummary(client));
    expect(run.report.effective["env.ANTHROPIC_BASE_URL"].value).toBe(`http://${client.headers.host}`);
    // The gateway reads the model only from requests it authenticates.
    if (client.status !== 401) expect(run.report.requestModel.id).toBe(client.model);
    expect(run.report.probe.ok).toBe(run.client.code === 0);
    // The probe carries 2.1.330's beta list for the 4-6 models (a Haiku model gets a shorter one).
    if (!run.report.requestModel.id.includes("haiku")) expect(run.probeRequests[0].headers["anthropic-beta"]).toBe(client.headers["anthropic-beta"]);
    return client;
  }

  const tokenMask = (token: string) => maskValue(token);

  it("onboarded as is: the client and the probe both get a 200 with the onboarded key", async () => {
    const where = await developer();
    const run = await both(where);
    expect(run.client.code).toBe(0);
    const request = expectSameRequest(run);
    expect(request).toMatchObject({ status: 200, apiKeyId: key("laptops").id, model: MODELS.sonnet, routing: { provider: `${TEAM}-vertex` } });
    expect(run.report.effective["env.ANTHROPIC_AUTH_TOKEN"]).toMatchObject({ value: tokenMask(key("laptops").token), source: "user" });
    expect(run.doctorCode).toBe(0);
  });

  it("user file vs a shell export of the same variables (token, base URL, model): the file wins", async () => {
    const where = await developer();
    writeJson(join(where.home, ".claude", "settings.json"), { ...onboarded, env: { ...onboarded.env, ANTHROPIC_MODEL: MODELS.sonnet } });
    const shell = { ANTHROPIC_AUTH_TOKEN: key("ci").token, ANTHROPIC_BASE_URL: alternate.url, ANTHROPIC_MODEL: MODELS.haiku };
    const run = await both({ ...where, shell });
    const request = expectSameRequest(run);
    expect(request).toMatchObject({ status: 200, apiKeyId: key("laptops").id, model: MODELS.sonnet, headers: expect.objectContaining({ host: new URL(emulator.url).host }) });
    for (const name of ["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "ANTHROPIC_MODEL"]) {
      expect(run.report.effective[`env.${name}`]).toMatchObject({ source: "user", hides: [expect.objectContaining({ source: "shell" })] });
    }
    expect(run.report.findings.map((f: { rule: string }) => f.rule)).toEqual(["shell-export-ignored", "shell-export-ignored", "shell-export-ignored"]);
  });

  it("a variable only in the shell applies (ANTHROPIC_MODEL, which also beats the file's model setting)", async () => {
    const where = await developer();
    const run = await both({ ...where, shell: { ANTHROPIC_MODEL: MODELS.opus } });
    const request = expectSameRequest(run);
    expect(request).toMatchObject({ status: 200, apiKeyId: key("laptops").id, model: MODELS.opus });
    expect(run.report.requestModel.chosen).toMatchObject({ source: "shell" });
    expect(run.report.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(["shell-only", "model-variable-wins"]));
  });

  it("project file vs user file: the project's key and base URL win", async () => {
    const where = await developer();
    writeJson(join(where.cwd, ".claude", "settings.json"), { env: { ANTHROPIC_AUTH_TOKEN: key("ci").token, ANTHROPIC_BASE_URL: alternate.url } });
    const run = await both(where);
    const request = expectSameRequest(run);
    expect(request).toMatchObject({ status: 200, apiKeyId: key("ci").id, headers: expect.objectContaining({ host: new URL(alternate.url).host }) });
    expect(run.report.effective["env.ANTHROPIC_AUTH_TOKEN"]).toMatchObject({ value: tokenMask(key("ci").token), source: "project" });
    expect(run.report.findings.map((f: { rule: string }) => f.rule)).toEqual(["layer-overrides", "layer-overrides"]);
  });

  it("a project file's base URL with the user file's key: the client sends the key there; doctor says so, and probes it only with --trust-project-settings", async () => {
    const where = await developer();
    writeJson(join(where.cwd, ".claude", "settings.json"), { env: { ANTHROPIC_BASE_URL: alternate.url } });
    const refused = await both(where);
    expect(refused.clientRequests).toEqual([expect.objectContaining({ status: 200, apiKeyId: key("laptops").id, headers: expect.objectContaining({ host: new URL(alternate.url).host }) })]);
    expect(refused.probeRequests).toEqual([]);
    expect(refused.report.probe.skipped).toContain("doctor does not send your key where a repository's file points");
    expect(refused.report.effective["env.ANTHROPIC_BASE_URL"]).toMatchObject({ value: alternate.url, source: "project" });
    const trusted = await both({ ...where, trustProject: true });
    expect(expectSameRequest(trusted)).toMatchObject({ status: 200, apiKeyId: key("laptops").id });
  });

  it("local project vs project: local wins, variable by variable", async () => {
    const where = await developer();
    writeJson(join(where.cwd, ".claude", "settings.json"), { env: { ANTHROPIC_AUTH_TOKEN: key("ci").token, ANTHROPIC_DEFAULT_SONNET_MODEL: MODELS.haiku } });
    writeJson(join(where.cwd, ".claude", "settings.local.json"), { env: { ANTHROPIC_DEFAULT_SONNET_MODEL: MODELS.opus } });
    const run = await both(where);
    const request = expectSameRequest(run);
    expect(request).toMatchObject({ status: 200, apiKeyId: key("ci").id, model: MODELS.opus });
    expect(run.report.effective["env.ANTHROPIC_DEFAULT_SONNET_MODEL"]).toMatchObject({ source: "local" });
    expect(run.report.effective["env.ANTHROPIC_AUTH_TOKEN"]).toMatchObject({ source: "project" });
  });

  it("in a repository's subfolder: the root's settings.local.json applies, the root's settings.json does not", async () => {
    const where = await developer();
    execFileSync("git", ["init", "-q", where.cwd]);
    writeJson(join(where.cwd, ".claude", "settings.json"), { env: { ANTHROPIC_AUTH_TOKEN: key("ci").token } });
    writeJson(join(where.cwd, ".claude", "settings.local.json"), { env: { ANTHROPIC_DEFAULT_SONNET_MODEL: MODELS.haiku } });
    const sub = join(where.cwd, "services", "api");
    mkdirSync(sub, { recursive: true });
    const run = await both({ ...where, cwd: sub });
    const request = expectSameRequest(run);
    expect(request).toMatchObject({ status: 200, apiKeyId: key("laptops").id, model: MODELS.haiku });
    expect(run.report.effective["env.ANTHROPIC_DEFAULT_SONNET_MODEL"]).toMatchObject({ source: "local", path: join(where.cwd, ".claude", "settings.local.json") });
  });

  it("--settings vs local and user: the command-line layer wins", async () => {
    const where = await developer();
    writeJson(join(where.cwd, ".claude", "settings.local.json"), { env: { ANTHROPIC_BASE_URL: "http://127.0.0.1:9" } });
    const flag = writeJson(join(testDir("real-client-flag-"), "flag.json"), { env: { ANTHROPIC_AUTH_TOKEN: key("ci").token, ANTHROPIC_BASE_URL: alternate.url } });
    const run = await both({ ...where, settings: flag });
    const request = expectSameRequest(run);
    expect(request).toMatchObject({ status: 200, apiKeyId: key("ci").id, headers: expect.objectContaining({ host: new URL(alternate.url).host }) });
    expect(run.report.effective["env.ANTHROPIC_BASE_URL"]).toMatchObject({ source: "flag", path: flag });
  });

  itManaged("managed vs --settings and user: managed settings win (client run with a private /etc)", async () => {
    const where = await developer();
    const managed = etcOverlay(testDir("real-client-etc-"));
    writeJson(join(managed.managedDir, "managed-settings.json"), { env: { ANTHROPIC_BASE_URL: alternate.url, ANTHROPIC_DEFAULT_SONNET_MODEL: MODELS.opus } });
    const run = await both({ ...where, overlay: managed, settings: JSON.stringify({ env: { ANTHROPIC_DEFAULT_SONNET_MODEL: MODELS.haiku } }) });
    const request = expectSameRequest(run);
    expect(request).toMatchObject({ status: 200, apiKeyId: key("laptops").id, model: MODELS.opus, headers: expect.objectContaining({ host: new URL(alternate.url).host }) });
    expect(run.report.effective["env.ANTHROPIC_DEFAULT_SONNET_MODEL"]).toMatchObject({ source: "managed", hides: [expect.objectContaining({ source: "flag" }), expect.objectContaining({ source: "user" })] });
  });

  itManaged("managed forceLoginMethod locks the gateway out: the client exits 1 sending nothing, doctor reports it and does not probe", async () => {
    const where = await developer();
    const managed = etcOverlay(testDir("real-client-etc-"));
    writeJson(join(managed.managedDir, "managed-settings.json"), { forceLoginMethod: "claudeai" });
    const run = await both({ ...where, overlay: managed });
    expect(run.client.code).toBe(1);
    expect(run.client.stderr).toContain("This machine's managed settings require a first-party login");
    expect(run.clientRequests).toEqual([]);
    expect(run.probeRequests).toEqual([]);
    expect(run.report.findings.map((f: { rule: string }) => f.rule)).toContain("managed-forces-login");
    expect(run.report.probe.skipped).toContain("force a first-party login");
    expect(run.doctorCode).toBe(1);
  });

  it("--model vs the files and the shell: --model wins, through the alias slot", async () => {
    const where = await developer();
    writeJson(join(where.home, ".claude", "settings.json"), { ...onboarded, env: { ...onboarded.env, ANTHROPIC_MODEL: MODELS.opus } });
    const run = await both({ ...where, model: "haiku", shell: { ANTHROPIC_MODEL: MODELS.sonnet } });
    const request = expectSameRequest(run);
    expect(request).toMatchObject({ status: 200, model: MODELS.haiku });
    expect(run.report.requestModel).toMatchObject({ chosen: { value: "haiku", source: "command-line" }, slot: "ANTHROPIC_DEFAULT_HAIKU_MODEL" });
  });

  it("a key deleted in Portkey: both fail with 401; doctor's fix (cdktf deploy team-payments, then onboard) makes both work again", async () => {
    const where = await developer();
    const deleted = await fetch(`${emulator.adminUrl}/api-keys/${key("laptops").id}`, { method: "DELETE", headers: { "x-portkey-api-key": ADMIN_KEY } });
    expect(deleted.status).toBeLessThan(300);

    const broken = await both(where);
    expect(broken.client.code).toBe(1);
    expect(broken.client.result).toMatchObject({ is_error: true, api_error_status: 401 });
    expect(broken.client.result?.result).toMatch(/^Failed to authenticate\. API Error: 401 /);
    const request = expectSameRequest(broken);
    expect(request).toMatchObject({ status: 401, apiKeyId: null });
    expect(broken.report.probe).toMatchObject({ ok: false, status: 401, diagnosis: { code: "bad-key", claudeCode: "Failed to authenticate. API Error: 401 …" } });
    expect(broken.report.probe.diagnosis.fix).toContain(`cdktf deploy team-${TEAM}`);
    expect(broken.doctorCode).toBe(1);

    // Onboarding again from the same outputs brings the dead key back: still 401.
    const again = await cli(["onboard", team.outputsFile, "--home", where.home, "--output", "settings-laptops"], where);
    expect(again.code).toBe(0);
    expect((await runClient(bin, where)).result?.api_error_status).toBe(401);

    // The fix: apply the team stack (a new key replaces the deleted one), then onboard.
    await team.apply();
    const onboardedAgain = await cli(["onboard", team.outputsFile, "--home", where.home, "--output", "settings-laptops"], where);
    expect(onboardedAgain.code).toBe(0);
    const fixed = await both(where);
    expect(fixed.client.code).toBe(0);
    expect(expectSameRequest(fixed)).toMatchObject({ status: 200, apiKeyId: key("laptops").id });
  });
});
