/**
 * Rate limits (`rate_limits`) bite at the gateway: requests or tokens per window on an API key,
 * a workspace, an integration's workspace access and a provider. The window slides: a request
 * leaves it exactly one unit of time after it was served. Refusals are 429 with Portkey's body
 * and count toward nothing; a tokens limit reserves the request's `max_tokens` up front.
 */
import { type Api, seedTeam, useEmulator } from "./harness";
import { ask, movableClock, statuses, tokensOf } from "./limits-helpers";

const time = movableClock("2026-03-10T12:00:00Z");
const suite = useEmulator({ clock: time.clock });
const api: Api = (...args) => suite.api(...args);

beforeEach(() => time.set("2026-03-10T12:00:00Z"));

describe("API-key rate limit", () => {
  it("allows `value` requests per minute, answers 429 api_key_rate_limit_error, and lets the next one through when the first leaves the window", async () => {
    const team = await seedTeam(api);
    await api("PUT", `/v1/api-keys/${team.keyId}`, { rate_limits: [{ type: "requests", unit: "rpm", value: 2 }] });
    expect(await statuses(suite.emulator, team, 3)).toEqual([200, 200, 429]);
    expect((await ask(suite.emulator, team)).body).toEqual({
      error: { message: `Portkey API Key ${team.keyId} Rate Limit Exceeded`, type: "api_key_rate_limit_error", param: null, code: null },
    });
    time.advance(59_999);
    expect((await ask(suite.emulator, team)).status).toBe(429);
    time.advance(1);
    // Both served requests left the window together; the refused ones never entered it.
    expect(await statuses(suite.emulator, team, 3)).toEqual([200, 200, 429]);
  });
});

describe("workspace rate limit", () => {
  it("counts the tokens each response used and refuses a request whose max_tokens no longer fits in the hour", async () => {
    const team = await seedTeam(api);
    const tokens = tokensOf(await ask(suite.emulator, team));
    // max_tokens 100 is reserved up front: 2 served requests + 100 fit exactly, a third does not.
    await api("PUT", `/v1/admin/workspaces/${team.workspace.id}`, { rate_limits: [{ type: "tokens", unit: "rph", value: 2 * tokens + 100 }] });
    time.advance(3_600_000); // the probe leaves the window
    expect(await statuses(suite.emulator, team, 4)).toEqual([200, 200, 200, 429]);
    expect((await ask(suite.emulator, team)).body.error).toMatchObject({ type: "workspace_rate_limit_error", message: `Portkey Workspace ${team.workspace.slug} Rate Limit Exceeded` });
    time.advance(3_600_000);
    expect((await ask(suite.emulator, team)).status).toBe(200);
  });

  it("refuses Claude Code's max_tokens 32000 outright under a small tokens-per-minute limit", async () => {
    const team = await seedTeam(api);
    await api("PUT", `/v1/admin/workspaces/${team.workspace.id}`, { rate_limits: [{ type: "tokens", unit: "rpm", value: 10_000 }] });
    expect((await ask(suite.emulator, team, { maxTokens: 32_000 })).status).toBe(429);
    expect((await ask(suite.emulator, team, { maxTokens: 1_000 })).status).toBe(200);
  });
});

describe("integration workspace-access rate limit", () => {
  it("allows one request a day and answers integration_rate_limit_error", async () => {
    const team = await seedTeam(api);
    await api("PUT", `/v1/integrations/${team.integration.slug}/workspaces`, {
      workspaces: [{ id: team.workspace.id, enabled: true, rate_limits: [{ type: "requests", unit: "rpd", value: 1 }] }],
    });
    expect(await statuses(suite.emulator, team, 2)).toEqual([200, 429]);
    expect((await ask(suite.emulator, team)).body.error).toMatchObject({ type: "integration_rate_limit_error", message: `Portkey Integration ${team.integration.slug} Rate Limit Exceeded` });
    time.advance(86_400_000);
    expect(await statuses(suite.emulator, team, 2)).toEqual([200, 429]);
  });

  it("applies the global access settings' limits to a workspace granted without its own", async () => {
    const team = await seedTeam(api);
    await api("PUT", `/v1/integrations/${team.integration.slug}/workspaces`, {
      global_workspace_access: { enabled: true, rate_limits: [{ type: "requests", unit: "rpm", value: 1 }] },
    });
    expect(await statuses(suite.emulator, team, 2)).toEqual([200, 429]);
  });
});

describe("provider rate limit", () => {
  it("refuses everything at value 0 with virtual_key_rate_limit_error", async () => {
    const team = await seedTeam(api);
    await api("PUT", `/v1/providers/${team.providerSlug}?workspace_id=${team.workspace.id}`, { rate_limits: [{ type: "requests", unit: "rpm", value: 0 }] });
    const refused = await ask(suite.emulator, team);
    expect(refused).toMatchObject({ status: 429, body: { error: { type: "virtual_key_rate_limit_error", message: `Portkey Virtual Key ${team.providerSlug} Rate Limit Exceeded` } } });
  });
});

it("answers the budget's 412 before a rate limit's 429 when both bite", async () => {
  const team = await seedTeam(api);
  await api("PUT", `/v1/api-keys/${team.keyId}`, { usage_limits: { type: "tokens", credit_limit: 1 }, rate_limits: [{ type: "requests", unit: "rpm", value: 1 }] });
  expect(await statuses(suite.emulator, team, 2)).toEqual([200, 412]);
});
