/**
 * What counts as gone, for every resource type, against the emulator: an answer that only may
 * mean "deleted" (403 AB03, a 404 without Portkey's not-found envelope) drops an object from
 * state only when one listing confirms it; a live object is never dropped, and a delete keeps
 * the state unless the object is confirmed gone.
 */
import { startEmulator } from "../../../src/cli/emulator";
import type { FaultProfile } from "../../../src/cli/emulator/faults";
import { PortkeyClient, seededRandom } from "../../../src/portkey";
import { silentLogger } from "../../../src/portkey/log";
import { Diagnostics, type ResourceContext, type ResourceDefinition } from "../../../src/provider/framework";
import { apiKeyResource } from "../../../src/provider/resources/api-key";
import { configResource } from "../../../src/provider/resources/config";
import { integrationResource } from "../../../src/provider/resources/integration";
import { integrationModelsResource } from "../../../src/provider/resources/integration-models";
import { integrationWorkspaceAccessResource } from "../../../src/provider/resources/integration-workspace-access";
import { providerResource } from "../../../src/provider/resources/provider";
import { rateLimitsPolicyResource } from "../../../src/provider/resources/rate-limits-policy";
import { usageLimitsPolicyResource } from "../../../src/provider/resources/usage-limits-policy";
import { userInviteResource } from "../../../src/provider/resources/user-invite";
import { virtualKeyResource } from "../../../src/provider/resources/virtual-key";
import { workspaceResource } from "../../../src/provider/resources/workspace";
import { workspaceMemberResource } from "../../../src/provider/resources/workspace-member";
import { FAKE_SERVICE_ACCOUNT } from "../../fixtures/fake-service-account";
import { ProcessMemory } from "../../../src/provider/framework/leftovers";

const ADMIN_KEY = "emu-admin-key-gone-0123456789";
type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;
let client: PortkeyClient;

beforeAll(async () => {
  emulator = await startEmulator({ adminKey: ADMIN_KEY });
  client = new PortkeyClient({ apiKey: ADMIN_KEY, baseUrl: emulator.adminUrl, random: seededRandom(1), baseDelayMs: 1, maxDelayMs: 5 });
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});
afterEach(() => emulator.setFaults({ rules: [] }));

// biome-ignore lint/suspicious/noExplicitAny: one table drives every resource type.
type AnyResource = ResourceDefinition<any, PortkeyClient>;

/** One object of a type, created for real, and what a test needs to know about it. */
interface Made {
  readonly state: Record<string, unknown>;
  /** The request read (GET) sends for it, and the one destroy sends. */
  readonly read: { method: string; path: string };
  readonly remove: { method: string; path: string };
  /** The listing that confirms "gone". */
  readonly listing: string;
  /** The scope named when the key may lack it. */
  readonly scope: string;
  deleteOutOfBand(): Promise<void>;
  exists(): Promise<boolean>;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;
const v1 = (path: string) => `/v1${path}`;

async function workspace() {
  return client.workspaces.create({ name: unique("team") });
}

async function integration(workspaceId?: string) {
  const slug = unique("vertex");
  await client.integrations.create({
    name: slug,
    ai_provider_id: "vertex-ai",
    slug,
    configurations: { vertex_auth_type: "serviceAccount", vertex_region: "us-central1", vertex_service_account_json: FAKE_SERVICE_ACCOUNT },
  });
  if (workspaceId) await client.integrations.putWorkspaces(slug, { workspaces: [{ id: workspaceId, enabled: true, create_default_provider: false }] });
  return slug;
}

const found = (pending: Promise<unknown>) => pending.then(
  () => true,
  () => false,
);

const types: { name: string; resource: AnyResource; make: () => Promise<Made> }[] = [
  {
    name: "portkeyadmin_workspace",
    resource: workspaceResource,
    async make() {
      const ws = await workspace();
      const path = v1(`/admin/workspaces/${ws.id}`);
      return {
        state: { id: ws.id, slug: ws.slug, name: ws.name, force_delete: true },
        read: { method: "GET", path },
        remove: { method: "DELETE", path },
        listing: v1("/admin/workspaces"),
        scope: "workspaces.",
        deleteOutOfBand: () => client.workspaces.delete(ws.id, { forceDelete: true, name: ws.name }),
        exists: () => client.workspaces.list().then((all) => all.some((item) => item.id === ws.id)),
      };
    },
  },
  {
    name: "portkeyadmin_config",
    resource: configResource,
    async make() {
      const ws = await workspace();
      const config = await client.configs.create({ name: unique("cfg"), workspace_id: ws.id, config: { strategy: { mode: "single" }, targets: [{ provider: "@x" }] } });
      const path = v1(`/configs/${config.slug}`);
      return {
        state: { slug: config.slug, id: config.id, workspace_id: ws.id, name: config.name },
        read: { method: "GET", path },
        remove: { method: "DELETE", path },
        listing: v1("/configs"),
        scope: "configs.",
        deleteOutOfBand: () => client.configs.delete(config.slug),
        exists: () => found(client.configs.get(config.slug)),
      };
    },
  },
  {
    name: "portkeyadmin_api_key",
    resource: apiKeyResource,
    async make() {
      const ws = await workspace();
      const created = await client.apiKeys.create({ type: "workspace", sub_type: "service", name: unique("key"), scopes: ["completions.write"], workspace_id: ws.id });
      const path = v1(`/api-keys/${created.apiKey.id}`);
      return {
        state: { id: created.apiKey.id, name: created.apiKey.name, type: "workspace", sub_type: "service", workspace_id: ws.id, key: created.secret },
        read: { method: "GET", path },
        remove: { method: "DELETE", path },
        listing: v1("/api-keys"),
        scope: "workspace_service_api_keys.",
        deleteOutOfBand: () => client.apiKeys.delete(created.apiKey.id),
        exists: () => found(client.apiKeys.get(created.apiKey.id)),
      };
    },
  },
  ...(["usage-limits", "rate-limits"] as const).map((kind) => ({
    name: `portkeyadmin_${kind.replace("-", "_")}_policy`,
    resource: kind === "usage-limits" ? usageLimitsPolicyResource : rateLimitsPolicyResource,
    async make(): Promise<Made> {
      const ws = await workspace();
      const scope = { workspace_id: ws.id, conditions: [{ key: "workspace_id", value: ws.id }], group_by: [{ key: "api_key" }] };
      const policies = kind === "usage-limits" ? client.usageLimitsPolicies : client.rateLimitsPolicies;
      const policy =
        kind === "usage-limits"
          ? await client.usageLimitsPolicies.create({ name: unique("budget"), ...scope, type: "cost", credit_limit: 100 })
          : await client.rateLimitsPolicies.create({ name: unique("rpm"), ...scope, type: "requests", unit: "rpm", value: 60 });
      const path = v1(`/policies/${kind}/${policy.id}`);
      return {
        state: { id: policy.id, name: policy.name, workspace_id: ws.id },
        read: { method: "GET", path },
        remove: { method: "DELETE", path },
        listing: v1(`/policies/${kind}`),
        scope: "policies.",
        deleteOutOfBand: () => policies.delete(policy.id),
        exists: () => policies.get(policy.id).then((read) => read.status !== "archived"),
      };
    },
  })),
  {
    name: "portkeyadmin_provider",
    resource: providerResource,
    async make() {
      const ws = await workspace();
      const provider = await client.providers.create({ name: unique("prov"), integration_id: await integration(ws.id), workspace_id: ws.id, slug: unique("prov") });
      const path = v1(`/providers/${provider.id}`);
      return {
        state: { id: provider.id, slug: provider.slug, workspace_id: ws.id, name: provider.name },
        read: { method: "GET", path },
        remove: { method: "DELETE", path },
        listing: v1("/providers"),
        scope: "providers.",
        deleteOutOfBand: () => client.providers.delete(provider.id, ws.id),
        exists: () => found(client.providers.get(provider.id, ws.id)),
      };
    },
  },
  {
    name: "portkeyadmin_virtual_key",
    resource: virtualKeyResource,
    async make() {
      const ws = await workspace();
      const vk = await client.virtualKeys.create({ name: unique("vk"), provider: "vertex-ai", key: "ya29.legacy-token-abcdef", workspace_id: ws.id, vertexProjectId: "proj", vertexRegion: "us-central1" });
      const path = v1(`/virtual-keys/${vk.slug}`);
      return {
        state: { slug: vk.slug, workspace_id: ws.id, name: vk.name },
        read: { method: "GET", path },
        remove: { method: "DELETE", path },
        listing: v1("/virtual-keys"),
        scope: "virtual_keys.",
        deleteOutOfBand: () => client.virtualKeys.delete(vk.slug),
        exists: () => found(client.virtualKeys.get(vk.slug)),
      };
    },
  },
  {
    name: "portkeyadmin_integration",
    resource: integrationResource,
    async make() {
      const slug = await integration();
      const path = v1(`/integrations/${slug}`);
      return {
        state: { slug, name: slug, workspace_id: null },
        read: { method: "GET", path },
        remove: { method: "DELETE", path },
        listing: v1("/integrations"),
        scope: "organisation_integrations.",
        deleteOutOfBand: () => client.integrations.delete(slug),
        exists: () => found(client.integrations.get(slug)),
      };
    },
  },
  {
    name: "portkeyadmin_integration_models",
    resource: integrationModelsResource,
    async make() {
      const slug = await integration();
      await client.integrations.putModels(slug, { allow_all_models: false, models: [{ slug: "gemini-2.5-pro", enabled: true }] });
      const path = v1(`/integrations/${slug}/models`);
      return {
        state: { id: slug, integration_slug: slug, allow_all_models: false, models: ["gemini-2.5-pro"] },
        read: { method: "GET", path },
        remove: { method: "PUT", path },
        listing: v1("/integrations"),
        scope: "organisation_integrations.",
        deleteOutOfBand: () => client.integrations.delete(slug),
        exists: () => client.integrations.getModels(slug).then((models) => !models.allow_all_models, () => false),
      };
    },
  },
  {
    name: "portkeyadmin_integration_workspace_access",
    resource: integrationWorkspaceAccessResource,
    async make() {
      const ws = await workspace();
      const slug = await integration(ws.id);
      const path = v1(`/integrations/${slug}/workspaces`);
      return {
        state: { id: `${slug}/${ws.id}`, integration_slug: slug, workspace_id: ws.id, workspace_slug: ws.slug },
        read: { method: "GET", path },
        remove: { method: "PUT", path },
        listing: v1("/integrations"),
        scope: "organisation_integrations.",
        deleteOutOfBand: () => client.integrations.delete(slug),
        exists: () =>
          client.integrations.listWorkspaces(slug).then(
            (listing) => listing.workspaces.some((entry) => entry.enabled && (entry.id === ws.id || entry.id === ws.slug)),
            () => false,
          ),
      };
    },
  },
  {
    name: "portkeyadmin_user_invite",
    resource: userInviteResource,
    async make() {
      const email = `${unique("dev")}@example.com`;
      const invite = await client.invites.create({ email, role: "member" });
      const path = v1(`/admin/users/invites/${invite.id}`);
      return {
        state: { id: invite.id, email, role: "member", status: "pending", user_id: null },
        read: { method: "GET", path },
        remove: { method: "DELETE", path },
        listing: v1("/admin/users/invites"),
        scope: "organisation_users.",
        deleteOutOfBand: () => client.invites.delete(invite.id),
        exists: () => found(client.invites.get(invite.id)),
      };
    },
  },
  {
    name: "portkeyadmin_workspace_member",
    resource: workspaceMemberResource,
    async make() {
      const ws = await workspace();
      const email = `${unique("dev")}@example.com`;
      const userId = String(emulator.acceptInvite((await client.invites.create({ email, role: "member" })).id).id);
      await client.workspaceMembers.add(ws.id, userId, "member");
      const path = v1(`/admin/workspaces/${ws.id}/users/${userId}`);
      return {
        state: { id: `${ws.id}/${userId}`, workspace_id: ws.id, user_id: userId, email, role: "member" },
        read: { method: "GET", path },
        remove: { method: "DELETE", path },
        listing: v1(`/admin/workspaces/${ws.id}/users`),
        scope: "workspace_users.",
        deleteOutOfBand: () => client.workspaceMembers.remove(ws.id, userId),
        exists: () => found(client.workspaceMembers.get(ws.id, userId)),
      };
    },
  },
];

function context(): ResourceContext<PortkeyClient> {
  return { typeName: "test", diagnostics: new Diagnostics(), log: silentLogger, signal: new AbortController().signal, client, memory: new ProcessMemory() };
}

type FaultRule = NonNullable<FaultProfile["rules"]>[number];
const answer = (rule: { method: string; path: string }, status: number): FaultRule[] => [{ method: rule.method, path: rule.path, fault: { kind: "status", status } }];

describe.each(types)("$name: what counts as gone", ({ resource, make }) => {
  const read = (made: Made) => resource.read(made.state as never, context() as never);
  const destroy = (made: Made) => resource.delete(made.state as never, context() as never);

  it("a live object answering 403 AB03 on read is not dropped: the error says the key lacks the read scope", async () => {
    const made = await make();
    emulator.setFaults({ rules: answer(made.read, 403) });
    await expect(read(made)).rejects.toThrow(new RegExp(`still lists it.*${made.scope.replace(".", "\\.")}read`));
    emulator.setFaults({ rules: [] });
    expect(await made.exists()).toBe(true);
  });

  it("a 403 AB03 on read that the listing cannot confirm (403 too) is an error naming both causes and the scope", async () => {
    const made = await make();
    emulator.setFaults({ rules: [...answer(made.read, 403), ...answer({ method: "GET", path: made.listing }, 403)] });
    const error = await read(made).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toContain("deleted out of band, or the admin key lost the scope");
    expect(error?.message).toContain(`${made.scope}read`);
    expect(error?.message).toContain("Nothing was dropped from the state");
  });

  it("an object really deleted out of band and answering 403 AB03 is dropped (the plan re-creates it)", async () => {
    const made = await make();
    await made.deleteOutOfBand();
    emulator.setFaults({ rules: answer(made.read, 403) });
    expect(await read(made)).toBeNull();
  });

  it("a 404 without Portkey's not-found answer: a live object is kept (error), a deleted one is dropped", async () => {
    const made = await make();
    emulator.setFaults({ rules: answer(made.read, 404) });
    await expect(read(made)).rejects.toThrow(/still lists it/);
    emulator.setFaults({ rules: [] });
    await made.deleteOutOfBand();
    emulator.setFaults({ rules: answer(made.read, 404) });
    expect(await read(made)).toBeNull();
  });

  it("a delete answered 403 AB03 keeps the state (error) while the object lives, and succeeds once it is confirmed gone", async () => {
    const made = await make();
    emulator.setFaults({ rules: answer(made.remove, 403) });
    await expect(destroy(made)).rejects.toThrow(/still lists it/);
    emulator.setFaults({ rules: [] });
    expect(await made.exists()).toBe(true);
    await made.deleteOutOfBand();
    emulator.setFaults({ rules: answer(made.remove, 403) });
    await expect(destroy(made)).resolves.toBeUndefined();
  });
});

describe("a workspace-scoped object whose workspace was deleted out of band", () => {
  it("is dropped when its listing answers 403 AB03 and the workspace is absent from the workspaces listing", async () => {
    const ws = await workspace();
    const config = await client.configs.create({ name: unique("cfg"), workspace_id: ws.id, config: { strategy: { mode: "single" }, targets: [{ provider: "@x" }] } });
    await client.workspaces.delete(ws.id, { forceDelete: true, name: ws.name });
    emulator.setFaults({ rules: answer({ method: "GET", path: v1(`/configs/${config.slug}`) }, 403) });
    const state = { slug: config.slug, workspace_id: ws.id, name: config.name };
    expect(await configResource.read(state as never, context() as never)).toBeNull();
  });

  it("is kept (error naming both causes) when the listing answers 403 but the workspace is still listed", async () => {
    const ws = await workspace();
    const config = await client.configs.create({ name: unique("cfg"), workspace_id: ws.id, config: { strategy: { mode: "single" }, targets: [{ provider: "@x" }] } });
    emulator.setFaults({ rules: [...answer({ method: "GET", path: v1(`/configs/${config.slug}`) }, 403), ...answer({ method: "GET", path: v1("/configs") }, 403)] });
    const state = { slug: config.slug, workspace_id: ws.id, name: config.name };
    await expect(configResource.read(state as never, context() as never)).rejects.toThrow(/lost the scope configs\.read/);
  });
});

describe("the request budget of a confirmation", () => {
  const sent = (before: number) => emulator.requests().slice(before).map((r) => `${r.method} ${r.path}`);

  it("adds one listing to a read answered 403 AB03, and the workspaces listing only when that listing answers 403 too", async () => {
    const ws = await workspace();
    const config = await client.configs.create({ name: unique("cfg"), workspace_id: ws.id, config: { strategy: { mode: "single" }, targets: [{ provider: "@x" }] } });
    const state = { slug: config.slug, workspace_id: ws.id, name: config.name };
    const get = `GET /v1/configs/${config.slug}`;
    emulator.setFaults({ rules: answer({ method: "GET", path: v1(`/configs/${config.slug}`) }, 403) });
    let before = emulator.requests().length;
    await expect(configResource.read(state as never, context() as never)).rejects.toThrow(/still lists it/);
    expect(sent(before)).toEqual([get, "GET /v1/configs"]);
    emulator.setFaults({ rules: [...answer({ method: "GET", path: v1(`/configs/${config.slug}`) }, 403), ...answer({ method: "GET", path: v1("/configs") }, 403)] });
    before = emulator.requests().length;
    await expect(configResource.read(state as never, context() as never)).rejects.toThrow(/lost the scope/);
    expect(sent(before)).toEqual([get, "GET /v1/configs", "GET /v1/admin/workspaces"]);
  });
});

describe("a normal refresh", () => {
  it("is still one GET: the listing runs only after an answer that may mean gone", async () => {
    const ws = await workspace();
    const before = emulator.requests().length;
    await workspaceResource.read({ id: ws.id, name: ws.name, force_delete: true } as never, context() as never);
    expect(emulator.requests().slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/admin/workspaces/${ws.id}`]);
  });
});
