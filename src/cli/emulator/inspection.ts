/**
 * What tests (and curious humans) can ask the emulator about itself: a state dump with secrets
 * masked, object counts, duplicates by natural key (the objects a non-idempotent retry would
 * create twice), and the request logs. Served under `/_emulator/` and as methods on the handle.
 */
import type { JsonObject } from "./json";
import type { Store } from "./state/store";
import { apiKeyView, configView, integrationView, policyView, providerView, workspaceView } from "./state/views";

/** Live objects: an archived policy (what DELETE leaves, still readable) does not count. */
export interface ObjectCounts {
  readonly workspaces: number;
  readonly integrations: number;
  readonly providers: number;
  readonly configs: number;
  readonly apiKeys: number;
  readonly usageLimitsPolicies: number;
  readonly rateLimitsPolicies: number;
}

export interface EmulatorSnapshot {
  readonly organisationId: string;
  readonly counts: ObjectCounts;
  readonly workspaces: JsonObject[];
  readonly integrations: JsonObject[];
  readonly providers: JsonObject[];
  readonly configs: JsonObject[];
  readonly apiKeys: JsonObject[];
  readonly policies: JsonObject[];
}

/** Users, invites and memberships, as the Admin API shows them (kept apart from ObjectCounts). */
export interface MembersSnapshot {
  readonly users: JsonObject[];
  readonly invites: JsonObject[];
  readonly members: JsonObject[];
}

export function membersSnapshot(store: Store): MembersSnapshot {
  const s = store.state;
  return {
    users: s.users.map((item) => ({ ...item })),
    invites: s.invites.map((item) => ({ ...item, workspaces: item.workspaces.map((grant) => ({ ...grant })) })),
    members: s.members.map((item) => ({ ...item })),
  };
}

export interface DuplicateGroup {
  readonly kind: "invite" | "workspace" | "integration" | "provider" | "config" | "api-key" | "usage-limits-policy" | "rate-limits-policy";
  /** The natural key shared by every object in the group, e.g. `workspace=<uuid> name=Team A`. */
  readonly naturalKey: string;
  readonly ids: string[];
}

export function counts(store: Store): ObjectCounts {
  const s = store.state;
  return {
    workspaces: s.workspaces.length,
    integrations: s.integrations.length,
    providers: s.providers.length,
    configs: s.configs.length,
    apiKeys: s.apiKeys.length,
    usageLimitsPolicies: s.policies.filter((item) => item.kind === "usage-limits" && item.status !== "archived").length,
    rateLimitsPolicies: s.policies.filter((item) => item.kind === "rate-limits" && item.status !== "archived").length,
  };
}

export function snapshot(store: Store): EmulatorSnapshot {
  const s = store.state;
  return {
    organisationId: s.organisation_id,
    counts: counts(store),
    workspaces: s.workspaces.map((item) => workspaceView(item, store)),
    integrations: s.integrations.map((item) => integrationView(item, store)),
    providers: s.providers.map((item) => providerView(item, store)),
    configs: s.configs.map((item) => configView(item, store, true)),
    apiKeys: s.apiKeys.map((item) => apiKeyView(item, store)),
    policies: s.policies.map((item) => policyView(item, store)),
  };
}

/** Groups of two or more live objects sharing a natural key. */
export function duplicates(store: Store): DuplicateGroup[] {
  const s = store.state;
  const keyed: Array<[DuplicateGroup["kind"], string, string]> = [
    ...s.workspaces.map((ws): [DuplicateGroup["kind"], string, string] => ["workspace", `name=${ws.name}`, ws.id]),
    ...s.integrations.map((item): [DuplicateGroup["kind"], string, string] => ["integration", `name=${item.name} ai_provider_id=${item.ai_provider_id}`, item.id]),
    ...s.providers.map((item): [DuplicateGroup["kind"], string, string] => ["provider", `workspace=${item.workspace_id} integration=${item.integration_id} name=${item.name}`, item.id]),
    ...s.configs.map((item): [DuplicateGroup["kind"], string, string] => ["config", `workspace=${item.workspace_id} name=${item.name}`, item.id]),
    ...s.apiKeys.map((item): [DuplicateGroup["kind"], string, string] => ["api-key", `workspace=${item.workspace_id} type=${item.type}-${item.sub_type} name=${item.name}`, item.id]),
    ...s.policies
      .filter((item) => item.status === "active")
      .map((item): [DuplicateGroup["kind"], string, string] => [
        item.kind === "usage-limits" ? "usage-limits-policy" : "rate-limits-policy",
        `workspace=${item.workspace_id} name=${item.name ?? ""} conditions=${JSON.stringify(item.fields.conditions)}`,
        item.id,
      ]),
    // Two pending invites for one email: what a blindly re-sent invite would leave.
    ...s.invites.filter((item) => item.status === "pending").map((item): [DuplicateGroup["kind"], string, string] => ["invite", `email=${item.email.toLowerCase()}`, item.id]),
  ];
  const groups = new Map<string, DuplicateGroup>();
  for (const [kind, naturalKey, id] of keyed) {
    const mapKey = `${kind}\u0000${naturalKey}`;
    const group = groups.get(mapKey) ?? { kind, naturalKey, ids: [] };
    group.ids.push(id);
    groups.set(mapKey, group);
  }
  return [...groups.values()].filter((group) => group.ids.length > 1);
}
