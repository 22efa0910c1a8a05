/** `/v1/integrations` CRUD (fact sheet §3.1–3.4). */
import { z } from "zod";
import { conflict } from "../errors";
import { nameSlug, now, uuid } from "../ids";
import type { JsonObject } from "../json";
import { parse, type Route, route } from "../router";
import { insertAutoProvider } from "../state/access";
import type { IntegrationRecord } from "../state/records";
import { integrationView } from "../state/views";
import { asJsonArray, asJsonObject, listEnvelope, slugSchema } from "./shared";
import { validateConfigurations } from "./vertex";

const secretMapping = z.object({
  target_field: z.string().min(1),
  secret_reference_id: z.string().min(1),
  secret_key: z.string().optional(),
  value_format: z.enum(["json", "string"]).optional(),
});

const createBody = z.object({
  name: z.string().min(1),
  ai_provider_id: z.string().min(1),
  slug: slugSchema.optional(),
  key: z.string().optional(),
  description: z.string().nullable().optional(),
  workspace_id: z.string().optional(),
  configurations: z.record(z.string(), z.json()).optional(),
  create_default_provider: z.boolean().optional(),
  default_provider_slug: slugSchema.optional(),
  secret_mappings: z.array(secretMapping).optional(),
  pricing_adjustments: z.record(z.string(), z.json()).nullable().optional(),
});

const updateBody = z.object({
  name: z.string().min(1).optional(),
  key: z.string().optional(),
  description: z.string().nullable().optional(),
  configurations: z.record(z.string(), z.json()).optional(),
  secret_mappings: z.array(secretMapping).optional(),
  pricing_adjustments: z.record(z.string(), z.json()).nullable().optional(),
});

export const integrationRoutes: Route[] = [
  route("POST", "/v1/integrations", ({ body, store }) => {
    const input = parse(createBody, body);
    const configurations: JsonObject = asJsonObject(input.configurations);
    validateConfigurations(input.ai_provider_id, configurations);
    const slug = input.slug ?? nameSlug(input.name);
    if (store.state.integrations.some((item) => item.slug === slug)) throw conflict(`An integration with slug ${JSON.stringify(slug)} already exists.`);
    const workspace = input.workspace_id ? store.workspace(input.workspace_id) : undefined;
    const defaultSlug = input.default_provider_slug ?? slug;
    const withProvider = workspace !== undefined && input.create_default_provider !== false;
    if (withProvider && store.findProvider(defaultSlug, workspace.id)?.slug === defaultSlug) {
      throw conflict(`default_provider_slug: a provider with slug ${JSON.stringify(defaultSlug)} already exists in workspace ${workspace.slug}.`);
    }
    const at = now();
    const integration: IntegrationRecord = {
      id: uuid(),
      slug,
      name: input.name,
      ai_provider_id: input.ai_provider_id,
      description: input.description ?? null,
      key: input.key ?? null,
      configurations,
      workspace_id: workspace?.id ?? null,
      status: "active",
      secret_mappings: asJsonArray(input.secret_mappings ?? []),
      pricing_adjustments: input.pricing_adjustments ? asJsonObject(input.pricing_adjustments) : null,
      allow_all_models: true,
      models: [],
      access: [],
      global_workspace_access_settings: null,
      created_at: at,
      last_updated_at: at,
    };
    store.state.integrations.push(integration);
    if (withProvider) {
      insertAutoProvider(store, workspace, integration, defaultSlug);
    }
    return { id: integration.id, slug: integration.slug };
  }),

  route("GET", "/v1/integrations", ({ query, store }) => {
    const type = query.get("type") ?? "all";
    const workspaceRef = query.get("workspace_id");
    const workspace = workspaceRef ? store.workspace(workspaceRef) : undefined;
    const items = store.state.integrations.filter((item) => {
      const itemType = item.workspace_id ? "workspace" : "organisation";
      if (type !== "all" && type !== itemType) return false;
      return !workspace || item.workspace_id === null || item.workspace_id === workspace.id;
    });
    return listEnvelope(
      items.map((item) => integrationView(item, store)),
      query,
      100,
    );
  }),

  route("GET", "/v1/integrations/:slug", ({ params, store }) => integrationView(store.integration(params.slug), store)),

  route("PUT", "/v1/integrations/:slug", ({ params, body, store }) => {
    const integration = store.integration(params.slug);
    const input = parse(updateBody, body);
    if (input.configurations !== undefined) {
      const configurations = asJsonObject(input.configurations);
      validateConfigurations(integration.ai_provider_id, configurations);
      integration.configurations = configurations;
    }
    if (input.name !== undefined) integration.name = input.name;
    if (input.key !== undefined) integration.key = input.key;
    if (input.description !== undefined) integration.description = input.description;
    if (input.secret_mappings !== undefined) integration.secret_mappings = asJsonArray(input.secret_mappings);
    if (input.pricing_adjustments !== undefined) integration.pricing_adjustments = input.pricing_adjustments ? asJsonObject(input.pricing_adjustments) : null;
    integration.last_updated_at = now();
    return {};
  }),

  // Deleting an integration removes the providers built from it (live behaviour unconfirmed, §3.4).
  route("DELETE", "/v1/integrations/:slug", ({ params, store }) => {
    const integration = store.integration(params.slug);
    store.state.providers = store.state.providers.filter((item) => item.integration_id !== integration.slug);
    store.state.integrations = store.state.integrations.filter((item) => item !== integration);
    return {};
  }),
];
