/**
 * `/v1/integrations/{slug}/models`: the model allow-list the gateway enforces (fact sheet §3.6).
 * The listing is `{ allow_all_models, models, total }`, not the list envelope.
 */
import { z } from "zod";
import { invalid } from "../errors";
import type { JsonObject } from "../json";
import { parse, type Route, route } from "../router";
import type { ModelEntry } from "../state/records";
import { asJsonObject } from "./shared";

const modelInput = z.object({
  slug: z.string().min(1),
  enabled: z.boolean(),
  is_custom: z.boolean().optional(),
  is_finetune: z.boolean().optional(),
  base_model_slug: z.string().nullable().optional(),
  configurations: z.record(z.string(), z.json()).nullable().optional(),
  pricing_config: z.record(z.string(), z.json()).nullable().optional(),
});

const putBody = z.object({ allow_all_models: z.boolean().optional(), models: z.array(modelInput).optional() });

// TF sends the slugs as a JSON body, the spec and SDKs as `?slugs=a,b` (§3.6 CONFLICT): accept both.
const deleteBody = z.object({ models: z.array(z.union([z.string(), z.object({ slug: z.string() })])).optional(), slugs: z.array(z.string()).optional() });

function modelView(model: ModelEntry): JsonObject {
  return { ...model, name: model.slug };
}

export const integrationModelRoutes: Route[] = [
  route("GET", "/v1/integrations/:slug/models", ({ params, store }) => {
    const integration = store.integration(params.slug);
    return { allow_all_models: integration.allow_all_models, models: integration.models.map(modelView), total: integration.models.length };
  }),

  route("PUT", "/v1/integrations/:slug/models", ({ params, body, store }) => {
    const integration = store.integration(params.slug);
    const input = parse(putBody, body);
    if (input.allow_all_models !== undefined) integration.allow_all_models = input.allow_all_models;
    for (const model of input.models ?? []) {
      const existing = integration.models.find((item) => item.slug === model.slug);
      const next: ModelEntry = {
        slug: model.slug,
        enabled: model.enabled,
        is_custom: model.is_custom ?? existing?.is_custom ?? false,
        is_finetune: model.is_finetune ?? existing?.is_finetune ?? false,
        base_model_slug: model.base_model_slug ?? existing?.base_model_slug ?? null,
        configurations: model.configurations === undefined ? (existing?.configurations ?? null) : model.configurations && asJsonObject(model.configurations),
        pricing_config: model.pricing_config === undefined ? (existing?.pricing_config ?? null) : model.pricing_config && asJsonObject(model.pricing_config),
      };
      if (existing) Object.assign(existing, next);
      else integration.models.push(next);
    }
    return {};
  }),

  route("DELETE", "/v1/integrations/:slug/models", ({ params, query, body, store }) => {
    const integration = store.integration(params.slug);
    const fromBody = parse(deleteBody, body ?? {});
    const slugs = [
      ...(query.get("slugs")?.split(",").filter(Boolean) ?? []),
      ...(fromBody.slugs ?? []),
      ...(fromBody.models ?? []).map((item) => (typeof item === "string" ? item : item.slug)),
    ];
    if (slugs.length === 0) throw invalid("slugs: name the models to delete, e.g. ?slugs=model-a,model-b.");
    for (const slug of slugs) {
      const model = integration.models.find((item) => item.slug === slug);
      if (model && !model.is_custom) throw invalid(`slugs: ${slug} is a built-in model; built-in models cannot be deleted, disable them with enabled:false.`);
    }
    integration.models = integration.models.filter((item) => !slugs.includes(item.slug));
    return {};
  }),
];
