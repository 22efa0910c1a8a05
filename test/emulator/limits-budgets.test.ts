/**
 * Budgets (`usage_limits`) bite at the gateway: an API key's, a workspace's, an integration's
 * workspace access and a provider's. Each lets requests through until its counter reaches
 * `credit_limit` (the crossing request still passes), then answers 412 with Portkey's body; the
 * object reads back "exhausted"; `reset_usage` and the periodic reset (monthly, weekly on
 * Sunday, every N days) start it over; counters survive a restart.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ADMIN_KEY, type Api, client, seedTeam, start, useEmulator } from "./harness";
import { ask, statuses, type Team, tokensOf, movableClock } from "./limits-helpers";

const time = movableClock("2026-03-10T12:00:00Z"); // a Tuesday
const suite = useEmulator({ clock: time.clock });
const api: Api = (...args) => suite.api(...args);

beforeEach(() => time.set("2026-03-10T12:00:00Z"));

/** Tokens and USD one request of this team counts, measured before any budget exists. */
async function probe(team: Team): Promise<{ tokens: number; costUsd: number }> {
  const answer = await ask(suite.emulator, team);
  expect(answer.status).toBe(200);
  const { input_tokens: input, output_tokens: output } = answer.body.usage;
  // Sonnet 4.5 list price: $3 per million input tokens, $15 per million output tokens.
  return { tokens: tokensOf(answer), costUsd: (input * 3 + output * 15) / 1_000_000 };
}

describe("API-key budget", () => {
  it("refuses the request after the one that reached the limit with 412 code 04, reads exhausted, and reset_usage reopens it", async () => {
    const team = await seedTeam(api);
    const other = await seedTeam(api, "Team B");
    const { tokens } = await probe(team);
    await api("PUT", `/v1/api-keys/${team.keyId}`, { usage_limits: { type: "tokens", credit_limit: Math.floor(tokens * 1.5) } });
    expect(await statuses(suite.emulator, team, 3)).toEqual([200, 200, 412]);

    const refused = await ask(suite.emulator, team);
    const message = `Portkey Error: Portkey API Key ${team.keyId} Usage Limit Exceeded. Error Code: 04`;
    expect(refused.body).toEqual({ status: "failure", message, error: { message, code: "04" } });
    expect(JSON.stringify(refused.body)).not.toContain(team.key);
    expect((await api("GET", `/v1/api-keys/${team.keyId}`)).body.status).toBe("exhausted");
    expect((await ask(suite.emulator, other)).status).toBe(200);

    await api("PUT", `/v1/api-keys/${team.keyId}`, { reset_usage: true });
    const reopened = (await api("GET", `/v1/api-keys/${team.keyId}`)).body;
    expect(reopened).toMatchObject({ status: "active", last_reset_at: "2026-03-10T12:00:00.000Z" });
    expect((await ask(suite.emulator, team)).status).toBe(200);
  });

  it("keeps its counter across a restart of an emulator with a state file", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "emu-limits-")), "state.json");
    const first = await start({ stateFile, clock: time.clock });
    const team = await seedTeam(client(first, ADMIN_KEY));
    await client(first, ADMIN_KEY)("PUT", `/v1/api-keys/${team.keyId}`, { usage_limits: { type: "tokens", credit_limit: 1 } });
    expect((await ask(first, team)).status).toBe(200);
    await first.close();
    const second = await start({ stateFile, clock: time.clock });
    try {
      expect((await ask(second, team)).status).toBe(412);
    } finally {
      await second.close();
    }
  });
});

describe("workspace budget", () => {
  it("counts cost in USD from the price table and starts over on the 1st of the month at 00:00 UTC", async () => {
    const team = await seedTeam(api);
    const { costUsd } = await probe(team);
    const put = await api("PUT", `/v1/admin/workspaces/${team.workspace.id}`, { usage_limits: [{ type: "cost", credit_limit: costUsd * 1.5, periodic_reset: "monthly" }] });
    expect(put.status).toBe(200);
    expect(await statuses(suite.emulator, team, 3)).toEqual([200, 200, 412]);
    expect((await ask(suite.emulator, team)).body).toEqual({
      error: { message: "Portkey Workspace Usage Limit Exceeded", type: "workspace_exhaust_error", param: null, code: "04" },
    });
    time.set("2026-03-31T23:59:59Z");
    expect((await ask(suite.emulator, team)).status).toBe(412);
    time.set("2026-04-01T00:00:00Z");
    expect(await statuses(suite.emulator, team, 3)).toEqual([200, 200, 412]);
  });

  it("is priced by model: an Opus 4.1 request costs five times a Sonnet one", async () => {
    const team = await seedTeam(api);
    const { costUsd } = await probe(team);
    await api("PUT", `/v1/admin/workspaces/${team.workspace.id}`, { usage_limits: [{ type: "cost", credit_limit: costUsd * 4.5 }] });
    // Same body size, so the same tokens; Opus 4.1 is $15/$75 against Sonnet's $3/$15.
    expect((await ask(suite.emulator, team, { model: "claude-opus-4-1@20250805" })).status).toBe(200);
    expect((await ask(suite.emulator, team)).status).toBe(412);
  });
});

describe("integration workspace-access budget", () => {
  it("answers integration_exhaust_error, lists the access as exhausted, starts over on Sunday 00:00 UTC, and reset_usage reopens it", async () => {
    const team = await seedTeam(api);
    const { tokens } = await probe(team);
    const grant = (extra: Record<string, unknown>) =>
      api("PUT", `/v1/integrations/${team.integration.slug}/workspaces`, {
        workspaces: [{ id: team.workspace.id, enabled: true, usage_limits: [{ type: "tokens", credit_limit: Math.floor(tokens * 1.5), periodic_reset: "weekly" }], ...extra }],
      });
    expect((await grant({})).status).toBe(200);
    expect(await statuses(suite.emulator, team, 3)).toEqual([200, 200, 412]);
    expect((await ask(suite.emulator, team)).body.error).toEqual({
      message: `Portkey Integration ${team.integration.slug} Usage Limit Exceeded`,
      type: "integration_exhaust_error",
      param: null,
      code: "04",
    });
    const listing = async () => (await api("GET", `/v1/integrations/${team.integration.slug}/workspaces`)).body.workspaces[0].status;
    expect(await listing()).toBe("exhausted");

    time.set("2026-03-14T23:59:59Z"); // Saturday
    expect((await ask(suite.emulator, team)).status).toBe(412);
    time.set("2026-03-15T00:00:00Z"); // Sunday
    expect(await listing()).toBe("active");
    expect(await statuses(suite.emulator, team, 3)).toEqual([200, 200, 412]);

    await grant({ reset_usage: true });
    expect(await listing()).toBe("active");
    expect((await ask(suite.emulator, team)).status).toBe(200);
  });
});

describe("provider budget", () => {
  it("answers virtual_key_exhaust_error, reads exhausted, and starts over every periodic_reset_days", async () => {
    const team = await seedTeam(api);
    const { tokens } = await probe(team);
    const put = await api("PUT", `/v1/providers/${team.providerSlug}?workspace_id=${team.workspace.id}`, {
      usage_limits: { type: "tokens", credit_limit: Math.floor(tokens * 1.5), periodic_reset_days: 3 },
    });
    expect(put.status).toBe(200);
    expect(await statuses(suite.emulator, team, 3)).toEqual([200, 200, 412]);
    expect((await ask(suite.emulator, team)).body.error).toMatchObject({ type: "virtual_key_exhaust_error", code: "04", message: `Portkey Virtual Key ${team.providerSlug} Usage Limit Exceeded` });
    const provider = async () => (await api("GET", `/v1/providers/${team.providerSlug}?workspace_id=${team.workspace.id}`)).body;
    expect(await provider()).toMatchObject({ status: "exhausted" });
    time.advance(3 * 86_400_000 - 1000);
    expect((await ask(suite.emulator, team)).status).toBe(412);
    time.advance(1000);
    expect(await provider()).toMatchObject({ status: "active", last_reset_at: "2026-03-13T12:00:00.000Z" });
    expect((await ask(suite.emulator, team)).status).toBe(200);
  });
});
