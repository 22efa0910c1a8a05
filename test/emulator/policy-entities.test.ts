/**
 * Usage-limits policy entities (fact sheet §7.2): gateway requests count toward each matching
 * policy, one counter per group_by value; `GET …/{id}/entities` lists them (status, search,
 * paging) and `PUT …/entities/{entityId}/reset` or `reset_usage_for_value` zeroes one.
 */
import { type Api, seedTeam, useEmulator } from "./harness";

const suite = useEmulator();
const api: Api = (...args) => suite.api(...args);

async function ask(team: Awaited<ReturnType<typeof seedTeam>>, user: string, content = "hi") {
  const response = await fetch(`${suite.emulator.url}/v1/messages`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${team.key}`,
      "x-portkey-provider": `@${team.providerSlug}`,
      "x-portkey-metadata": JSON.stringify({ _user: user }),
    },
    body: JSON.stringify({ model: "claude-sonnet-4-5@20250929", max_tokens: 100, messages: [{ role: "user", content }] }),
  });
  expect(response.status).toBe(200);
}

async function perDeveloperBudget(team: Awaited<ReturnType<typeof seedTeam>>, creditLimit = 1_000_000) {
  const created = await api("POST", "/v1/policies/usage-limits", {
    name: "per developer",
    conditions: [{ key: "workspace_id", value: team.workspace.slug }],
    group_by: [{ key: "metadata._user" }],
    type: "tokens",
    credit_limit: creditLimit,
  });
  expect(created.status).toBe(200);
  return created.body.id as string;
}

const entities = async (policy: string, query = "") => (await api("GET", `/v1/policies/usage-limits/${policy}/entities${query}`)).body;

describe("usage-limits policy entities", () => {
  it("counts gateway requests per group_by value, only for requests the conditions match", async () => {
    const team = await seedTeam(api);
    const other = await seedTeam(api, "Team B");
    const policy = await perDeveloperBudget(team);
    await ask(team, "ada");
    await ask(team, "ada");
    await ask(team, "grace");
    await ask(other, "ada"); // another workspace: not this policy's

    const listed = await entities(policy);
    expect(listed).toMatchObject({ object: "list", total: 2 });
    const byKey = Object.fromEntries(listed.data.map((e: { value_key: string; current_usage: number }) => [e.value_key, e.current_usage]));
    expect(Object.keys(byKey).sort()).toEqual(["metadata._user:ada", "metadata._user:grace"]);
    expect(byKey["metadata._user:ada"]).toBe(2 * byKey["metadata._user:grace"]);
    expect(byKey["metadata._user:grace"]).toBeGreaterThan(0);
  });

  it("filters by search and status, and pages", async () => {
    const team = await seedTeam(api);
    const policy = await perDeveloperBudget(team, 1);
    await ask(team, "ada");
    await ask(team, "grace");
    await ask(team, "linus");
    expect((await entities(policy, "?search=GRA")).data.map((e: { value_key: string }) => e.value_key)).toEqual(["metadata._user:grace"]);
    expect((await entities(policy, "?status=exhausted")).total).toBe(3);
    expect((await entities(policy, "?status=active")).total).toBe(0);
    const page = await entities(policy, "?page_size=2&current_page=1");
    expect(page).toMatchObject({ total: 3 });
    expect(page.data).toHaveLength(1);
  });

  it("resets one entity to zero by id, leaving the others", async () => {
    const team = await seedTeam(api);
    const policy = await perDeveloperBudget(team);
    await ask(team, "ada");
    await ask(team, "grace");
    const ada = (await entities(policy, "?search=ada")).data[0];
    const reset = await api("PUT", `/v1/policies/usage-limits/${policy}/entities/${ada.id}/reset`);
    expect(reset).toMatchObject({ status: 200, body: {} });
    const after = Object.fromEntries((await entities(policy)).data.map((e: { value_key: string; current_usage: number; last_reset_at: string | null }) => [e.value_key, e]));
    expect(after["metadata._user:ada"]).toMatchObject({ current_usage: 0, last_reset_at: expect.any(String) });
    expect(after["metadata._user:grace"].current_usage).toBeGreaterThan(0);
    await ask(team, "ada");
    expect((await entities(policy, "?search=ada")).data[0].current_usage).toBeGreaterThan(0);
  });

  it("resets by value with reset_usage_for_value, and answers 404 for an unknown entity", async () => {
    const team = await seedTeam(api);
    const policy = await perDeveloperBudget(team);
    await ask(team, "ada");
    expect((await api("PUT", `/v1/policies/usage-limits/${policy}`, { reset_usage_for_value: "metadata._user:ada" })).status).toBe(200);
    expect((await entities(policy)).data[0].current_usage).toBe(0);
    expect((await api("PUT", `/v1/policies/usage-limits/${policy}/entities/nope/reset`)).status).toBe(404);
    expect((await api("GET", "/v1/policies/usage-limits/00000000-0000-0000-0000-000000000000/entities")).status).toBe(404);
  });

  it("keeps the counters out of the policy itself and stops counting once archived", async () => {
    const team = await seedTeam(api);
    const policy = await perDeveloperBudget(team);
    await ask(team, "ada");
    expect((await api("GET", `/v1/policies/usage-limits/${policy}`)).body).not.toHaveProperty("entities");
    const before = (await entities(policy)).data[0].current_usage;
    await api("DELETE", `/v1/policies/usage-limits/${policy}`);
    await ask(team, "ada");
    expect((await entities(policy)).data[0].current_usage).toBe(before);
  });
});
