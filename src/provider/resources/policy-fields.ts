/**
 * What usage-limits and rate-limits policies share (fact sheet §7.2, §7.3): who a policy applies
 * to (`conditions`), what it counts separately (`group_by`), and the read-back rules.
 */
import { attr } from "../framework";

const POLICY_KEY = /^(api_key|organisation_id|workspace_id|metadata\.[A-Za-z0-9_.-]+)$/;

export function checkPolicyKey(key: string): string | undefined {
  return POLICY_KEY.test(key)
    ? undefined
    : `key "${key}" is not a policy key: use "api_key", "workspace_id", "organisation_id" or "metadata.<field>" (e.g. "metadata._user" for the developer)`;
}

/** The attributes both policy kinds start with; fresh builders on each call. */
export function policyScopeAttributes() {
  return {
    id: attr.string().computed().useStateForUnknown().describe("Policy id (UUID); the import id."),
    name: attr
      .string()
      .optionalComputed()
      .useStateForUnknown()
      .describe("Policy name, shown in the Portkey dashboard. The API cannot clear a name: removing it keeps the current one.")
      .validate((name) => (name.trim() === "" ? "name must not be empty (remove it instead)" : name.length > 255 ? "name must be at most 255 characters" : undefined)),
    workspace_id: attr.string().optional().requiresReplace().describe("Workspace id or slug the policy lives in; changing it re-creates the policy."),
    conditions: attr
      .listNested({
        key: attr.string().required().describe('"api_key", "workspace_id", "organisation_id" or "metadata.<field>".').validate(checkPolicyKey),
        value: attr.string().required().describe("The value the key must have, e.g. a workspace id."),
      })
      .required()
      .requiresReplace()
      .describe("Which requests the policy applies to: all conditions must match. The API cannot change them: changing them re-creates the policy.")
      .validate((items: unknown[]) => (items.length === 0 ? "conditions needs at least one {key, value} (Portkey answers 400 otherwise)" : undefined)),
    group_by: attr
      .listNested({
        key: attr.string().required().describe('What to count separately: "api_key", "workspace_id", "organisation_id" or "metadata.<field>" (e.g. "metadata._user": per developer).').validate(checkPolicyKey),
      })
      .required()
      .requiresReplace()
      .describe("One limit per distinct value of these keys. Changing it re-creates the policy.")
      .validate((items: unknown[]) => (items.length === 0 ? 'group_by needs at least one {key}, e.g. { key = "api_key" }' : undefined)),
    status: attr.string().computed().useStateForUnknown().describe('"active" (an archived policy is re-created).'),
    created_at: attr.string().computed().useStateForUnknown().describe("Creation time (RFC 3339)."),
  };
}

interface WirePolicy {
  id: string;
  name?: string;
  conditions: { key: string; value: string }[];
  group_by: { key: string }[];
  status?: string;
  workspace_id?: string;
  created_at?: string;
}

interface PriorScope {
  workspace_id?: string | null;
  name?: string | null;
}

/** Deleting a policy archives it, and an archived one still reads back: that is "gone". */
export function isArchived(policy: { status?: string }): boolean {
  return policy.status === "archived";
}

export function policyScopeFromWire(wire: WirePolicy, prior: PriorScope) {
  return {
    id: wire.id,
    name: wire.name ?? prior.name ?? null,
    // Portkey reads back the UUID even when the slug was sent (§1.7 #2): keep the caller's form.
    workspace_id: prior.workspace_id ?? wire.workspace_id ?? null,
    conditions: wire.conditions.map(({ key, value }) => ({ key, value })),
    group_by: wire.group_by.map(({ key }) => ({ key })),
    status: wire.status ?? "active",
    created_at: wire.created_at ?? null,
  };
}

export function policyScopeToWire(planned: {
  name: string | null;
  workspace_id: string | null;
  conditions: { key: string; value: string }[];
  group_by: { key: string }[];
}) {
  return {
    conditions: planned.conditions.map(({ key, value }) => ({ key, value })),
    group_by: planned.group_by.map(({ key }) => ({ key })),
    ...(planned.name === null ? {} : { name: planned.name }),
    ...(planned.workspace_id === null ? {} : { workspace_id: planned.workspace_id }),
  };
}
