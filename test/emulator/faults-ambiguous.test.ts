/**
 * The answer-shaping faults of issue 13: a performed write answered 2xx with a body the client
 * cannot use (every variant), a write performed after the client gave up, and an error status
 * with a chosen code or envelope on a read of a live object (the request is not performed).
 */
import { garbledVariants } from "../../src/cli/emulator/faults";
import { type Api, useEmulator } from "./harness";

const suite = useEmulator();
const api: Api = (...args) => suite.api(...args);

const createWorkspace = (name = "Team A") => api("POST", "/v1/admin/workspaces", { name });

describe("garbled 2xx answers on a performed write", () => {
  it.each(garbledVariants)("%s: the object is created, the status is the route's, the body is unusable", async (variant) => {
    suite.emulator.setFaults({ rules: [{ method: "POST", path: "/v1/admin/workspaces", fault: { kind: "garbled", variant }, times: 1 }] });
    const answer = await createWorkspace(`Garbled ${variant}`);
    expect(answer.status).toBe(200);
    expect(suite.emulator.counts().workspaces).toBe(1);
    const body = answer.body;
    const usable = typeof body === "object" && body !== null && !Array.isArray(body) && typeof body.id === "string";
    expect(usable).toBe(false);
    expect(suite.emulator.requests().at(-1)).toMatchObject({ method: "POST", status: 200, fault: "garbled" });
    // The next request is answered normally.
    expect((await createWorkspace("Next")).body.id).toEqual(expect.any(String));
  });

  it("gives each variant its own shape", async () => {
    const shapes: Record<string, unknown> = {};
    for (const variant of garbledVariants) {
      suite.emulator.setFaults({ rules: [{ method: "POST", path: "/v1/admin/workspaces", fault: { kind: "garbled", variant } }] });
      shapes[variant] = (await createWorkspace(`Shape ${variant}`)).body;
    }
    expect(shapes.html).toMatch(/<html>/);
    expect(shapes.empty).toBeUndefined();
    expect(shapes.null).toBeNull();
    expect(shapes.array).toEqual([]);
    expect(typeof shapes.truncated).toBe("string");
    expect(() => JSON.parse(shapes.truncated as string)).toThrow();
    expect(shapes["no-id"]).toEqual(expect.objectContaining({ name: expect.stringContaining("Shape no-id") }));
    expect(shapes["no-id"]).not.toHaveProperty("id");
    expect(shapes["no-id"]).not.toHaveProperty("slug");
    expect(shapes["wrong-types"]).toEqual(expect.objectContaining({ id: 12345, slug: expect.objectContaining({ value: expect.any(String) }) }));
  });

  it("garbles reads too, and leaves error answers alone", async () => {
    const { body: ws } = await createWorkspace();
    suite.emulator.setFaults({ rules: [{ method: "GET", path: "/v1/admin/workspaces/:id", fault: { kind: "garbled", variant: "null" } }] });
    expect(await api("GET", `/v1/admin/workspaces/${ws.id}`)).toMatchObject({ status: 200, body: null });
    expect((await api("GET", "/v1/admin/workspaces/ws-missing-000000")).status).toBeGreaterThanOrEqual(400);
  });
});

describe("performLate", () => {
  it("performs the write after the client gave up", async () => {
    suite.emulator.setFaults({ rules: [{ method: "POST", path: "/v1/admin/workspaces", fault: { kind: "performLate", ms: 300 }, times: 1 }] });
    const request = fetch(`${suite.emulator.url}/v1/admin/workspaces`, {
      method: "POST",
      headers: { "x-portkey-api-key": "test-admin-key-0123456789", "content-type": "application/json" },
      body: JSON.stringify({ name: "Late" }),
      signal: AbortSignal.timeout(80),
    });
    await expect(request).rejects.toThrow();
    expect(suite.emulator.counts().workspaces).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(suite.emulator.counts().workspaces).toBe(1);
    expect(suite.emulator.requests().at(-1)).toMatchObject({ method: "POST", status: null, fault: "performLate" });
  });

  it("answers normally when the client waited", async () => {
    suite.emulator.setFaults({ rules: [{ method: "POST", path: "/v1/admin/workspaces", fault: { kind: "performLate", ms: 100 } }] });
    const started = Date.now();
    const answer = await createWorkspace("Patient");
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(answer).toMatchObject({ status: 200, body: { id: expect.any(String) } });
    expect(suite.emulator.counts().workspaces).toBe(1);
  });
});

describe("hang", () => {
  it("performs the write and never answers, until the socket is closed after `ms`", async () => {
    suite.emulator.setFaults({ rules: [{ method: "POST", path: "/v1/admin/workspaces", fault: { kind: "hang", ms: 400 }, times: 1 }] });
    const started = Date.now();
    const request = fetch(`${suite.emulator.url}/v1/admin/workspaces`, {
      method: "POST",
      headers: { "x-portkey-api-key": "test-admin-key-0123456789", "content-type": "application/json" },
      body: JSON.stringify({ name: "Hung" }),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(suite.emulator.counts().workspaces).toBe(1);
    expect(suite.emulator.requests().at(-1)).toMatchObject({ method: "POST", status: null, fault: "hang" });
    await expect(request).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });
});

describe("status faults with a code and an envelope", () => {
  it("answers 403 AB03 with a chosen message on a read of a live object", async () => {
    const { body: ws } = await createWorkspace();
    suite.emulator.setFaults({ rules: [{ method: "GET", path: "/v1/admin/workspaces/:id", fault: { kind: "status", status: 403, code: "AB03", message: "Scope missing." } }] });
    expect(await api("GET", `/v1/admin/workspaces/${ws.id}`)).toMatchObject({ status: 403, body: { success: false, data: { errorCode: "AB03", message: "Scope missing." } } });
    expect(suite.emulator.counts().workspaces).toBe(1);
  });

  it("answers 404 without a body, and 403 as an HTML page", async () => {
    const { body: ws } = await createWorkspace();
    suite.emulator.setFaults({ rules: [{ method: "GET", path: "/v1/admin/workspaces/:id", fault: { kind: "status", status: 404, envelope: "empty" }, times: 1 }] });
    expect(await api("GET", `/v1/admin/workspaces/${ws.id}`)).toMatchObject({ status: 404, body: undefined });
    suite.emulator.setFaults({ rules: [{ method: "DELETE", path: "/v1/admin/workspaces/:id", fault: { kind: "status", status: 403, envelope: "html" } }] });
    const html = await api("DELETE", `/v1/admin/workspaces/${ws.id}`);
    expect(html.status).toBe(403);
    expect(html.headers.get("content-type")).toBe("text/html");
    expect(suite.emulator.counts().workspaces).toBe(1);
  });

  it("refuses a code that is not an Admin API code, naming the field", async () => {
    const bad = await api("PUT", "/_emulator/faults", { rules: [{ path: "/v1/x", fault: { kind: "status", status: 403, code: "forbidden" } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.data.message).toContain("rules.0.fault.code");
  });
});
