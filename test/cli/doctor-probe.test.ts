/**
 * `doctor --probe` against the in-process emulator gateway: one streaming Messages request sent
 * the way Claude Code sends it, and each known failure mapped to its cause and fix.
 */
import { createServer as createHttpServer } from "node:http";
import { connect, createServer } from "node:net";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ClaudeSettings } from "../../src/constructs/settings";
import { type Api, seedTeam, useEmulator } from "../emulator/harness";
import { cli, DEVELOPER, expectNoSecret, settingsPath, teamSettings, tempDir } from "./support";

const suite = useEmulator();
const api: Api = (...args) => suite.api(...args);

function homeWith(settings: ClaudeSettings): string {
  const home = tempDir();
  mkdirSync(dirname(settingsPath(home)), { recursive: true });
  writeFileSync(settingsPath(home), JSON.stringify(settings), { mode: 0o600 });
  return home;
}

/** The team's settings as onboard writes them, pointed at the emulator. */
async function onboardedTeam(overrides: { apiKey?: string; gatewayUrl?: string } = {}) {
  const team = await seedTeam(api);
  const settings = teamSettings({ gatewayUrl: suite.emulator.url, apiKey: team.key, routing: { providerSlug: team.providerSlug }, ...overrides });
  return { team, settings, home: homeWith(settings) };
}

async function probe(home: string, ...extra: string[]) {
  const result = await cli(["doctor", "--probe", "--home", home, "--json", ...extra]);
  return { result, report: result.json() };
}

it("streams a reply through the gateway, sent exactly as Claude Code sends it", async () => {
  const { team, home, settings } = await onboardedTeam();
  const human = await cli(["doctor", "--probe", "--home", home]);
  expect(human.code).toBe(0);
  expect(human.stdout).toMatch(/✓ probe: HTTP 200, streamed ".*@vertex-/);
  expect(human.stdout).toMatch(/first byte \d+ ms, total \d+ ms/);
  expectNoSecret(human, team.key);

  const [request] = suite.emulator.gatewayRequests();
  expect(request).toMatchObject({ method: "POST", path: "/v1/messages", status: 200, stream: true, apiKeyId: team.keyId, routing: { provider: team.providerSlug } });
  // "sonnet" resolves through ANTHROPIC_DEFAULT_SONNET_MODEL, as in Claude Code.
  expect(request.model).toBe(settings.env?.ANTHROPIC_DEFAULT_SONNET_MODEL);
  expect(request.headers.authorization).toMatch(/^Bearer /);
  expect(request.headers["anthropic-version"]).toBe("2023-06-01");
  expect(request.headers["anthropic-beta"]).toContain("claude-code-20250219");
  expect(request.headers["x-portkey-metadata"]).toBe(JSON.stringify({ team: "team-a", _user: DEVELOPER }));
  expect(suite.emulator.requests().at(-1)?.query).toBe("?beta=true");
});

it("runs apiKeyHelper like Claude Code and sends its output as both Bearer and x-api-key", async () => {
  const team = await seedTeam(api);
  const settings = teamSettings({ mode: "api-key-helper", apiKey: undefined, apiKeyHelper: `echo ${team.key}`, gatewayUrl: suite.emulator.url, routing: { providerSlug: team.providerSlug } });
  const { result, report } = await probe(homeWith(settings));
  expect(report.probe).toMatchObject({ ok: true, status: 200 });
  expect(result.code).toBe(0);
  const [request] = suite.emulator.gatewayRequests();
  expect(request.headers["x-api-key"]).toBeDefined();
  expect(request.headers.authorization).toMatch(/^Bearer /);
  expectNoSecret(result, team.key);
});

it("goes through the shell's HTTPS_PROXY/HTTP_PROXY, as Claude Code does", async () => {
  const tunnels: string[] = [];
  const proxy = createHttpServer();
  proxy.on("connect", (request, client, head) => {
    tunnels.push(request.url ?? "");
    const [host, port] = (request.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  try {
    const { home } = await onboardedTeam();
    const { port } = proxy.address() as { port: number };
    const result = await cli(["doctor", "--probe", "--home", home, "--json"], { env: { HTTP_PROXY: `http://127.0.0.1:${port}` } });
    expect(result.json().probe).toMatchObject({ ok: true, status: 200 });
    expect(tunnels).toEqual([new URL(suite.emulator.url).host]);
  } finally {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  }
});

describe("mapped failures", () => {
  it("401 for a key Portkey does not know: bad-key, fixed by re-applying the team stack before onboarding, key masked", async () => {
    const badKey = "pk-revoked-key-0000000000000000";
    const { home } = await onboardedTeam({ apiKey: badKey });
    const { result, report } = await probe(home);
    expect(result.code).toBe(1);
    expect(report.probe).toMatchObject({ ok: false, status: 401, diagnosis: { code: "bad-key", claudeCode: "Failed to authenticate. API Error: 401 …" } });
    expect(report.probe.diagnosis.fix).toContain("run `cdktf deploy team-<name>`");
    expect(report.probe.diagnosis.fix).toContain("onboarding again from the old outputs brings the dead key back");
    const human = await cli(["doctor", "--probe", "--home", home]);
    expect(human.stdout).toContain("Claude Code 2.1.330 prints: Failed to authenticate. API Error: 401");
    expectNoSecret(result, badKey);
  });

  it("names the team's stack in the 401 fix when the provider slug is a team stack's (@<team>-vertex)", async () => {
    const team = await seedTeam(api);
    await api("POST", "/v1/providers", { name: "payments on Vertex", slug: "payments-vertex", workspace_id: team.workspace.id, integration_id: team.integration.slug });
    const { home } = { home: homeWith(teamSettings({ gatewayUrl: suite.emulator.url, apiKey: "pk-deleted-key-1111111111111111", routing: { providerSlug: "payments-vertex" } })) };
    const { report } = await probe(home);
    expect(report.probe.diagnosis.fix).toContain("run `cdktf deploy team-payments`");
  });

  it("404 for a model the integration does not allow: model, naming Model Garden", async () => {
    const { team, home } = await onboardedTeam();
    await api("PUT", `/v1/integrations/${team.integration.slug}/models`, { allow_all_models: false, models: [{ slug: "claude-haiku-5-5", enabled: true }] });
    const { result, report } = await probe(home);
    expect(result.code).toBe(1);
    expect(report.probe).toMatchObject({ status: 404, diagnosis: { code: "model" } });
    expect(report.probe.error).toContain("not enabled for integration");
    expect(report.probe.diagnosis.fix).toContain("Model Garden");
    // --model picks the allowed one: the same setup then works.
    expect((await probe(home, "--model", "haiku")).report.probe).toMatchObject({ ok: true, model: "claude-haiku-5-5" });
  });

  it("400 anthropic-beta when the team's config forwards the header to Vertex", async () => {
    const team = await seedTeam(api);
    const { body: config } = await api("POST", "/v1/configs", {
      name: "forwarding",
      workspace_id: team.workspace.id,
      config: { provider: `@${team.providerSlug}`, forward_headers: ["anthropic-beta"] },
    });
    const home = homeWith(teamSettings({ gatewayUrl: suite.emulator.url, apiKey: team.key, routing: { configSlug: config.slug } }));
    const { result, report } = await probe(home);
    expect(report.probe).toMatchObject({ status: 400, diagnosis: { code: "anthropic-beta" } });
    expect(report.probe.diagnosis.fix).toContain("CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1");
    expectNoSecret(result, team.key);
  });

  it("a base URL ending in /v1 (set only in the shell) reaches /v1/v1/messages: base-url-v1", async () => {
    const { team, settings } = await onboardedTeam();
    const { ANTHROPIC_BASE_URL: _base, ...env } = settings.env ?? {};
    const home = homeWith({ ...settings, env });
    const result = await cli(["doctor", "--probe", "--home", home, "--json"], { env: { ANTHROPIC_BASE_URL: `${suite.emulator.url}/v1` } });
    const report = result.json();
    expect(report.probe).toMatchObject({ status: 404, diagnosis: { code: "base-url-v1" } });
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain("base-url-v1");
    expect(suite.emulator.gatewayRequests()[0].path).toBe("/v1/v1/messages");
    expectNoSecret(result, team.key);
  });

  it("connection refused when nothing listens at the base URL", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const { team, home } = await onboardedTeam({ gatewayUrl: `http://127.0.0.1:${closedPort}` });
    const human = await cli(["doctor", "--probe", "--home", home]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain("✗ probe: no response");
    expect(human.stdout).toContain("Claude Code 2.1.330 prints: API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)");
    expectNoSecret(human, team.key);
  });

  it.each([
    ["not a URL", "proxy example", '"proxy example"'],
    ["without its scheme", "proxy.example.com:3128", '"proxy.example.com:3128"'],
    ["with a password (never shown)", "socks5://ops:hunter2-proxy@proxy.example.com:1080", '"socks5://***@proxy.example.com:1080"'],
  ])("skips the probe with the variable named when HTTPS_PROXY is %s", async (_name, value, shown) => {
    const { home } = await onboardedTeam();
    const before = suite.emulator.gatewayRequests().length;
    const result = await cli(["doctor", "--probe", "--home", home], { env: { HTTPS_PROXY: value } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`✗ probe skipped: HTTPS_PROXY (or its lower-case twin) is ${shown}, not an http(s) proxy URL`);
    expect(result.stdout + result.stderr).not.toContain("hunter2");
    expect(suite.emulator.gatewayRequests()).toHaveLength(before);
  });

  it("skips the probe, as a problem, when there is no credential to send", async () => {
    const { settings } = await onboardedTeam();
    const { ANTHROPIC_AUTH_TOKEN: _key, ...env } = settings.env ?? {};
    const { result, report } = await probe(homeWith({ ...settings, env }));
    expect(result.code).toBe(1);
    expect(report.probe.skipped).toContain("Not logged in");
    expect(suite.emulator.gatewayRequests()).toHaveLength(0);
  });
});

describe("the probe sends exactly what Claude Code would send, from the effective layered values", () => {
  it("a shell export of another key and URL loses to the settings file: the probe uses the file's key", async () => {
    const { team, home } = await onboardedTeam();
    const staleKey = "pk-stale-shell-key-2222222222222222";
    const result = await cli(["doctor", "--probe", "--home", home, "--json"], { env: { ANTHROPIC_AUTH_TOKEN: staleKey, ANTHROPIC_BASE_URL: "http://127.0.0.1:9" } });
    expect(result.json().probe).toMatchObject({ ok: true, status: 200 });
    expect(suite.emulator.gatewayRequests()).toEqual([expect.objectContaining({ apiKeyId: team.keyId, status: 200 })]);
    expectNoSecret(result, team.key, staleKey);
  });

  it("a project file's key overrides the user file's: the probe uses the project's key", async () => {
    const { home } = await onboardedTeam();
    const other = await seedTeam(api, "Team B");
    const project = tempDir("cvp-project-");
    mkdirSync(join(project, ".claude"), { recursive: true });
    writeFileSync(join(project, ".claude", "settings.json"), JSON.stringify({ env: { ANTHROPIC_AUTH_TOKEN: other.key, ANTHROPIC_CUSTOM_HEADERS: `x-portkey-provider: @${other.providerSlug}` } }), { mode: 0o600 });
    const result = await cli(["doctor", "--probe", "--home", home, "--project", project, "--json"]);
    expect(result.json().probe).toMatchObject({ ok: true });
    expect(suite.emulator.gatewayRequests()).toEqual([expect.objectContaining({ apiKeyId: other.keyId, routing: { provider: other.providerSlug } })]);
    expectNoSecret(result, other.key);
  });

  it("does not run an apiKeyHelper that a project file brings, and says what Claude Code would run", async () => {
    const { settings, home } = await onboardedTeam();
    const { ANTHROPIC_AUTH_TOKEN: _key, ...env } = settings.env ?? {};
    writeFileSync(settingsPath(home), JSON.stringify({ ...settings, env }), { mode: 0o600 });
    const project = tempDir("cvp-project-");
    const marker = join(project, "helper-ran");
    mkdirSync(join(project, ".claude"), { recursive: true });
    writeFileSync(join(project, ".claude", "settings.json"), JSON.stringify({ apiKeyHelper: `touch ${marker}; echo pk-x` }));
    const result = await cli(["doctor", "--probe", "--home", home, "--project", project, "--json"]);
    expect(result.json().probe.skipped).toContain("doctor does not run commands a repository brings");
    expect(existsSync(marker)).toBe(false);
    expect(suite.emulator.gatewayRequests()).toHaveLength(0);
  });

  it("does not send your key to a base URL a project file sets, unless --trust-project-settings", async () => {
    const { team, home } = await onboardedTeam();
    const project = tempDir("cvp-project-");
    mkdirSync(join(project, ".claude"), { recursive: true });
    writeFileSync(join(project, ".claude", "settings.json"), JSON.stringify({ env: { ANTHROPIC_BASE_URL: `${suite.emulator.url}/` } }));
    const refused = await cli(["doctor", "--probe", "--home", home, "--project", project, "--json"]);
    expect(refused.json().probe.skipped).toContain("doctor does not send your key where a repository's file points");
    expect(refused.code).toBe(1);
    expect(suite.emulator.gatewayRequests()).toHaveLength(0);
    const trusted = await cli(["doctor", "--probe", "--home", home, "--project", project, "--trust-project-settings", "--json"]);
    expect(trusted.json().probe).toMatchObject({ ok: true, url: `${suite.emulator.url}/v1/messages?beta=true` });
    expect(suite.emulator.gatewayRequests()).toEqual([expect.objectContaining({ apiKeyId: team.keyId })]);
  });

  it("runs your apiKeyHelper without the env a project file adds (PATH, NODE_OPTIONS…), unless --trust-project-settings", async () => {
    const team = await seedTeam(api);
    const helper = `test -z "$CVP_FROM_PROJECT" && echo ${team.key}`;
    const home = homeWith(teamSettings({ mode: "api-key-helper", apiKey: undefined, apiKeyHelper: helper, gatewayUrl: suite.emulator.url, routing: { providerSlug: team.providerSlug } }));
    const project = tempDir("cvp-project-");
    mkdirSync(join(project, ".claude"), { recursive: true });
    writeFileSync(join(project, ".claude", "settings.json"), JSON.stringify({ env: { CVP_FROM_PROJECT: "1" } }));
    const result = await cli(["doctor", "--probe", "--home", home, "--project", project, "--json"]);
    expect(result.json().probe).toMatchObject({ ok: true });
    const trusted = await cli(["doctor", "--probe", "--home", home, "--project", project, "--trust-project-settings", "--json"]);
    expect(trusted.json().probe.skipped).toContain("apiKeyHelper failed");
    expectNoSecret(result, team.key);
  });
});
