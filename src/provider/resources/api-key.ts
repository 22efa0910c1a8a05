/**
 * portkeyadmin_api_key: a Portkey API key (fact sheet §6), by default a workspace service key
 * with only `completions.write`, which is what Claude Code needs to call the gateway.
 * Import id: the key id (UUID). The secret cannot be imported: `key` is null after import until
 * `rotation_trigger` changes. Portkey names the key's config by UUID; an import stores its slug
 * (`pc-…`, the form configurations use), found with one listing of the workspace's configs.
 * The UUID is kept too (`config_uuid`, recorded on create, update and import): a refresh compares
 * it with the API's, so a key bound to another config out of band shows as drift.
 */
import type { ApiKey, PortkeyClient } from "../../portkey";
import { attr, defineResource, isUnknown, type Model, type PlanModel, type ResourceContext, types, unknown } from "../framework";
import { checkScopes, DEFAULT_SCOPES } from "./api-key-scopes";
import { apiKeyCreateBody, apiKeyFromWire, apiKeyUpdateBody, checkApiKeyConfig, isUuid, rotates } from "./api-key-wire";
import { deleteUnlessGone, readUnlessGone } from "./gone";
import { apiKeyCheck } from "./gone-checks";
import { oneOf, usageLimitAttributes } from "./limits";
import { apiKeyLeftover } from "./leftover-lookups";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_TRANSITION_MS = 1_800_000;

/** API keys take more rate-limit units than other objects (fact sheet §2.2). */
export const apiKeyRateLimitAttributes = {
  type: attr.string().required().describe('"requests" or "tokens".').validate(oneOf(["requests", "tokens"], 'must be "requests" or "tokens"')),
  unit: attr
    .string()
    .required()
    .describe('"rps", "rpm", "rph", "rpd" or "rpw".')
    .validate(oneOf(["rps", "rpm", "rph", "rpd", "rpw"], 'must be "rps", "rpm", "rph", "rpd" or "rpw" (per second, minute, hour, day, week)')),
  value: attr.number().required().describe("Allowed per unit; 0 blocks traffic.").validate((n) => (n < 0 || !Number.isInteger(n) ? "value must be a whole number ≥ 0" : undefined)),
};

export const apiKeyAttributes = {
  id: attr.string().computed().useStateForUnknown().describe("API key id (UUID); the import id."),
  name: attr
    .string()
    .required()
    .describe("Key name, shown in the Portkey dashboard.")
    .validate((name) => (name.trim() === "" ? "name must not be empty" : name.length > 100 ? "name must be at most 100 characters" : undefined)),
  description: attr
    .string()
    .optional()
    .describe("Free text.")
    .validate((text) => (text.length > 200 ? "description must be at most 200 characters" : undefined)),
  type: attr
    .string()
    .optionalComputed()
    .default("workspace")
    .requiresReplace()
    .describe('"workspace" (default: locked to one workspace, can call the gateway) or "organisation" (an Admin key). Changing it re-creates the key.')
    .validate(oneOf(["workspace", "organisation"], 'must be "workspace" or "organisation"')),
  sub_type: attr
    .string()
    .optionalComputed()
    .default("service")
    .requiresReplace()
    .describe('"service" (default) or "user" (needs `user_id`; workspace keys only). Changing it re-creates the key.')
    .validate(oneOf(["service", "user"], 'must be "service" or "user"')),
  workspace_id: attr
    .string()
    .optional()
    .requiresReplace()
    .describe("Workspace id or slug; required for workspace keys. Changing it re-creates the key (and its secret)."),
  user_id: attr.string().optional().requiresReplace().describe("The user (UUID) a user key belongs to; changing it re-creates the key."),
  scopes: attr
    .set(types.string)
    .optionalComputed()
    .default(DEFAULT_SCOPES)
    .describe('Permissions. Default `["completions.write"]`: call the gateway and nothing else, the least Claude Code needs.')
    .validate(checkScopes),
  metadata: attr
    .map(types.string)
    .optional()
    .describe("Default request metadata for every request made with this key (values ≤ 128 chars); workspace metadata wins over it.")
    .validate((m: Record<string, string>) => {
      const long = Object.entries(m).find(([, v]) => v.length > 128);
      return long ? `metadata.${long[0]} is longer than 128 characters (Portkey's limit)` : undefined;
    }),
  config_id: attr
    .string()
    .optional()
    .describe(
      "Default gateway config (slug `pc-…` or UUID) applied to every request made with this key. Portkey reports the config by UUID: the form set here is kept, and an import stores the slug. A key bound to another config out of band reads back as that config's UUID, and the plan binds it back.",
    ),
  config_uuid: attr
    .string()
    .computed()
    .useStateForUnknown()
    .describe("The bound config's UUID as Portkey reports it; used to detect a key rebound out of band."),
  allow_config_override: attr
    .bool()
    .optionalComputed()
    .useStateForUnknown()
    .describe("Whether a request may name another config than `config_id` (Portkey's default: true). Only meaningful with `config_id`."),
  usage_limits: attr.object(usageLimitAttributes).optional().describe("Budget of this key."),
  rate_limits: attr.listNested(apiKeyRateLimitAttributes).optional().describe("Rate limits of this key."),
  expires_at: attr
    .string()
    .optional()
    .describe("Expiry time (RFC 3339, e.g. `2030-01-31T00:00:00Z`); unset means no expiry (or the workspace's maximum TTL).")
    .validate((at) => (RFC3339.test(at) && !Number.isNaN(Date.parse(at)) ? undefined : `expires_at must be an RFC 3339 time such as 2030-01-31T00:00:00Z; got "${at}"`)),
  alert_emails: attr
    .list(types.string)
    .optional()
    .describe("Who gets budget alerts.")
    .validate((emails: string[]) => {
      const bad = emails.find((email) => !EMAIL.test(email));
      return bad === undefined ? undefined : `alert_emails: "${bad}" is not an email address`;
    }),
  rotation_trigger: attr
    .string()
    .optional()
    .describe(
      "Any string; changing it to a new value rotates the key: Portkey issues a new secret (in `key`) and the previous one keeps working for the transition period. Feed it e.g. a `time_rotating` timestamp. Removing it does not rotate.",
    ),
  key_transition_period_ms: attr
    .number()
    .optional()
    .describe("How long the previous secret stays valid after a rotation, in milliseconds (at least 1800000 = 30 minutes, Portkey's default).")
    .validate((ms) => (Number.isInteger(ms) && ms >= MIN_TRANSITION_MS ? undefined : `key_transition_period_ms must be a whole number of at least ${MIN_TRANSITION_MS} (30 minutes)`)),
  key: attr
    .string()
    .computed()
    .sensitive()
    .useStateForUnknown()
    .describe(
      "The secret (for `ANTHROPIC_AUTH_TOKEN`). Known only after create or a rotation: Portkey masks it on every read, so it is null after `terraform import`, and stays null (an update plans no change to it) until `rotation_trigger` changes.",
    ),
  key_transition_expires_at: attr.string().computed().useStateForUnknown().describe("After the last rotation, when the previous secret stops working."),
  status: attr.string().computed().describe('"active", "exhausted" (budget used up) or "expired".'),
  created_at: attr.string().computed().useStateForUnknown().describe("Creation time (RFC 3339)."),
};

export type ApiKeyModel = Model<typeof apiKeyAttributes>;

/**
 * The slug (`pc-…`) of the config with this UUID, from one listing of the workspace's configs
 * (whether `GET /configs/{uuid}` works is unconfirmed, fact sheet §8.1). Keeps the UUID, with a
 * warning, when the listing does not have the config or cannot be read.
 */
async function configSlug(uuid: string, workspaceId: string | undefined, ctx: ResourceContext<PortkeyClient>): Promise<string> {
  let problem: string;
  try {
    const configs = await ctx.client.configs.list(workspaceId === undefined ? {} : { workspace_id: workspaceId }, { signal: ctx.signal });
    const found = configs.find((config) => config.id === uuid);
    if (found) return found.slug;
    problem = `the config listing of workspace "${workspaceId ?? "(none)"}" does not have it`;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    problem = (error as Error).message;
  }
  ctx.diagnostics.warning(
    "API key config kept as its UUID",
    `Could not find the slug of the key's config ${uuid}: ${problem}. config_id keeps the UUID; a configuration naming the config by slug plans one in-place update of config_id (to the same config).`,
    ["config_id"],
  );
  return uuid;
}

/**
 * A key whose secret nobody holds (adopted after an ambiguous or garbled create, or left by a
 * killed apply): delete it and create it again, so the lost secret stops at once. A rotation
 * would keep it valid for the transition (30 minutes at least) and refuse the team's own next
 * rotation that long. Only if the new create is adopted too is the key rotated instead.
 */
async function replaceLostKey(id: string, planned: ApiKeyModel, ctx: ResourceContext<PortkeyClient>, why: string): Promise<Partial<ApiKeyModel>> {
  await deleteUnlessGone(() => ctx.client.apiKeys.delete(id, { signal: ctx.signal }), apiKeyCheck(ctx.client, { ...planned, id }, "delete", ctx.signal));
  const created = await ctx.client.apiKeys.create(apiKeyCreateBody(planned), { signal: ctx.signal });
  ctx.log.log("warn", "portkeyadmin_api_key: replaced a key whose secret was lost", { replaced: id, id: String(created.apiKey.id) });
  const replacement = apiKeyFromWire(created.apiKey, planned, "write");
  if (created.secret !== undefined) return { ...replacement, key: created.secret, key_transition_expires_at: null };
  try {
    const period = planned.key_transition_period_ms;
    const rotated = await ctx.client.apiKeys.rotate(String(created.apiKey.id), period === null ? {} : { key_transition_period_ms: period }, { signal: ctx.signal });
    return { ...replacement, key: rotated.secret, key_transition_expires_at: rotated.key_transition_expires_at ?? null };
  } catch (error) {
    ctx.diagnostics.warning(
      "API key secret unknown",
      `${why} for "${planned.name}", but its secret was lost; its replacement's was lost too and rotating it failed (${error instanceof Error ? error.message : String(error)}). Change rotation_trigger to issue a new secret.`,
      ["key"],
    );
    return { ...replacement, key: null, key_transition_expires_at: null };
  }
}

export const apiKeyResource = defineResource<typeof apiKeyAttributes, PortkeyClient>({
  typeName: "portkeyadmin_api_key",
  schema: {
    description: "A Portkey API key: by default a workspace service key that can only call the gateway (`completions.write`), as Claude Code needs. Rotate it with `rotation_trigger`.",
    attributes: apiKeyAttributes,
  },

  validate(config, ctx) {
    checkApiKeyConfig(config, (message, path) => ctx.diagnostics.error(`Invalid value for ${path}`, message, [path]));
  },

  plan({ config, prior, planned }, ctx) {
    if (prior === null) return undefined;
    // A default (type/sub_type left unset) counts as a change too: the API cannot convert a key.
    for (const name of ["type", "sub_type"] as const) {
      if (config[name] === null && planned[name] !== prior[name]) ctx.requireReplace([name]);
    }
    const trigger = config.rotation_trigger;
    const rotation = isUnknown(trigger) || rotates(trigger, prior.rotation_trigger);
    // Only a rotation changes the secret: otherwise keep it as it is, null included (an imported
    // key), where useStateForUnknown alone would plan a null one "(known after apply)".
    const next: PlanModel<typeof apiKeyAttributes> = rotation
      ? { ...planned, key: unknown, key_transition_expires_at: unknown }
      : { ...planned, key: prior.key, key_transition_expires_at: prior.key_transition_expires_at };
    // The stored UUID holds while config_id does (and while Portkey has not rebound the key: a
    // refresh that sees another UUID changes config_id); a new config_id is bound on apply.
    const configId = config.config_id;
    if (configId === null) next.config_uuid = null;
    else if (isUnknown(configId) || configId !== prior.config_id) next.config_uuid = unknown;
    return next;
  },

  findLeftover: (planned, ctx) => apiKeyLeftover(planned, ctx),

  async create(planned, ctx) {
    const created = await ctx.client.apiKeys.create(apiKeyCreateBody(planned), { signal: ctx.signal });
    if (created.secret !== undefined) return { ...apiKeyFromWire(created.apiKey, planned, "write"), key: created.secret, key_transition_expires_at: null };
    return replaceLostKey(String(created.apiKey.id), planned, ctx, "The create request failed ambiguously and the key it had made was adopted");
  },

  async read(state, ctx) {
    // The secret is in state: scrub it from anything this process logs or reports.
    ctx.client.secrets.add(state.key);
    const wire = await readUnlessGone(
      () => ctx.client.apiKeys.get(String(state.id), { signal: ctx.signal }),
      apiKeyCheck(ctx.client, { ...state, id: String(state.id) }, "read", ctx.signal),
    );
    if (wire === undefined) return null;
    const current = apiKeyFromWire(wire, state);
    // `name` is required, so only a state fresh from import lacks it: the one read that has no
    // config form to keep, and so the one that looks the slug up (a refresh stays one GET).
    // config_uuid keeps the UUID the API answered, for later refreshes to compare.
    if (state.name === null && current.config_id && isUuid(current.config_id)) {
      current.config_id = await configSlug(current.config_id, wire.workspace_id, ctx);
    }
    return current;
  },

  async update({ planned, prior, adopted }, ctx) {
    // A leftover of a killed apply: nobody holds its secret (it never reached state).
    if (adopted === true) return replaceLostKey(String(prior.id), planned, ctx, "A killed apply had left this key");
    const id = String(prior.id);
    const body = apiKeyUpdateBody(planned);
    const changed = JSON.stringify(body) !== JSON.stringify(apiKeyUpdateBody(prior));
    const rotate = rotates(planned.rotation_trigger, prior.rotation_trigger);
    // One read of the result, whatever was sent: the PUT's own read-back unless a rotation follows.
    let current: ApiKey | undefined;
    if (changed && rotate) await ctx.client.apiKeys.update(id, body, { signal: ctx.signal, readBack: false });
    else if (changed) current = await ctx.client.apiKeys.update(id, body, { signal: ctx.signal });
    let key = prior.key;
    let transition = prior.key_transition_expires_at;
    if (rotate) {
      const period = planned.key_transition_period_ms;
      const rotated = await ctx.client.apiKeys.rotate(id, period === null ? {} : { key_transition_period_ms: period }, { signal: ctx.signal });
      key = rotated.secret;
      transition = rotated.key_transition_expires_at ?? null;
    }
    current ??= await ctx.client.apiKeys.get(id, { signal: ctx.signal });
    return { ...apiKeyFromWire(current, planned, "write"), key, key_transition_expires_at: transition };
  },

  async delete(state, ctx) {
    await deleteUnlessGone(
      () => ctx.client.apiKeys.delete(String(state.id), { signal: ctx.signal }),
      apiKeyCheck(ctx.client, { ...state, id: String(state.id) }, "delete", ctx.signal),
    );
  },

  async import(id) {
    return { id };
  },
});
