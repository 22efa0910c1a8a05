/**
 * The member resources' create and plan rules against the emulator: an invite is never sent
 * for an existing user or a second time for a pending email (adopted when the role agrees,
 * refused with the import command when not); a member needs an email or a user id; an email
 * that names another person replaces the membership, one that differs only in case does not.
 */
import { startEmulator } from "../../../src/cli/emulator";
import { PortkeyClient, seededRandom } from "../../../src/portkey";
import { silentLogger } from "../../../src/portkey/log";
import { Diagnostics, type ResourceContext, unknown } from "../../../src/provider/framework";
import { userInviteResource } from "../../../src/provider/resources/user-invite";
import { workspaceMemberResource } from "../../../src/provider/resources/workspace-member";
import { ProcessMemory } from "../../../src/provider/framework/leftovers";

const ADMIN_KEY = "emu-admin-key-members-0123456789";
let emulator: Awaited<ReturnType<typeof startEmulator>>;
let client: PortkeyClient;

beforeAll(async () => {
  emulator = await startEmulator({ adminKey: ADMIN_KEY });
  client = new PortkeyClient({ apiKey: ADMIN_KEY, baseUrl: emulator.adminUrl, random: seededRandom(1), baseDelayMs: 1, maxDelayMs: 5 });
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});
beforeEach(() => emulator.reset());

function context(): ResourceContext<PortkeyClient> & { diagnostics: Diagnostics } {
  return { typeName: "test", diagnostics: new Diagnostics(), log: silentLogger, signal: new AbortController().signal, client, memory: new ProcessMemory() };
}

const posts = () => emulator.requests().filter((r) => r.method === "POST").length;
const planned = (email: string, role = "member") => ({ id: null, email, role, workspaces: null, status: null, user_id: null, created_at: null, expires_at: null });
const prior = { id: "ws/u1", workspace_id: "ws", email: "ana@example.com", user_id: "u1", role: "member", created_at: "t" };

describe("portkeyadmin_user_invite create", () => {
  it("adopts a pending invite for the same email and role instead of sending a second", async () => {
    const existing = await client.invites.create({ email: "ana@example.com", role: "member" });
    const before = posts();
    const ctx = context();
    const created = await userInviteResource.create(planned("Ana@Example.com") as never, ctx as never);
    expect(created).toMatchObject({ id: existing.id, email: "Ana@Example.com", status: "pending" });
    expect(posts()).toBe(before);
    expect(JSON.stringify(ctx.diagnostics)).toContain("adopted");
  });

  it("refuses a pending invite with another role, naming the import command", async () => {
    const existing = await client.invites.create({ email: "ana@example.com", role: "admin" });
    await expect(userInviteResource.create(planned("ana@example.com") as never, context() as never)).rejects.toThrow(`terraform import <this resource's address> ${existing.id}`);
  });

  it("refuses to invite an existing user, sending nothing, and points at portkeyadmin_workspace_member", async () => {
    emulator.acceptInvite((await client.invites.create({ email: "ana@example.com", role: "member" })).id);
    const before = posts();
    await expect(userInviteResource.create(planned("ana@example.com") as never, context() as never)).rejects.toThrow(/already a user.*portkeyadmin_workspace_member/);
    expect(posts()).toBe(before);
  });
});

describe("portkeyadmin_workspace_member plan", () => {
  it("requires email or user_id", () => {
    const ctx = context();
    workspaceMemberResource.validate?.({ id: unknown, workspace_id: "ws-x", email: null, user_id: null, role: "member", created_at: unknown } as never, ctx as never);
    expect(JSON.stringify(ctx.diagnostics)).toContain("Set email");
  });

  it("plans a replacement with an unknown user_id when the email names another person", async () => {
    const replaced: unknown[] = [];
    const config = { ...prior, id: unknown, email: "bo@example.com", user_id: null, created_at: unknown };
    const next = await workspaceMemberResource.plan?.(
      { config, prior, planned: { ...prior, email: "bo@example.com" } } as never,
      { ...context(), requireReplace: (path: unknown) => replaced.push(path) } as never,
    );
    expect(replaced).toEqual([["email"]]);
    expect((next as { user_id: unknown }).user_id).toBe(unknown);
  });

  it("plans no replacement for an email that differs only in case", async () => {
    const replaced: unknown[] = [];
    const config = { ...prior, id: unknown, email: "ANA@example.com", user_id: null, created_at: unknown };
    await workspaceMemberResource.plan?.({ config, prior, planned: { ...prior, email: "ANA@example.com" } } as never, { ...context(), requireReplace: (path: unknown) => replaced.push(path) } as never);
    expect(replaced).toEqual([]);
  });
});
