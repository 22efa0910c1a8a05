/**
 * Usage-limits and rate-limits policies bite per value key: two developers on one service key,
 * told apart by `_user` in `x-portkey-metadata`, are counted apart, so a per-developer budget
 * stops exactly the one who exceeded it. Conditions choose the requests a policy sees; a
 * request without a group_by key skips the policy; policies reset weekly on Monday 00:00 UTC.
 */
import { type Api, seedTeam, useEmulator } from "./harness";
import { ask, movableClock, statuses, type Team, tokensOf } from "./limits-helpers";

const time = movableClock("2026-03-10T12:00:00Z"); // a Tuesday
const suite = useEmulator({ clock: time.clock });
const api: Api = (...args) => suite.api(...args);

beforeEach(() => time.set("2026-03-10T12:00:00Z"));

async function usagePolicy(team: Team, fields: Record<string, unknown>): Promise<string> {
  const created = await api("POST", "/v1/policies/usage-limits", {
    name: "per developer",
    conditions: [{ key: "workspace_id", value: team.workspace.slug }],
    group_by: [{ key: "metadata._user" }],
    type: "tokens",
    ...fields,
  });
  expect(created.status).toBe(200);
  return created.body.id as string;
}

const entities = async (policy: string) => (await api("GET", `/v1/policies/usage-limits/${policy}/entities`)).body.data as { value_key: string; status: string; current_usage: number; last_reset_at: string | null }[];

describe("per-developer usage-limits policy", () => {
  it("stops exactly the developer who exceeded it with 412 code 06, while the other on the same key still gets 200", async () => {
    const team = await seedTeam(api);
    const tokens = tokensOf(await ask(suite.emulator, team));
    const policy = await usagePolicy(team, { credit_limit: Math.floor(tokens * 1.5) });

    expect(await statuses(suite.emulator, team, 3, { user: "ada@example.com" })).toEqual([200, 200, 412]);
    expect((await ask(suite.emulator, team, { user: "grace@example.com" })).status).toBe(200);
    const refused = await ask(suite.emulator, team, { user: "ada@example.com" });
    expect(refused).toMatchObject({ status: 412 });
    expect(refused.body).toEqual({
      error: {
        message: `Portkey Usage Limits Policy ${policy} Exceeded for value key metadata._user:ada@example.com`,
        type: "usage_limits_policy_exhaust_error",
        param: null,
        code: "06",
      },
    });
    expect(await statuses(suite.emulator, team, 2, { user: "grace@example.com" })).toEqual([200, 412]);

    const byKey = Object.fromEntries((await entities(policy)).map((item) => [item.value_key, item]));
    expect(byKey["metadata._user:ada@example.com"]).toMatchObject({ status: "exhausted", current_usage: 2 * tokens });
    expect(byKey["metadata._user:grace@example.com"]).toMatchObject({ status: "exhausted", current_usage: 2 * tokens });
  });

  it("does not count or stop a request without _user", async () => {
    const team = await seedTeam(api);
    const policy = await usagePolicy(team, { credit_limit: 1 });
    expect(await statuses(suite.emulator, team, 3)).toEqual([200, 200, 200]);
    expect(await entities(policy)).toEqual([]);
  });

  it("starts every developer over on Monday 00:00 UTC and says when it next resets", async () => {
    const team = await seedTeam(api);
    const policy = await usagePolicy(team, { credit_limit: 1, periodic_reset: "weekly" });
    expect(await statuses(suite.emulator, team, 2, { user: "ada" })).toEqual([200, 412]);
    expect((await api("GET", `/v1/policies/usage-limits/${policy}`)).body.next_usage_reset_at).toBe("2026-03-16T00:00:00.000Z");
    time.set("2026-03-15T23:59:59Z"); // Sunday: still this week for a policy
    expect((await ask(suite.emulator, team, { user: "ada" })).status).toBe(412);
    time.set("2026-03-16T00:00:00Z");
    expect(await entities(policy)).toEqual([expect.objectContaining({ status: "active", current_usage: 0, last_reset_at: "2026-03-16T00:00:00.000Z" })]);
    expect(await statuses(suite.emulator, team, 2, { user: "ada" })).toEqual([200, 412]);
    expect((await api("GET", `/v1/policies/usage-limits/${policy}`)).body).toMatchObject({ next_usage_reset_at: "2026-03-23T00:00:00.000Z", last_reset_at: "2026-03-16T00:00:00.000Z" });
  });

  it("resetting one developer's entity lets that developer through again", async () => {
    const team = await seedTeam(api);
    const policy = await usagePolicy(team, { credit_limit: 1 });
    expect(await statuses(suite.emulator, team, 2, { user: "ada" })).toEqual([200, 412]);
    await api("PUT", `/v1/policies/usage-limits/${policy}`, { reset_usage_for_value: "metadata._user:ada" });
    expect((await ask(suite.emulator, team, { user: "ada" })).status).toBe(200);
  });
});

describe("usage-limits policy conditions", () => {
  it("counts cost per API key with include_usage, and sees only the requests its conditions match", async () => {
    const team = await seedTeam(api);
    const answer = await ask(suite.emulator, team);
    const cost = (answer.body.usage.input_tokens * 3 + answer.body.usage.output_tokens * 15) / 1_000_000;
    const created = await api("POST", "/v1/policies/usage-limits", {
      conditions: [
        { key: "api_key", value: team.keyId },
        { key: "metadata.team", value: "research" },
      ],
      group_by: [{ key: "api_key" }],
      type: "cost",
      credit_limit: cost * 1.5,
    });
    const policy = created.body.id as string;
    expect(await statuses(suite.emulator, team, 3, { metadata: { team: "engineering" } })).toEqual([200, 200, 200]);
    expect(await statuses(suite.emulator, team, 3, { metadata: { team: "research" } })).toEqual([200, 200, 412]);
    const shown = (await api("GET", `/v1/policies/usage-limits/${policy}?include_usage=true`)).body;
    expect(shown.value_key_usage_map).toEqual({ [`api_key:${team.keyId}`]: 2 * cost });
  });

  it("takes metadata from the API key's defaults over the request header", async () => {
    const team = await seedTeam(api);
    await api("PUT", `/v1/api-keys/${team.keyId}`, { defaults: { metadata: { _user: "service-bot" } } });
    const policy = await usagePolicy(team, { credit_limit: 1 });
    expect(await statuses(suite.emulator, team, 2, { user: "ada" })).toEqual([200, 412]);
    expect((await entities(policy)).map((item) => item.value_key)).toEqual(["metadata._user:service-bot"]);
  });
});

describe("rate-limits policy", () => {
  it("limits each developer on their own window and answers rate_limits_policy_exhaust_error", async () => {
    const team = await seedTeam(api);
    const created = await api("POST", "/v1/policies/rate-limits", {
      conditions: [{ key: "workspace_id", value: team.workspace.id }],
      group_by: [{ key: "metadata._user" }],
      type: "requests",
      unit: "rpm",
      value: 1,
    });
    const policy = created.body.id as string;
    expect(await statuses(suite.emulator, team, 2, { user: "ada" })).toEqual([200, 429]);
    expect((await ask(suite.emulator, team, { user: "ada" })).body).toEqual({
      error: { message: `Portkey Rate Limit Policy ${policy} exceeded for value key metadata._user:ada`, type: "rate_limits_policy_exhaust_error", param: null, code: null },
    });
    expect((await ask(suite.emulator, team, { user: "grace" })).status).toBe(200);
    time.advance(60_000);
    expect((await ask(suite.emulator, team, { user: "ada" })).status).toBe(200);
  });

  it("stops biting once archived", async () => {
    const team = await seedTeam(api);
    const created = await api("POST", "/v1/policies/rate-limits", {
      conditions: [{ key: "workspace_id", value: "*" }],
      group_by: [{ key: "workspace_id" }],
      type: "requests",
      unit: "rph",
      value: 1,
    });
    expect(await statuses(suite.emulator, team, 2)).toEqual([200, 429]);
    await api("DELETE", `/v1/policies/rate-limits/${created.body.id}`);
    expect((await ask(suite.emulator, team)).status).toBe(200);
  });
});
