/**
 * The request path: auth header, JSON, base URL, retries with backoff and Retry-After,
 * bounds, timeout and cancellation.
 */
import { Agent } from "undici";
import { PortkeyApiError, PortkeyClient } from "../../src/portkey";
import { ADMIN_KEY, testClient } from "./support/client";
import { dropConnection, inOrder, reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server";

const workspaceBody = { id: "0f4c2f1e-1111-4a2b-9c3d-000000000001", slug: "ws-produc-a1b2c3", name: "Production", object: "workspace" };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failure(pending: Promise<unknown>): Promise<PortkeyApiError> {
  try {
    await pending;
  } catch (error) {
    if (error instanceof PortkeyApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("request path", () => {
  it("sends the admin key header and JSON, and tolerates a trailing slash on the base URL", async () => {
    server = await startScriptedServer(inOrder((_req, res) => reply(res, 200, {}), (_req, res) => reply(res, 200, workspaceBody)));
    const { client } = testClient(`${server.url}/`);
    const fresh = await client.workspaces.update(workspaceBody.id, { description: "prod" });

    const [put, get] = server.requests;
    expect(put.method).toBe("PUT");
    expect(put.path).toBe(`/admin/workspaces/${workspaceBody.id}`);
    expect(put.headers["x-portkey-api-key"]).toBe(ADMIN_KEY);
    expect(put.headers["content-type"]).toBe("application/json");
    expect(put.body).toEqual({ description: "prod" });
    expect(get.method).toBe("GET");
    expect(get.headers["content-type"]).toBeUndefined();
    expect(fresh.name).toBe("Production");
  });

  it("uses an injected dispatcher and leaves closing it to its owner", async () => {
    server = await startScriptedServer((_req, res) => reply(res, 200, workspaceBody));
    const agent = new Agent();
    let dispatched = 0;
    const counting = agent.compose((dispatch) => (options, handler) => {
      dispatched++;
      return dispatch(options, handler);
    });
    const { client } = testClient(server.url, { dispatcher: counting });
    await client.workspaces.get("ws-1");
    await client.close();
    expect(dispatched).toBe(1);
    await expect(client.workspaces.get("ws-1")).resolves.toMatchObject({ id: workspaceBody.id });
    await agent.close();
  });

  it("rejects a base URL that is not a URL, naming the option", () => {
    expect(() => new PortkeyClient({ apiKey: ADMIN_KEY, baseUrl: "api.portkey.ai" })).toThrow(/baseUrl is not a URL/);
    expect(() => new PortkeyClient({ apiKey: "" })).toThrow(/apiKey is empty/);
    expect(() => new PortkeyClient({ apiKey: " " })).toThrow(/apiKey holds only spaces or line breaks/);
  });
});

describe("retries", () => {
  it("waits exactly the Retry-After seconds on 429, then succeeds", async () => {
    server = await startScriptedServer(inOrder((_req, res) => reply(res, 429, { errorCode: "AB06", message: "slow down" }, { "retry-after": "2" }), (_req, res) => reply(res, 200, workspaceBody)));
    const { client, sleeps } = testClient(server.url);
    await expect(client.workspaces.get("ws-1")).resolves.toMatchObject({ id: workspaceBody.id });
    expect(sleeps).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
  });

  it("honours Retry-After given as an HTTP date", async () => {
    const now = Date.parse("2026-06-11T12:00:00Z");
    server = await startScriptedServer(inOrder((_req, res) => reply(res, 503, "busy", { "retry-after": "Thu, 11 Jun 2026 12:00:03 GMT" }), (_req, res) => reply(res, 200, workspaceBody)));
    const { client, sleeps } = testClient(server.url, { now: () => now });
    await client.workspaces.get("ws-1");
    expect(sleeps).toEqual([3000]);
  });

  it("retries 500, 502 and 503 with full-jitter backoff under the cap", async () => {
    server = await startScriptedServer(
      inOrder(
        (_req, res) => reply(res, 500, { success: false, data: { message: "boom", errorCode: "AB04" } }),
        (_req, res) => reply(res, 502, "<html>bad gateway</html>"),
        (_req, res) => reply(res, 503, {}),
        (_req, res) => reply(res, 200, workspaceBody),
      ),
    );
    const { client, sleeps } = testClient(server.url, { baseDelayMs: 100, maxDelayMs: 250 });
    await client.workspaces.get("ws-1");
    expect(server.requests).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    // Ceilings 100, 200, 250 (capped); full jitter draws in [0, ceiling).
    sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan([100, 200, 250][i]);
    });
  });

  it("retries a connection reset", async () => {
    server = await startScriptedServer(inOrder((_req, res) => dropConnection(res), (_req, res) => reply(res, 200, workspaceBody)));
    const { client, events } = testClient(server.url);
    await expect(client.workspaces.get("ws-1")).resolves.toMatchObject({ slug: "ws-produc-a1b2c3" });
    expect(events.filter((e) => e.level === "warn")).toHaveLength(1);
  });

  it.each([
    [400, "AB01"],
    [401, "AB05"],
    [404, "AB08"],
    [501, undefined],
  ])("does not retry HTTP %i", async (status, code) => {
    server = await startScriptedServer((_req, res) => reply(res, status, { errorCode: code, message: "no" }));
    const { client } = testClient(server.url);
    const error = await failure(client.workspaces.get("ws-1"));
    expect(error).toMatchObject({ kind: "http", status, code, attempts: 1 });
    expect(error.isRetryable()).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it("stops after maxAttempts and reports the attempt count", async () => {
    server = await startScriptedServer((_req, res) => reply(res, 503, { message: "down" }));
    const { client } = testClient(server.url, { maxAttempts: 3 });
    const error = await failure(client.workspaces.get("ws-1"));
    expect(server.requests).toHaveLength(3);
    expect(error).toMatchObject({ status: 503, attempts: 3, method: "GET", path: "/admin/workspaces/ws-1" });
    expect(error.message).toContain("gave up after 3 attempts");
  });

  it("stops when the next sleep would exceed maxTotalMs", async () => {
    server = await startScriptedServer((_req, res) => reply(res, 429, { message: "later" }, { "retry-after": "10" }));
    const { client, sleeps } = testClient(server.url, { maxTotalMs: 5000, maxAttempts: 10 });
    const error = await failure(client.workspaces.get("ws-1"));
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(error.status).toBe(429);
  });
});

describe("timeouts and cancellation", () => {
  it("times out an attempt that gets no answer, and retries it", async () => {
    server = await startScriptedServer(inOrder(() => undefined, (_req, res) => reply(res, 200, workspaceBody)));
    const { client } = testClient(server.url, { timeoutMs: 100 });
    await expect(client.workspaces.get("ws-1")).resolves.toMatchObject({ name: "Production" });
    expect(server.requests).toHaveLength(2);
  });

  it("reports a timeout with kind 'timeout' once attempts run out", async () => {
    server = await startScriptedServer(() => undefined);
    const { client } = testClient(server.url, { timeoutMs: 50, maxAttempts: 2 });
    const error = await failure(client.workspaces.get("ws-1"));
    expect(error.kind).toBe("timeout");
    expect(error.isTimeout()).toBe(true);
    expect(error.message).toMatch(/timed out after 50 ms/);
    expect(error.attempts).toBe(2);
  });

  it("cancels an in-flight request when the caller's signal aborts", async () => {
    server = await startScriptedServer(() => undefined);
    const { client } = testClient(server.url, { timeoutMs: 10_000 });
    const controller = new AbortController();
    const pending = client.workspaces.get("ws-1", { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = await failure(pending);
    expect(error.kind).toBe("cancelled");
    expect(error.message).toMatch(/was cancelled/);
    expect(server.requests).toHaveLength(1);
  });

  it("cancels a backoff sleep and sends nothing more", async () => {
    server = await startScriptedServer((_req, res) => reply(res, 503, {}));
    const controller = new AbortController();
    // Real timer sleep: the abort must cut a 60 s backoff short.
    const { client } = testClient(server.url, { sleep: undefined, baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.99 });
    const started = Date.now();
    const pending = client.workspaces.get("ws-1", { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error.isCancelled()).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
    await client.close();
  });
});

describe("logging", () => {
  it("logs each request at debug and each retry at warn, with method, path, status, attempt and duration", async () => {
    server = await startScriptedServer(inOrder((_req, res) => reply(res, 502, {}), (_req, res) => reply(res, 200, workspaceBody)));
    const { client, events } = testClient(server.url);
    await client.workspaces.get("ws-1");
    const debug = events.filter((e) => e.level === "debug");
    expect(debug.map((e) => e.fields.status)).toEqual([502, 200]);
    expect(debug[1].fields).toMatchObject({ method: "GET", path: "/admin/workspaces/ws-1", attempt: 2, durationMs: expect.any(Number) });
    const warn = events.filter((e) => e.level === "warn");
    expect(warn).toHaveLength(1);
    expect(warn[0].fields).toMatchObject({ attempt: 1, status: 502, delayMs: expect.any(Number) });
  });
});
