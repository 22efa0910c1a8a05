/**
 * portkeyadmin_integration_models: the model allow-list of an integration (fact sheet §3.6),
 * which every provider made from it enforces. Authoritative: models enabled on the integration
 * but missing from `models` are disabled. Destroy restores Portkey's default (every model
 * allowed). Import id: the integration slug.
 */
import type { IntegrationModels, PortkeyClient } from "../../portkey";
import { attr, defineResource, type Model, type ResourceContext, types } from "../framework";
import { deleteUnlessGone, readUnlessGone } from "./gone";
import { integrationCheck } from "./gone-checks";
import { checkSlug } from "./integration-checks";

const attributes = {
  id: attr.string().computed().useStateForUnknown().describe("The integration slug."),
  integration_slug: attr.string().required().requiresReplace().describe("Slug of the integration whose models this restricts.").validate(checkSlug("integration_slug")),
  allow_all_models: attr
    .bool()
    .optionalComputed()
    .default(false)
    .describe("true allows every model of the provider (Portkey's default for new integrations); false (default here) allows only `models`."),
  models: attr
    .set(types.string)
    .optional()
    .describe('Model slugs to enable, e.g. ["claude-sonnet-5-5", "claude-haiku-4-5@20251001"]. Others are disabled.')
    .validate((slugs: string[]) => {
      const blank = slugs.some((slug) => slug.trim() === "");
      return blank ? "models must not contain an empty model slug" : undefined;
    }),
};

type ModelsModel = Model<typeof attributes>;

function enabledSlugs(listing: IntegrationModels): string[] {
  return listing.models.filter((model) => model.enabled).map((model) => model.slug).sort();
}

/** Wire models → state. An allow-all integration with no `models` in state stays null. */
export function modelsFromWire(listing: IntegrationModels, prior: Pick<ModelsModel, "models">, integrationSlug: string): ModelsModel {
  const enabled = enabledSlugs(listing);
  const allowAll = listing.allow_all_models ?? true;
  // Under allow-all the per-model list means nothing to a configuration that did not set one.
  const keepNull = prior.models === null && (allowAll || enabled.length === 0);
  return { id: integrationSlug, integration_slug: integrationSlug, allow_all_models: allowAll, models: keepNull ? null : enabled };
}

/** The PUT body: enable every wanted model, disable every other one currently enabled. */
export function modelsBody(current: IntegrationModels, allowAll: boolean, wanted: readonly string[]) {
  const disable = enabledSlugs(current).filter((slug) => !wanted.includes(slug));
  return {
    allow_all_models: allowAll,
    models: [...wanted.map((slug) => ({ slug, enabled: true })), ...disable.map((slug) => ({ slug, enabled: false }))],
  };
}

async function apply(planned: ModelsModel, ctx: ResourceContext<PortkeyClient>): Promise<ModelsModel> {
  const slug = planned.integration_slug;
  const current = await ctx.client.integrations.getModels(slug, { signal: ctx.signal });
  const updated = await ctx.client.integrations.putModels(slug, modelsBody(current, planned.allow_all_models ?? false, planned.models ?? []), { signal: ctx.signal });
  return modelsFromWire(updated, planned, slug);
}

export const integrationModelsResource = defineResource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_integration_models",
  schema: { description: "The model allow-list of an integration: which models its providers may call.", attributes },

  create: apply,

  async read(state, ctx) {
    const models = await readUnlessGone(
      () => ctx.client.integrations.getModels(state.integration_slug, { signal: ctx.signal }),
      integrationCheck(ctx.client, state.integration_slug, null, "read", ctx.signal, "the model allow-list"),
    );
    return models === undefined ? null : modelsFromWire(models, state, state.integration_slug);
  },

  update: ({ planned }, ctx) => apply(planned, ctx),

  async delete(state, ctx) {
    const check = (action: "read" | "update") => integrationCheck(ctx.client, state.integration_slug, null, action, ctx.signal, "the model allow-list");
    const current = await readUnlessGone(() => ctx.client.integrations.getModels(state.integration_slug, { signal: ctx.signal }), check("read"));
    if (current === undefined) return;
    const disabled = current.models.filter((model) => !model.enabled).map((model) => ({ slug: model.slug, enabled: true }));
    await deleteUnlessGone(
      () => ctx.client.integrations.putModels(state.integration_slug, { allow_all_models: true, models: disabled }, { signal: ctx.signal, readBack: false }),
      check("update"),
    );
  },

  async import(id) {
    return { id, integration_slug: id, models: null };
  },
});
