/**
 * Issue 13, class 4: a create the server performs after the client gave up. The first POST
 * times out (the emulator performs it late), the look-up before the re-send finds nothing, the
 * re-send creates: then the client waits, looks again, and deletes the late twin. Every type
 * whose natural key the server does not keep unique (an invite's email included), against the
 * project's emulator.
 */
import { startEmulator } from "../../src/cli/emulator";
import { abortableSleep, type LogEvent, type LogLevel, PortkeyClient, seededRandom } from "../../src/portkey";

const ADMIN_KEY = "emu-admin-key-late-0123456789";
const TIMEOUT_MS = 300;
/** Later than the client's timeout, sooner than its settle wait after the re-send. */
const LATE_MS = 450;

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;
let client: PortkeyClient;
const events: LogEvent[] = [];
let workspaceId: string;

beforeAll(async () => {
  emulator = await startEmulator({ adminKey: ADMIN_KEY });
  const logger = { isEnabled: (_level: LogLevel) => true, log: (level: LogLevel, message: string, fields = {}) => events.push({ level, message, fields }) };
  client = new PortkeyClient({ apiKey: ADMIN_KEY, baseUrl: emulator.adminUrl, random: seededRandom(3), baseDelayMs: 1, maxDelayMs: 5, timeoutMs: TIMEOUT_MS, sleep: abortableSleep, logger });
  workspaceId = (await client.workspaces.create({ name: "late-twins" })).id;
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});
beforeEach(() => {
  events.length = 0;
});

const lateOnce = (path: string) => emulator.setFaults({ rules: [{ method: "POST", path, fault: { kind: "performLate", ms: LATE_MS }, times: 1 }] });

/** Each case: the route to slow down, the create, and every live object of that name afterwards. */
const cases: [string, string, () => Promise<string>, () => Promise<string[]>][] = [
  [
    "workspace",
    "/v1/admin/workspaces",
    async () => (await client.workspaces.create({ name: "late-ws" })).id,
    async () => (await client.workspaces.list()).filter((w) => w.name === "late-ws").map((w) => w.id),
  ],
  [
    "config",
    "/v1/configs",
    async () => (await client.configs.create({ name: "late-config", workspace_id: workspaceId, config: { retry: { attempts: 2 } } })).slug,
    async () => (await client.configs.list({ workspace_id: workspaceId })).filter((c) => c.name === "late-config").map((c) => c.slug),
  ],
  [
    "API key",
    "/v1/api-keys/:type/:subType",
    async () => String((await client.apiKeys.create({ type: "workspace", sub_type: "service", name: "late-key", scopes: ["completions.write"], workspace_id: workspaceId })).apiKey.id),
    async () => (await client.apiKeys.list({ workspace_id: workspaceId })).filter((k) => k.name === "late-key").map((k) => String(k.id)),
  ],
  [
    "usage-limits policy",
    "/v1/policies/usage-limits",
    async () => (await client.usageLimitsPolicies.create({ name: "late budget", workspace_id: workspaceId, conditions: [{ key: "workspace_id", value: workspaceId }], group_by: [{ key: "api_key" }], type: "cost", credit_limit: 10 })).id,
    async () => (await client.usageLimitsPolicies.list({ workspace_id: workspaceId })).filter((p) => p.name === "late budget").map((p) => p.id),
  ],
  [
    "rate-limits policy",
    "/v1/policies/rate-limits",
    async () => (await client.rateLimitsPolicies.create({ name: "late rpm", workspace_id: workspaceId, conditions: [{ key: "workspace_id", value: workspaceId }], group_by: [{ key: "api_key" }], type: "requests", unit: "rpm", value: 60 })).id,
    async () => (await client.rateLimitsPolicies.list({ workspace_id: workspaceId })).filter((p) => p.name === "late rpm").map((p) => p.id),
  ],
  [
    "virtual key",
    "/v1/virtual-keys",
    async () => (await client.virtualKeys.create({ name: "late vk", provider: "vertex-ai", key: "ya29.late-token-abcdef", workspace_id: workspaceId, vertexProjectId: "proj", vertexRegion: "us-central1" })).slug,
    async () => (await client.virtualKeys.list({ workspace_id: workspaceId })).filter((v) => v.name === "late vk").map((v) => v.slug),
  ],
  [
    "invite",
    "/v1/admin/users/invites",
    async () => (await client.invites.create({ email: "late@example.com", role: "member" })).id,
    async () => (await client.invites.list({ email: "late@example.com", status: "pending" })).map((i) => i.id),
  ],
];

describe("a create performed after the client gave up", () => {
  it.each(cases)("%s: the late twin is deleted, exactly the object returned remains", async (_type, path, create, live) => {
    lateOnce(path);
    const ours = await create();
    // Long after the late attempt landed: nothing else is on its way.
    await abortableSleep(LATE_MS);
    expect(emulator.requests().some((r) => r.fault === "performLate")).toBe(true);
    expect(await live()).toEqual([ours]);
    expect(events.filter((e) => e.message.includes("deleted a twin"))).toHaveLength(1);
  });

  it("an object of the same name that was there before the re-send is not taken for a twin", async () => {
    const older = await client.configs.create({ name: "shared-name", workspace_id: workspaceId, config: { retry: { attempts: 1 } } });
    lateOnce("/v1/configs");
    // The look-up before the re-send finds the older one and adopts it (the name is the key);
    // the late attempt's object is the twin, the older one stays.
    const ours = await client.configs.create({ name: "shared-name", workspace_id: workspaceId, config: { retry: { attempts: 1 } } });
    await abortableSleep(LATE_MS);
    const left = (await client.configs.list({ workspace_id: workspaceId })).filter((c) => c.name === "shared-name").map((c) => c.slug);
    expect(ours.slug).toBe(older.slug);
    expect(left).toEqual([older.slug]);
  });
});
