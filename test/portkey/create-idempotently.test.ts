/**
 * The no-duplicate rule: a create that failed ambiguously is never blindly re-sent. The fake
 * server below really creates the object and then drops the connection before answering.
 */
import type { ServerResponse } from "node:http";
import { PortkeyApiError } from "../../src/portkey";
import * as live from "./fixtures/live-shapes";
import { testClient } from "./support/client";
import { dropConnection, type RecordedRequest, reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Fault = "drop" | "500" | "timeout" | "html" | "none";

/** A stateful store for one collection with scripted faults on POST (one fault per POST, in order). */
function fakeCollection(options: { collection: string; key: "slug" | "name"; faults: Fault[]; conflictStatus?: 400 | 409 }) {
  const objects: Record<string, unknown>[] = [];
  let seq = 0;
  const handler = (req: RecordedRequest, res: ServerResponse) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (req.method === "POST" && req.path.startsWith(options.collection)) {
      if (objects.some((o) => o[options.key] === body[options.key])) {
        const status = options.conflictStatus ?? 409;
        reply(res, status, status === 409 ? { errorCode: "AB07", message: "already exists" } : { success: false, data: { message: "slug already exists", errorCode: "AB01" } });
        return;
      }
      seq++;
      const created = { id: `id-${seq}`, slug: body.slug ?? `gen-${seq}`, name: body.name, type: "workspace-service", created_at: `2026-06-0${seq}T00:00:00.000Z`, key: `sk-secret-value-${seq}` };
      objects.push(created);
      const fault = options.faults.shift() ?? "none";
      if (fault === "drop") return dropConnection(res);
      if (fault === "500") return reply(res, 500, { message: "internal" });
      if (fault === "timeout") return; // never answer
      if (fault === "html") { res.writeHead(200, { "content-type": "text/html" }); res.end("<html>gateway</html>"); return; }
      return reply(res, 200, { id: created.id, slug: created.slug, key: created.key, object: "x" });
    }
    if (req.method === "GET" && req.path === options.collection) {
      return reply(res, 200, { object: "list", total: objects.length, data: objects });
    }
    if (req.method === "GET") {
      const id = decodeURIComponent(req.path.slice(options.collection.length + 1));
      const found = objects.find((o) => o.id === id || o.slug === id);
      return found ? reply(res, 200, found) : reply(res, 404, { errorCode: "AB08", message: "not found" });
    }
    reply(res, 418, {});
  };
  return { objects, handler };
}

describe("createIdempotently", () => {
  it("adopts an integration whose create was answered 200 with HTML: exactly one object exists", async () => {
    const fake = fakeCollection({ collection: "/integrations", key: "slug", faults: ["html"] });
    server = await startScriptedServer(fake.handler);
    const { client } = testClient(server.url);
    const integration = await client.integrations.create({ name: "Vertex prod", ai_provider_id: "vertex-ai", slug: "vertex-prod" });
    expect(integration).toMatchObject({ id: "id-1", slug: "vertex-prod" });
    expect(fake.objects).toHaveLength(1);
  });

  it("adopts an integration whose create answer was dropped: exactly one object exists", async () => {
    const fake = fakeCollection({ collection: "/integrations", key: "slug", faults: ["drop"] });
    server = await startScriptedServer(fake.handler);
    const { client, events } = testClient(server.url);
    const integration = await client.integrations.create({ name: "Vertex prod", ai_provider_id: "vertex-ai", slug: "vertex-prod" });
    expect(integration).toMatchObject({ id: "id-1", slug: "vertex-prod" });
    expect(fake.objects).toHaveLength(1);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /integrations", "GET /integrations/vertex-prod", "GET /integrations/vertex-prod"]);
    expect(events.some((e) => e.level === "warn" && /adopted/.test(e.message))).toBe(true);
  });

  it("adopts a config (name key, found by listing) after a 500 that had been applied", async () => {
    const fake = fakeCollection({ collection: "/configs", key: "name", faults: ["500"] });
    server = await startScriptedServer(fake.handler);
    const { client } = testClient(server.url);
    const config = await client.configs.create({ name: "fallback", config: { strategy: { mode: "single" } }, workspace_id: live.WORKSPACE_UUID });
    expect(config.id).toBe("id-1");
    expect(fake.objects).toHaveLength(1);
    const list = server.requests.find((r) => r.method === "GET" && r.path === "/configs");
    expect(list?.query.get("workspace_id")).toBe(live.WORKSPACE_UUID);
  });

  it("adopts after a timeout too", async () => {
    const fake = fakeCollection({ collection: "/admin/workspaces", key: "name", faults: ["timeout"] });
    server = await startScriptedServer(fake.handler);
    const { client } = testClient(server.url, { timeoutMs: 100 });
    const ws = await client.workspaces.create({ name: "alpha" });
    expect(ws.id).toBe("id-1");
    expect(fake.objects).toHaveLength(1);
  });

  it("re-sends when the lookup finds nothing (the failed create was not applied)", async () => {
    let posts = 0;
    const fake = fakeCollection({ collection: "/integrations", key: "slug", faults: [] });
    server = await startScriptedServer((req, res) => {
      if (req.method === "POST" && posts++ === 0) return dropConnection(res); // dropped before applying
      return fake.handler(req, res);
    });
    const { client } = testClient(server.url);
    await client.integrations.create({ name: "V", ai_provider_id: "vertex-ai", slug: "v" });
    expect(posts).toBe(2);
    expect(fake.objects).toHaveLength(1);
  });

  it("adopts when a re-sent create with a client-chosen slug meets 400 'already exists'", async () => {
    // The lookup races the create: the first lookup misses, the re-send then collides.
    const fake = fakeCollection({ collection: "/providers", key: "slug", faults: ["drop"], conflictStatus: 400 });
    let lookups = 0;
    server = await startScriptedServer((req, res) => {
      if (req.method === "GET" && req.path === "/providers/vertex-prod" && lookups++ === 0) return reply(res, 404, { errorCode: "AB08", message: "not yet" });
      return fake.handler(req, res);
    });
    const { client } = testClient(server.url);
    const provider = await client.providers.create({ name: "p", integration_id: "vertex-prod", workspace_id: live.WORKSPACE_UUID, slug: "vertex-prod" });
    expect(provider.id).toBe("id-1");
    expect(fake.objects).toHaveLength(1);
  });

  it("adopts when it gives up on a create whose last, unanswered attempt was applied", async () => {
    // One attempt only: the create is applied, its answer lost, and no re-send is allowed.
    const fake = fakeCollection({ collection: "/admin/workspaces", key: "name", faults: ["drop"] });
    server = await startScriptedServer(fake.handler);
    const { client, events } = testClient(server.url, { maxAttempts: 1 });
    const ws = await client.workspaces.create({ name: "alpha" });
    expect(ws.id).toBe("id-1");
    expect(fake.objects).toHaveLength(1);
    expect(events.some((e) => e.level === "warn" && /failed for good after an ambiguous attempt/.test(e.message))).toBe(true);
  });

  it("looks once more, with fresh retries, when the lookup before a re-send fails for good", async () => {
    const fake = fakeCollection({ collection: "/integrations", key: "slug", faults: ["drop"] });
    let failedLookups = 0;
    server = await startScriptedServer((req, res) => {
      // Both attempts of the first lookup fail; the settling lookup gets through.
      if (req.method === "GET" && failedLookups < 2) {
        failedLookups++;
        return reply(res, 503, { message: "unavailable" });
      }
      return fake.handler(req, res);
    });
    const { client } = testClient(server.url, { maxAttempts: 2 });
    const integration = await client.integrations.create({ name: "V", ai_provider_id: "vertex-ai", slug: "v" });
    expect(integration.id).toBe("id-1");
    expect(fake.objects).toHaveLength(1);
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("says the object may exist when neither the create's answer nor any lookup gets through", async () => {
    const fake = fakeCollection({ collection: "/configs", key: "name", faults: ["drop"] });
    server = await startScriptedServer((req, res) => (req.method === "GET" ? reply(res, 503, { message: "unavailable" }) : fake.handler(req, res)));
    const { client } = testClient(server.url, { maxAttempts: 2 });
    const error = (await client.configs.create({ name: "fallback", config: { strategy: { mode: "single" } }, workspace_id: live.WORKSPACE_UUID }).catch((e: unknown) => e)) as PortkeyApiError;
    expect(error).toBeInstanceOf(PortkeyApiError);
    expect(error.message).toMatch(/config "fallback".* may have been created all the same .*import or delete it/);
    expect(fake.objects).toHaveLength(1);
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("cancelled while waiting to retry an unanswered create: says the object may exist, sends nothing more", async () => {
    const fake = fakeCollection({ collection: "/admin/workspaces", key: "name", faults: ["drop"] });
    server = await startScriptedServer(fake.handler);
    const stop = new AbortController();
    const { client } = testClient(server.url, {
      // StopProvider arrives during the back-off before the re-send.
      sleep: async () => {
        stop.abort();
        throw new Error("aborted");
      },
    });
    const error = (await client.workspaces.create({ name: "alpha" }, { signal: stop.signal }).catch((e: unknown) => e)) as PortkeyApiError;
    expect(error.isCancelled()).toBe(true);
    expect(error.message).toMatch(/cancelled by the caller while waiting to retry an attempt that went unanswered.*workspace "alpha" may have been created all the same/);
    expect(server.requests.map((r) => r.method)).toEqual(["POST"]);
  });

  it("gives up without a lookup when no attempt could have been applied (429 every time)", async () => {
    server = await startScriptedServer((_req, res) => reply(res, 429, { errorCode: "AB06", message: "rate" }));
    const { client } = testClient(server.url, { maxAttempts: 2 });
    const error = (await client.workspaces.create({ name: "alpha" }).catch((e: unknown) => e)) as PortkeyApiError;
    expect(error.status).toBe(429);
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it("reads an adopted object with a second round of retries; never deletes it", async () => {
    const fake = fakeCollection({ collection: "/admin/workspaces", key: "name", faults: ["drop"] });
    let failedReads = 0;
    server = await startScriptedServer((req, res) => {
      // The lookup (a list) finds the workspace; both attempts of the first read of it fail.
      if (req.method === "GET" && req.path !== "/admin/workspaces" && failedReads < 2) {
        failedReads++;
        return reply(res, 503, { message: "unavailable" });
      }
      return fake.handler(req, res);
    });
    const { client } = testClient(server.url, { maxAttempts: 2 });
    expect((await client.workspaces.create({ name: "alpha" })).id).toBe("id-1");
    expect(server.requests.map((r) => r.method)).not.toContain("DELETE");
  });

  it("says an adopted object exists when it cannot be read at all", async () => {
    const fake = fakeCollection({ collection: "/admin/workspaces", key: "name", faults: ["drop"] });
    server = await startScriptedServer((req, res) => (req.method === "GET" && req.path !== "/admin/workspaces" ? reply(res, 503, { message: "unavailable" }) : fake.handler(req, res)));
    const { client } = testClient(server.url, { maxAttempts: 2 });
    await expect(client.workspaces.create({ name: "alpha" })).rejects.toThrow(/workspace "alpha" exists in Portkey .* import it, or delete it, before re-applying/);
    expect(fake.objects).toHaveLength(1);
    expect(server.requests.map((r) => r.method)).not.toContain("DELETE");
  });

  it("does not adopt on a first-attempt 409: the object existed before us", async () => {
    const fake = fakeCollection({ collection: "/integrations", key: "slug", faults: [] });
    fake.objects.push({ id: "someone-elses", slug: "taken", name: "theirs" });
    server = await startScriptedServer(fake.handler);
    const { client } = testClient(server.url);
    const error = await client.integrations.create({ name: "mine", ai_provider_id: "vertex-ai", slug: "taken" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortkeyApiError);
    expect((error as PortkeyApiError).isConflict()).toBe(true);
  });

  it("never re-sends an ambiguous create that has no natural key (unnamed policy)", async () => {
    server = await startScriptedServer((_req, res) => dropConnection(res));
    const { client } = testClient(server.url);
    const error = (await client.usageLimitsPolicies
      .create({ conditions: [{ key: "workspace_id", value: "ws-1" }], group_by: [{ key: "api_key" }], type: "cost", credit_limit: 10 })
      .catch((e: unknown) => e)) as PortkeyApiError;
    expect(error.message).toMatch(/not re-sent/);
    expect(server.requests).toHaveLength(1);
  });

  it("still retries a create refused with 429 without any lookup (not ambiguous)", async () => {
    const fake = fakeCollection({ collection: "/integrations", key: "slug", faults: [] });
    let first = true;
    server = await startScriptedServer((req, res) => {
      if (first) {
        first = false;
        return reply(res, 429, { errorCode: "AB06", message: "rate" });
      }
      return fake.handler(req, res);
    });
    const { client } = testClient(server.url);
    await client.integrations.create({ name: "V", ai_provider_id: "vertex-ai", slug: "v" });
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "POST", "GET"]);
  });

  it("API keys: an adopted key has no secret (the answer carrying it was lost); a fresh one does", async () => {
    const fake = fakeCollection({ collection: "/api-keys", key: "name", faults: ["drop"] });
    server = await startScriptedServer(fake.handler);
    const { client } = testClient(server.url);
    const adopted = await client.apiKeys.create({ type: "workspace", sub_type: "service", name: "alpha", scopes: ["completions.write"], workspace_id: live.WORKSPACE_SLUG });
    expect(adopted).toMatchObject({ adopted: true, secret: undefined, apiKey: { id: "id-1" } });
    expect(server.requests[0].path).toBe("/api-keys/workspace/service");
    expect(server.requests[0].body).not.toHaveProperty("type");

    const fresh = await client.apiKeys.create({ type: "workspace", sub_type: "service", name: "beta", scopes: ["completions.write"], workspace_id: live.WORKSPACE_SLUG });
    expect(fresh).toMatchObject({ adopted: false, secret: "sk-secret-value-2" });
    expect(fake.objects).toHaveLength(2);
  });
});
