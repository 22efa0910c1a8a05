/** `/v1/providers` (fact sheet §4): workspace-scoped providers built from an integration. */
import { z } from "zod";
import { forbidden } from "../errors";
import { now } from "../ids";
import { owners, resetBudgets } from "../limits/budgets";
import { parse, type Route, route } from "../router";
import { insertProvider, isAccessEnabled } from "../state/access";
import { providerView } from "../state/views";
import { asJson, asJsonArray, listEnvelope, rateLimitsSchema, requireWorkspace, slugSchema, usageLimitsSchema } from "./shared";

// Rate limits are an object in the spec's create body and an array everywhere else (§2.3).
const rateLimits = z.union([z.array(rateLimitsSchema), rateLimitsSchema.transform((one) => [one])]);

const createBody = z.object({
  name: z.string().min(1),
  integration_id: z.string().min(1),
  workspace_id: z.string().optional(),
  slug: slugSchema.optional(),
  note: z.string().nullable().optional(),
  usage_limits: usageLimitsSchema.nullable().optional(),
  rate_limits: rateLimits.nullable().optional(),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
});

const updateBody = z.object({
  name: z.string().min(1).optional(),
  note: z.string().nullable().optional(),
  usage_limits: usageLimitsSchema.nullable().optional(),
  rate_limits: rateLimits.nullable().optional(),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
  reset_usage: z.boolean().optional(),
  workspace_id: z.string().optional(),
});

export const providerRoutes: Route[] = [
  route("POST", "/v1/providers", ({ body, store }) => {
    const input = parse(createBody, body);
    const workspace = requireWorkspace(store, input.workspace_id, "in the body");
    const integration = store.integration(input.integration_id);
    if (!isAccessEnabled(integration, workspace.id)) {
      throw forbidden(
        `Integration ${integration.slug} is not enabled for workspace ${workspace.slug}; grant access first with PUT /v1/integrations/${integration.slug}/workspaces.`,
      );
    }
    const provider = insertProvider(store, workspace, {
      kind: "provider",
      name: input.name,
      slug: input.slug,
      note: input.note,
      integration,
      aiProviderName: integration.ai_provider_id,
      usageLimits: input.usage_limits ? asJson(input.usage_limits) : null,
      rateLimits: input.rate_limits ? asJsonArray(input.rate_limits) : null,
      expiresAt: input.expires_at,
    });
    return { id: provider.id, slug: provider.slug };
  }),

  route("GET", "/v1/providers", ({ query, store }) => {
    const workspace = requireWorkspace(store, query.get("workspace_id"), "as a query parameter");
    return listEnvelope(store.providersIn(workspace.id).map((item) => providerView(item, store)), query);
  }),

  route("GET", "/v1/providers/:ref", ({ params, query, store }) => {
    const workspaceRef = query.get("workspace_id");
    return providerView(store.provider(params.ref, workspaceRef ? store.workspace(workspaceRef).id : undefined), store);
  }),

  route("PUT", "/v1/providers/:ref", ({ params, query, body, store }) => {
    const input = parse(updateBody, body);
    const workspaceRef = query.get("workspace_id") ?? input.workspace_id;
    const provider = store.provider(params.ref, workspaceRef ? store.workspace(workspaceRef).id : undefined);
    if (input.name !== undefined) provider.name = input.name;
    if (input.note !== undefined) provider.note = input.note;
    if (input.usage_limits !== undefined) provider.usage_limits = asJson(input.usage_limits);
    if (input.rate_limits !== undefined) provider.rate_limits = input.rate_limits && asJsonArray(input.rate_limits);
    if (input.expires_at !== undefined) provider.expires_at = input.expires_at;
    if (input.reset_usage === true) resetBudgets(store, owners.provider(provider.id));
    provider.last_updated_at = now();
    return { id: provider.id, slug: provider.slug };
  }),

  route("DELETE", "/v1/providers/:ref", ({ params, query, store }) => {
    const workspaceRef = query.get("workspace_id");
    const provider = store.provider(params.ref, workspaceRef ? store.workspace(workspaceRef).id : undefined);
    store.state.providers = store.state.providers.filter((item) => item !== provider);
    return {};
  }),
];
