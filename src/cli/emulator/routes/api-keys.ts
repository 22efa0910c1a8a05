/**
 * `/v1/api-keys` (fact sheet §6). The secret is returned only by create and rotate; every read
 * masks it. Rotation keeps the previous secret valid for the transition window, and the store
 * records both so the gateway accepts either until the window closes.
 */
import { z } from "zod";
import { conflict, invalid } from "../errors";
import { apiKeySecret, now, uuid } from "../ids";
import type { JsonObject } from "../json";
import { owners, resetBudgets } from "../limits/budgets";
import { parse, type Route, route } from "../router";
import type { ApiKeyRecord } from "../state/records";
import type { Store } from "../state/store";
import { apiKeyView } from "../state/views";
import { asJsonArray, asJsonObject, listEnvelope, optionalWorkspaceFilter, rateLimitsSchema, requireWorkspace, usageLimitsSchema } from "./shared";

/** Minimum and default transition window (fact sheet §6.3). */
export const MIN_TRANSITION_MS = 1_800_000;

const defaultsSchema = z.object({
  metadata: z.record(z.string(), z.string().max(128)).optional(),
  config_id: z.string().min(1).nullable().optional(),
  allow_config_override: z.boolean().optional(),
});

const rotationPolicy = z
  .object({
    rotation_period: z.enum(["weekly", "monthly"]).optional(),
    next_rotation_at: z.iso.datetime({ offset: true }).optional(),
    key_transition_period_ms: z.number().int().min(MIN_TRANSITION_MS).optional(),
  })
  .refine((policy) => Boolean(policy.rotation_period) !== Boolean(policy.next_rotation_at), {
    message: "send exactly one of rotation_period and next_rotation_at",
  });

const fields = {
  name: z.string().min(1).max(100),
  description: z.string().max(200).nullable().optional(),
  scopes: z.array(z.string().min(1)).min(1, "at least one scope is required, e.g. [\"completions.write\"]"),
  rate_limits: z.array(rateLimitsSchema).nullable().optional(),
  usage_limits: usageLimitsSchema.nullable().optional(),
  defaults: defaultsSchema.optional(),
  alert_emails: z.array(z.email()).nullable().optional(),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
  rotation_policy: rotationPolicy.nullable().optional(),
};

const createBody = z.object({ ...fields, workspace_id: z.string().optional(), user_id: z.string().optional(), organisation_id: z.string().optional() });
const updateBody = z.object({ ...fields, name: fields.name.optional(), scopes: fields.scopes.optional(), reset_usage: z.boolean().optional() });
const pathParams = z.object({ type: z.enum(["organisation", "workspace"]), subType: z.enum(["service", "user"]) });
const rotateBody = z.object({ key_transition_period_ms: z.number().int().min(MIN_TRANSITION_MS).optional() });

/** `defaults.config_id` accepts a slug or UUID and reads back as the UUID (fact sheet §6.2). */
function resolveDefaults(store: Store, workspaceId: string | null, input: z.infer<typeof defaultsSchema>, current: JsonObject): JsonObject {
  const next: JsonObject = { metadata: current.metadata ?? {}, config_id: current.config_id ?? null, allow_config_override: current.allow_config_override ?? true };
  if (input.metadata !== undefined) next.metadata = input.metadata;
  if (input.allow_config_override !== undefined) next.allow_config_override = input.allow_config_override;
  if (input.config_id !== undefined) {
    const config = input.config_id === null ? undefined : store.findConfig(input.config_id);
    if (input.config_id !== null && (!config || config.workspace_id !== workspaceId)) {
      throw invalid(`defaults.config_id: no config ${JSON.stringify(input.config_id)} in the key's workspace; pass a config slug (pc-…) or UUID from that workspace.`);
    }
    next.config_id = config?.id ?? null;
  }
  return next;
}

export const apiKeyRoutes: Route[] = [
  route("POST", "/v1/api-keys/:id/rotate", ({ params, body, store }) => {
    const key = store.apiKey(params.id);
    const input = parse(rotateBody, body ?? {});
    if (key.previous_expires_at && Date.parse(key.previous_expires_at) > Date.now()) {
      throw conflict(`API key ${key.id} is already rotating; the previous secret stays valid until ${key.previous_expires_at}. Rotate again after that.`);
    }
    const period = input.key_transition_period_ms ?? Number(key.rotation_policy?.key_transition_period_ms ?? MIN_TRANSITION_MS);
    key.previous_secret = key.secret;
    key.previous_expires_at = new Date(Date.now() + period).toISOString();
    key.secret = apiKeySecret();
    key.last_updated_at = now();
    return { id: key.id, key: key.secret, key_transition_expires_at: key.previous_expires_at };
  }),

  route("POST", "/v1/api-keys/:type/:subType", ({ params, body, store }) => {
    const { type, subType } = parse(pathParams, params);
    if (type === "organisation" && subType === "user") throw invalid("sub-type: organisation (admin) keys are service keys only; use /api-keys/organisation/service.");
    const input = parse(createBody, body);
    const workspace = type === "workspace" ? requireWorkspace(store, input.workspace_id, "for workspace keys") : undefined;
    if (subType === "user" && !input.user_id) throw invalid("user_id: required for user keys.");
    const at = now();
    const workspaceId = workspace?.id ?? null;
    const key: ApiKeyRecord = {
      id: uuid(),
      secret: apiKeySecret(),
      previous_secret: null,
      previous_expires_at: null,
      name: input.name,
      description: input.description ?? null,
      type,
      sub_type: subType,
      workspace_id: workspaceId,
      user_id: input.user_id ?? null,
      status: "active",
      scopes: input.scopes,
      rate_limits: asJsonArray(input.rate_limits),
      usage_limits: input.usage_limits ? asJsonObject(input.usage_limits) : null,
      alert_emails: input.alert_emails ?? null,
      expires_at: input.expires_at ?? null,
      defaults: resolveDefaults(store, workspaceId, input.defaults ?? {}, {}),
      rotation_policy: input.rotation_policy ? asJsonObject(input.rotation_policy) : null,
      created_at: at,
      last_updated_at: at,
    };
    store.state.apiKeys.push(key);
    return { id: key.id, key: key.secret, object: "api-key" };
  }),

  route("GET", "/v1/api-keys", ({ query, store }) => {
    const workspace = optionalWorkspaceFilter(store, query);
    const items = store.state.apiKeys.filter((item) => !workspace || item.workspace_id === workspace.id);
    return listEnvelope(
      items.map((item) => apiKeyView(item, store)),
      query,
    );
  }),

  route("GET", "/v1/api-keys/:id", ({ params, store }) => apiKeyView(store.apiKey(params.id), store)),

  route("PUT", "/v1/api-keys/:id", ({ params, body, store }) => {
    const key = store.apiKey(params.id);
    const input = parse(updateBody, body);
    if (input.defaults !== undefined) key.defaults = resolveDefaults(store, key.workspace_id, input.defaults, key.defaults);
    if (input.name !== undefined) key.name = input.name;
    if (input.description !== undefined) key.description = input.description;
    if (input.scopes !== undefined) key.scopes = input.scopes;
    if (input.rate_limits !== undefined) key.rate_limits = asJsonArray(input.rate_limits);
    if (input.usage_limits !== undefined) key.usage_limits = input.usage_limits && asJsonObject(input.usage_limits);
    if (input.alert_emails !== undefined) key.alert_emails = input.alert_emails;
    if (input.expires_at !== undefined) key.expires_at = input.expires_at;
    if (input.rotation_policy !== undefined) key.rotation_policy = input.rotation_policy && asJsonObject(input.rotation_policy);
    if (input.reset_usage === true) resetBudgets(store, owners.apiKey(key.id));
    key.last_updated_at = now();
    return {};
  }),

  route("DELETE", "/v1/api-keys/:id", ({ params, store }) => {
    const key = store.apiKey(params.id);
    store.state.apiKeys = store.state.apiKeys.filter((item) => item !== key);
    return {};
  }),
];
