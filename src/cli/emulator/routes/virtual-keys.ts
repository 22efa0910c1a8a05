/**
 * `/v1/virtual-keys` (legacy, fact sheet §5). Virtual keys live in the providers collection:
 * both APIs address the same objects. Provider-specific camelCase fields (vertexProjectId,
 * vertexRegion, …) go to `model_config`; secret ones are kept out of every response.
 */
import { z } from "zod";
import { isSecretField } from "../../../portkey/redact";
import { now } from "../ids";
import type { JsonObject } from "../json";
import { parse, type Route, route } from "../router";
import { insertProvider } from "../state/access";
import { virtualKeyView } from "../state/views";
import { asJson, asJsonArray, asJsonObject, listEnvelope, rateLimitsSchema, requireWorkspace, usageLimitsSchema } from "./shared";

const rateLimits = z.union([z.array(rateLimitsSchema), rateLimitsSchema.transform((one) => [one])]);

const createBody = z.looseObject({
  name: z.string().min(1),
  provider: z.string().min(1),
  key: z.string().optional(),
  note: z.string().nullable().optional(),
  workspace_id: z.string().optional(),
  usage_limits: usageLimitsSchema.nullable().optional(),
  rate_limits: rateLimits.nullable().optional(),
  expires_at: z.string().nullable().optional(),
});

const updateBody = z.object({
  name: z.string().min(1).optional(),
  key: z.string().optional(),
  note: z.string().nullable().optional(),
  usage_limits: usageLimitsSchema.nullable().optional(),
});

const KNOWN = new Set(["name", "provider", "key", "note", "workspace_id", "usage_limits", "rate_limits", "expires_at", "secret_mappings"]);

/** Only the identifying fields of a service-account key file, like integrations' `masked_` fields (§1.7 #12). */
function maskedServiceAccount(value: unknown): JsonObject | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const account = value as Record<string, unknown>;
  const keep: JsonObject = {};
  for (const field of ["type", "project_id", "client_email"]) if (typeof account[field] === "string") keep[field] = account[field] as string;
  return keep;
}

function modelConfig(input: Record<string, unknown>): JsonObject {
  const extras: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (!KNOWN.has(field) && !isSecretField(field) && !/(secret|json|password|token)/i.test(field)) extras[field] = value;
  }
  // The key file itself is never stored; its identity is, so a read shows which one was sent.
  const account = maskedServiceAccount(input.vertexServiceAccountJson);
  if (account) extras.masked_vertexServiceAccountJson = account;
  return asJsonObject(extras);
}

export const virtualKeyRoutes: Route[] = [
  route("POST", "/v1/virtual-keys", ({ body, store }) => {
    const input = parse(createBody, body);
    const workspace = requireWorkspace(store, input.workspace_id, "in the body");
    const record = insertProvider(store, workspace, {
      kind: "virtual-key",
      name: input.name,
      note: input.note,
      aiProviderName: input.provider,
      modelConfig: modelConfig(input),
      key: input.key ?? null,
      usageLimits: input.usage_limits ? asJson(input.usage_limits) : null,
      rateLimits: input.rate_limits ? asJsonArray(input.rate_limits) : null,
      expiresAt: input.expires_at,
    });
    return { id: record.id, slug: record.slug, object: "virtual-key" };
  }),

  route("GET", "/v1/virtual-keys", ({ query, store }) => {
    const workspaceRef = query.get("workspace_id");
    const workspaceId = workspaceRef ? store.workspace(workspaceRef).id : undefined;
    const items = store.state.providers.filter((item) => workspaceId === undefined || item.workspace_id === workspaceId);
    return listEnvelope(
      items.map((item) => virtualKeyView(item, store)),
      query,
    );
  }),

  route("GET", "/v1/virtual-keys/:slug", ({ params, store }) => virtualKeyView(store.provider(params.slug), store)),

  route("PUT", "/v1/virtual-keys/:slug", ({ params, body, store }) => {
    const record = store.provider(params.slug);
    const input = parse(updateBody, body);
    if (input.name !== undefined) record.name = input.name;
    if (input.key !== undefined) record.key = input.key;
    if (input.note !== undefined) record.note = input.note;
    if (input.usage_limits !== undefined) record.usage_limits = asJson(input.usage_limits);
    record.last_updated_at = now();
    return {};
  }),

  route("DELETE", "/v1/virtual-keys/:slug", ({ params, store }) => {
    const record = store.provider(params.slug);
    store.state.providers = store.state.providers.filter((item) => item !== record);
    return {};
  }),
];
