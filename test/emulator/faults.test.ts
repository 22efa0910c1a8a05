/**
 * Fault injection: every fault kind, per route, seeded, and changeable at run time. The
 * "succeed but drop the response" fault is the one that proves a client never duplicates: the
 * write happens, the client sees a network error, and only a lookup (not a blind retry) is safe.
 */
import { pathMatches } from "../../src/cli/emulator/faults";
import { type Api, client, start, useEmulator } from "./harness";

const suite = useEmulator();
const api: Api = (...args) => suite.api(...args);

const createWorkspace = (name = "Team A") => api("POST", "/v1/admin/workspaces", { name });

describe("status faults", () => {
  it("answers 429 with Retry-After and an AB06 body without performing the write, then recovers", async () => {
    suite.emulator.setFaults({ rules: [{ method: "POST", path: "/v1/admin/workspaces", fault: { kind: "status", status: 429, retryAfterSeconds: 2 }, times: 1 }] });
    const limited = await createWorkspace();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.body.data.errorCode).toBe("AB06");
    expect(suite.emulator.counts().workspaces).toBe(0);
    expect((await createWorkspace()).status).toBe(200);
    expect(suite.emulator.counts().workspaces).toBe(1);
  });

  it("injects 500, 502 and 503 on the matching route only, after letting the first N through", async () => {
    suite.emulator.setFaults({
      rules: [
        { method: "GET", path: "/v1/admin/workspaces/:id", fault: { kind: "status", status: 502 }, after: 1 },
        { path: "/v1/configs/**", fault: { kind: "status", status: 503 } },
        { method: "GET", path: "/v1/integrations", fault: { kind: "status", status: 500 } },
      ],
    });
    const { body: ws } = await createWorkspace();
    expect((await api("GET", `/v1/admin/workspaces/${ws.id}`)).status).toBe(200);
    expect((await api("GET", `/v1/admin/workspaces/${ws.id}`)).status).toBe(502);
    expect((await api("GET", "/v1/configs/pc-x-000000/versions")).status).toBe(503);
    const internal = await api("GET", "/v1/integrations");
    expect(internal).toMatchObject({ status: 500, body: { success: false, data: { errorCode: "AB04" } } });
    expect((await api("GET", "/v1/admin/workspaces")).status).toBe(200);
  });
});

describe("connection faults", () => {
  it("drops the connection before any response and performs nothing", async () => {
    suite.emulator.setFaults({ rules: [{ method: "POST", path: "/v1/admin/workspaces", fault: { kind: "drop" }, times: 1 }] });
    await expect(createWorkspace()).rejects.toThrow(/fetch failed/);
    expect(suite.emulator.counts().workspaces).toBe(0);
    expect(suite.emulator.requests().at(-1)).toMatchObject({ method: "POST", path: "/v1/admin/workspaces", status: null, fault: "drop" });
  });

  it("performs the write and then drops the response: exactly one object, and a blind retry would duplicate it", async () => {
    suite.emulator.setFaults({ rules: [{ method: "POST", path: "/v1/admin/workspaces", fault: { kind: "dropResponse" }, times: 1 }] });
    await expect(createWorkspace("Only once")).rejects.toThrow(/fetch failed/);
    expect(suite.emulator.counts().workspaces).toBe(1);
    expect(suite.emulator.duplicates()).toEqual([]);
    expect(suite.emulator.requests().at(-1)).toMatchObject({ status: null, fault: "dropResponse" });

    // What a careless client would do: the duplicate is visible to the inspection API.
    await createWorkspace("Only once");
    expect(suite.emulator.duplicates()).toEqual([{ kind: "workspace", naturalKey: "name=Only once", ids: expect.arrayContaining([expect.any(String), expect.any(String)]) }]);
  });

  it("answers 200 with a body that is not JSON, performing nothing", async () => {
    suite.emulator.setFaults({ rules: [{ path: "/v1/admin/workspaces", fault: { kind: "malformed" } }] });
    const response = await createWorkspace();
    expect(response.status).toBe(200);
    expect(typeof response.body).toBe("string");
    expect(() => JSON.parse(response.body)).toThrow();
    expect(suite.emulator.counts().workspaces).toBe(0);
  });
});

describe("latency", () => {
  it("adds per-route latency", async () => {
    suite.emulator.setFaults({ rules: [{ method: "GET", path: "/v1/admin/workspaces", fault: { kind: "latency", ms: 120 } }] });
    const started = Date.now();
    await api("GET", "/v1/admin/workspaces");
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    expect(suite.emulator.requests().at(-1)?.durationMs).toBeGreaterThanOrEqual(115);
  });

  it("adds the global latencyMs option to every request", async () => {
    const slow = await start({ latencyMs: 80 });
    try {
      const started = Date.now();
      await client(slow)("GET", "/v1/admin/workspaces");
      expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    } finally {
      await slow.close();
    }
  });
});

describe("seeded determinism", () => {
  async function sequence(seed: number): Promise<number[]> {
    const instance = await start({ seed, faults: { rules: [{ method: "GET", path: "/v1/admin/workspaces", fault: { kind: "status", status: 503 }, probability: 0.5 }] } });
    try {
      const call = client(instance);
      const statuses: number[] = [];
      for (let index = 0; index < 16; index++) statuses.push((await call("GET", "/v1/admin/workspaces")).status);
      return statuses;
    } finally {
      await instance.close();
    }
  }

  it("replays the same fault sequence for the same seed, and another for another seed", async () => {
    const first = await sequence(42);
    expect(await sequence(42)).toEqual(first);
    expect(first).toContain(200);
    expect(first).toContain(503);
    expect(await sequence(7)).not.toEqual(first);
  });
});

describe("changing faults at run time over HTTP", () => {
  it("accepts a profile at PUT /_emulator/faults and rejects a bad one naming the field", async () => {
    const set = await api("PUT", "/_emulator/faults", { rules: [{ path: "/v1/api-keys", fault: { kind: "status", status: 503 } }] });
    expect(set.status).toBe(200);
    expect((await api("GET", "/v1/api-keys")).status).toBe(503);
    expect((await api("GET", "/_emulator/faults")).body.rules).toHaveLength(1);
    const bad = await api("PUT", "/_emulator/faults", { rules: [{ path: "v1/x", fault: { kind: "explode" } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.data.message).toContain("rules.0.path");
    await api("PUT", "/_emulator/faults", { rules: [] });
    expect((await api("GET", "/v1/api-keys")).status).toBe(200);
  });

  it("never applies faults to the inspection endpoints", async () => {
    suite.emulator.setFaults({ rules: [{ path: "/**", fault: { kind: "status", status: 500 } }] });
    expect((await api("GET", "/_emulator/counts")).status).toBe(200);
    expect((await api("GET", "/v1/admin/workspaces")).status).toBe(500);
  });
});

describe("path patterns", () => {
  it("matches literal segments, :name and * for one segment, ** for the rest", () => {
    expect(pathMatches("/v1/configs/:slug", "/v1/configs/pc-a-1")).toBe(true);
    expect(pathMatches("/v1/configs/:slug", "/v1/configs/pc-a-1/versions")).toBe(false);
    expect(pathMatches("/v1/*/workspaces", "/v1/integrations/workspaces")).toBe(true);
    expect(pathMatches("/v1/**", "/v1/api-keys/abc/rotate")).toBe(true);
    expect(pathMatches("/v1/configs", "/v1/configs/x")).toBe(false);
  });
});
