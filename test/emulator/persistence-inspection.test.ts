/**
 * Persistence (restart with the same file keeps everything, secrets included, file mode 0600,
 * atomic rewrite), all-or-nothing writes, and the `/_emulator/` inspection endpoints.
 */
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../../src/cli/emulator";
import { ADMIN_KEY, client, SERVICE_ACCOUNT, seedTeam, start } from "./harness";
import { removeTestDir, testDir } from "../support/run-root";

let dir: string;
beforeEach(() => {
  dir = testDir("portkey-emulator-");
});
afterEach(() => removeTestDir(dir));

async function gatewayStatus(url: string, key: string, provider: string): Promise<number> {
  const response = await fetch(`${url}/v1/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "x-portkey-provider": `@${provider}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "claude-sonnet-4-5@20250929", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe("persistence", () => {
  it("keeps every object and the gateway secrets across a restart, in a 0600 file rewritten atomically", async () => {
    const stateFile = join(dir, "state.json");
    const first = await start({ stateFile });
    const team = await seedTeam(client(first));
    const before = first.snapshot();
    await first.close();
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["state.json"]);

    const second = await start({ stateFile });
    try {
      expect(second.snapshot()).toEqual(before);
      const api = client(second);
      expect((await api("GET", `/v1/admin/workspaces/${team.workspace.id}`)).body.slug).toBe(team.workspace.slug);
      expect(await gatewayStatus(second.url, team.key, team.providerSlug)).toBe(200);
      await api("DELETE", `/v1/api-keys/${team.keyId}`);
    } finally {
      await second.close();
    }
    const third = await start({ stateFile });
    expect(third.counts().apiKeys).toBe(0);
    await third.close();
  });

  it("refuses a state file that is not emulator state, naming the file", async () => {
    const stateFile = join(dir, "state.json");
    writeFileSync(stateFile, JSON.stringify({ hello: "world" }));
    await expect(startEmulator({ adminKey: ADMIN_KEY, stateFile })).rejects.toThrow(`state file ${stateFile} does not hold emulator state`);
  });
});

describe("all-or-nothing writes", () => {
  it("rolls back a bulk access grant when one entry fails", async () => {
    const emulator = await start();
    const api = client(emulator);
    try {
      const a = (await api("POST", "/v1/admin/workspaces", { name: "A" })).body;
      const b = (await api("POST", "/v1/admin/workspaces", { name: "B" })).body;
      const configurations = { vertex_auth_type: "serviceAccount", vertex_region: "us-east5", vertex_service_account_json: SERVICE_ACCOUNT };
      await api("POST", "/v1/integrations", { name: "other", ai_provider_id: "vertex-ai", slug: "other", configurations });
      await api("POST", "/v1/integrations", { name: "prod", ai_provider_id: "vertex-ai", slug: "vertex-prod", configurations });
      await api("PUT", "/v1/integrations/other/workspaces", { workspaces: [{ id: b.id, enabled: true, default_provider_slug: "vertex-prod" }] });
      const counts = emulator.counts();

      const clash = await api("PUT", "/v1/integrations/vertex-prod/workspaces", { workspaces: [{ id: a.id, enabled: true }, { id: b.id, enabled: true }] });
      expect(clash.status).toBe(409);
      expect(emulator.counts()).toEqual(counts);
      expect((await api("GET", "/v1/integrations/vertex-prod/workspaces")).body.total).toBe(0);
    } finally {
      await emulator.close();
    }
  });
});

describe("inspection endpoints", () => {
  it("require the admin key", async () => {
    const emulator = await start();
    try {
      expect((await client(emulator, "wrong-key-123")("GET", "/_emulator/state")).status).toBe(401);
    } finally {
      await emulator.close();
    }
  });

  it("dump state with secrets masked, count objects, list duplicates and requests, and reset", async () => {
    const emulator = await start();
    const api = client(emulator);
    try {
      const team = await seedTeam(api);
      await api("POST", "/v1/configs", { name: "twice", workspace_id: team.workspace.id, config: {} });
      await api("POST", "/v1/configs", { name: "twice", workspace_id: team.workspace.id, config: {} });

      const state = await api("GET", "/_emulator/state");
      expect(state.body.counts).toMatchObject({ workspaces: 1, integrations: 1, providers: 1, configs: 2, apiKeys: 1 });
      expect(JSON.stringify(state.body)).not.toContain(team.key);
      expect(JSON.stringify(state.body)).not.toContain("PRIVATE KEY");
      expect((await api("GET", "/_emulator/counts")).body).toEqual(emulator.counts());
      expect((await api("GET", "/_emulator/duplicates")).body).toEqual([{ kind: "config", naturalKey: `workspace=${team.workspace.id} name=twice`, ids: expect.any(Array) }]);

      const log = (await api("GET", "/_emulator/requests")).body;
      expect(log[0]).toEqual({ seq: 1, at: expect.any(String), method: "POST", path: "/v1/admin/workspaces", query: "", status: 200, durationMs: expect.any(Number) });
      expect(log.some((entry: { path: string }) => entry.path.startsWith("/_emulator"))).toBe(false);

      expect((await api("POST", "/_emulator/reset")).status).toBe(200);
      expect(emulator.counts()).toEqual({ workspaces: 0, integrations: 0, providers: 0, configs: 0, apiKeys: 0, usageLimitsPolicies: 0, rateLimitsPolicies: 0 });
      expect(emulator.requests()).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});
