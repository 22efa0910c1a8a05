/**
 * `client.usageLimitsPolicies.listEntities` / `resetEntity` (fact sheet §7.2): every page is
 * read, filters and ids go on the wire as Portkey expects, and the tolerant entity shape reads
 * the API's quirks (string numbers, nulls, unknown fields).
 */
import type { ServerResponse } from "node:http";
import { startEmulator } from "../../src/cli/emulator";
import { startScriptedServer, type ScriptedServer } from "./support/scripted-server";
import { FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { testClient } from "./support/client";

const POLICY = "5f0c8a52-1d7e-4a3b-9c61-0e2f4b8d7a10";
const json = (response: ServerResponse, body: unknown, status = 200) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};

/** Five entities served in pages, the way Portkey pages (0-based current_page, page_size). */
const ENTITIES = ["ada", "grace", "linus", "barbara", "ken"].map((user, i) => ({
  id: `ent-${i}`,
  value_key: `metadata._user:${user}`,
  current_usage: i === 0 ? "12.5" : i * 10,
  status: i === 4 ? "exhausted" : "active",
  last_reset_at: null,
  an_unknown_field: { nested: true },
}));

let server: ScriptedServer;
afterEach(async () => {
  await server?.close();
});

describe("usage-limits policy entities", () => {
  it("reads every page and parses the tolerant shape", async () => {
    server = await startScriptedServer((request, response) => {
      const page = Number(request.query.get("current_page"));
      const size = Number(request.query.get("page_size"));
      json(response, { object: "list", total: ENTITIES.length, data: ENTITIES.slice(page * size, page * size + size) });
    });
    const { client } = testClient(server.url, { pageSize: 2 });
    const entities = await client.usageLimitsPolicies.listEntities(POLICY);
    expect(entities.map((e) => e.value_key)).toEqual(ENTITIES.map((e) => e.value_key));
    expect(entities[0]).toEqual({ id: "ent-0", value_key: "metadata._user:ada", current_usage: 12.5, status: "active" });
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.query.get("current_page")}`)).toEqual([
      `GET /policies/usage-limits/${POLICY}/entities 0`,
      `GET /policies/usage-limits/${POLICY}/entities 1`,
      `GET /policies/usage-limits/${POLICY}/entities 2`,
    ]);
  });

  it("sends status and search as query parameters", async () => {
    server = await startScriptedServer((_request, response) => json(response, { object: "list", total: 0, data: [] }));
    const { client } = testClient(server.url);
    await client.usageLimitsPolicies.listEntities(POLICY, { status: "exhausted", search: "ada" });
    expect(server.requests[0]?.query.get("status")).toBe("exhausted");
    expect(server.requests[0]?.query.get("search")).toBe("ada");
  });

  it("resets one entity with PUT …/entities/{entityId}/reset, escaping the ids", async () => {
    server = await startScriptedServer((_request, response) => json(response, {}));
    const { client } = testClient(server.url);
    await client.usageLimitsPolicies.resetEntity(POLICY, "metadata._user:ada/x");
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /policies/usage-limits/${POLICY}/entities/metadata._user%3Aada%2Fx/reset`]);
  });

  it("names the item and field when an entity has an unusable shape", async () => {
    server = await startScriptedServer((_request, response) => json(response, { object: "list", total: 1, data: [{ value_key: "metadata._user:ada" }] }));
    const { client } = testClient(server.url);
    await expect(client.usageLimitsPolicies.listEntities(POLICY)).rejects.toThrow(/entities page 0 item 0 has an unexpected shape: id/);
  });

  it("reports a 404 for an unknown policy as a typed API error", async () => {
    server = await startScriptedServer((_request, response) => json(response, { success: false, data: { message: "Policy not found" } }, 404));
    const { client } = testClient(server.url);
    await expect(client.usageLimitsPolicies.resetEntity(POLICY, "ent-0")).rejects.toMatchObject({ status: 404 });
  });
});

describe("against the emulator", () => {
  it("lists the counters gateway requests made and zeroes one", async () => {
    const adminKey = "emu-admin-key-entities-01";
    const emulator = await startEmulator({ adminKey });
    const { client } = testClient(emulator.adminUrl, { apiKey: adminKey, pageSize: 1 });
    try {
      const ws = await client.workspaces.create({ name: "Team Alpha" });
      const key = await client.apiKeys.create({ type: "workspace", sub_type: "service", name: "claude-code", workspace_id: ws.id, scopes: ["completions.write"] });
      const policy = await client.usageLimitsPolicies.create({ name: "per key", workspace_id: ws.id, conditions: [{ key: "workspace_id", value: ws.id }], group_by: [{ key: "api_key" }], type: "tokens", credit_limit: 1000 });
      const integration = await client.integrations.create({ name: "Vertex", ai_provider_id: "vertex-ai", slug: "vertex-alpha", configurations: { vertex_auth_type: "serviceAccount", vertex_region: "us-east5", vertex_service_account_json: FAKE_SERVICE_ACCOUNT } });
      await client.integrations.putWorkspaces(integration.slug, { workspaces: [{ id: ws.id, enabled: true }] });
      const answer = await fetch(`${emulator.url}/v1/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key.secret}`, "x-portkey-provider": "@vertex-alpha" },
        body: JSON.stringify({ model: "claude-sonnet-4-5@20250929", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
      });
      expect(answer.status).toBe(200);
      const [entity] = await client.usageLimitsPolicies.listEntities(policy.id);
      expect(entity).toMatchObject({ value_key: `api_key:${key.apiKey.id}`, status: "active" });
      expect(entity?.current_usage).toBeGreaterThan(0);
      await client.usageLimitsPolicies.resetEntity(policy.id, String(entity?.id));
      expect((await client.usageLimitsPolicies.listEntities(policy.id))[0]?.current_usage).toBe(0);
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});
