/**
 * data "portkeyadmin_integration_models": the models Portkey lists for an integration
 * (`GET /integrations/{slug}/models`, fact sheet §3.6) and which of them requests may use. With
 * `require_models` it is a plan-time check: the read fails, naming each model and the fix, when
 * the integration does not serve a model a configuration is about to hand to Claude Code. This
 * is how a team stack takes its model list from Portkey instead of a catalogue compiled into a
 * release: Portkey's list is the authority on which IDs exist for the integration.
 *
 *   data "portkeyadmin_integration_models" "vertex" {
 *     integration_slug = "vertex-claude"
 *     require_models   = ["claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5"]
 *   }
 */
import type { IntegrationModels, PortkeyClient } from "../../portkey";
import { attr, defineDataSource, type Model, types } from "../framework";
import { closestMatch } from "../resources/closest-match";
import { looksGone } from "../resources/gone";
import { checkSlug } from "../resources/integration-checks";
import { IntegrationMissingError, untilReadyWhileFresh, withIntegration } from "../resources/integration-wait";

const attributes = {
  integration_slug: attr.string().required().describe("Slug of the integration whose models to read.").validate(checkSlug("integration_slug")),
  require_models: attr
    .set(types.string)
    .optional()
    .describe(
      "Model slugs the integration must serve: listed by Portkey for it, and enabled (or the integration allows all models). The read fails with one error per model that is not, so a plan stops before a model Portkey does not serve reaches Claude Code settings.",
    )
    .validate((slugs: string[]) => (slugs.some((slug) => slug.trim() === "") ? "require_models must not contain an empty model slug" : undefined)),
  allow_all_models: attr.bool().computed().describe("Whether every listed model may be used (false: only the enabled ones)."),
  models: attr
    .listNested({
      slug: attr.string().computed().describe("The model slug requests name (a Vertex model ID for Vertex integrations)."),
      enabled: attr.bool().computed().describe("On the integration's allow-list."),
      is_custom: attr.bool().computed().describe("A custom model added to the integration rather than one of Portkey's."),
    })
    .computed()
    .describe("Every model Portkey lists for the integration, in its order."),
  usable_models: attr.list(types.string).computed().describe("The slugs requests may use: every listed model under allow_all_models, else the enabled ones; sorted."),
};

type ModelsModel = Model<typeof attributes>;

/** A list of slugs for a message: quoted (they come from the API), at most 20. */
function slugList(slugs: readonly string[]): string {
  if (slugs.length === 0) return "(none)";
  const shown = slugs.slice(0, 20).map((slug) => JSON.stringify(slug));
  return slugs.length > 20 ? `${shown.join(", ")} and ${slugs.length - 20} more` : shown.join(", ");
}

export function usableSlugs(listing: IntegrationModels): string[] {
  const allowAll = listing.allow_all_models ?? true;
  return listing.models.filter((model) => allowAll || model.enabled === true).map((model) => model.slug).sort();
}

/** Why each required model cannot be used, with the fix; empty when all can. */
export function requiredModelProblems(listing: IntegrationModels, integrationSlug: string, required: readonly string[]): { summary: string; detail: string }[] {
  const listed = new Map(listing.models.map((model) => [model.slug, model]));
  const allowAll = listing.allow_all_models ?? true;
  return required.flatMap((slug) => {
    const model = listed.get(slug);
    if (model && (allowAll || model.enabled === true)) return [];
    if (model) {
      return [
        {
          summary: `Model ${slug} is not enabled on integration ${integrationSlug}`,
          detail: `Portkey lists ${JSON.stringify(slug)} for integration ${JSON.stringify(integrationSlug)}, but the integration's allow-list does not enable it, so requests for it fail. Fix: add it to the platform's model allow-list (portkeyadmin_integration_models.models; in the app, apply the platform stack: cdktf deploy platform), or use an enabled model: ${slugList(usableSlugs(listing))}.`,
        },
      ];
    }
    const hint = closestMatch(slug, listed.keys());
    return [
      {
        summary: `Model ${slug} is not served by integration ${integrationSlug}`,
        detail: `Portkey does not list ${JSON.stringify(slug)} among the ${listing.models.length} models of integration ${JSON.stringify(integrationSlug)}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ""}. Fix: correct the model ID, or make the model available on the integration (enable it in Vertex AI Model Garden, then add it to the integration's models), or use one it serves: ${slugList(usableSlugs(listing))}.`,
      },
    ];
  });
}

export const integrationModelsDataSource = defineDataSource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_integration_models",
  schema: { description: "Reads the models Portkey lists for an integration; with require_models, fails the plan for a model the integration does not serve.", attributes },

  async read(config, ctx): Promise<Partial<ModelsModel>> {
    let listing: IntegrationModels;
    try {
      // The integration may be another stack's, still being created (integration-wait.ts).
      listing = await withIntegration(ctx, config.integration_slug, () => ctx.client.integrations.getModels(config.integration_slug, { signal: ctx.signal }));
    } catch (error) {
      if (error instanceof IntegrationMissingError) {
        ctx.diagnostics.error("Integration not found", error.message, ["integration_slug"]);
        return {};
      }
      if (!looksGone(error)) throw error;
      ctx.diagnostics.error(
        "Integration not found",
        `No integration with slug ${JSON.stringify(config.integration_slug)} is visible to this admin key: check integration_slug (Portkey dashboard → Integrations), or apply the stack that creates it first.`,
        ["integration_slug"],
      );
      return {};
    }
    const required = config.require_models ?? [];
    // A fresh integration that lists no model at all has not had its allow-list applied yet (the
    // platform is still applying it): wait for a list. Any list, once there, is judged at once:
    // a model it leaves out or disables is a real problem, not a race.
    const judgeable = (models: IntegrationModels) => models.models.length > 0 || requiredModelProblems(models, config.integration_slug, required).length === 0;
    const settled = await untilReadyWhileFresh(ctx, config.integration_slug, listing, () => ctx.client.integrations.getModels(config.integration_slug, { signal: ctx.signal }), judgeable);
    listing = settled.value;
    const waited = settled.waitedSeconds > 0 ? ` Waited ${settled.waitedSeconds} s for the stack that created the integration to apply its models (wait_for_integration_seconds).` : "";
    for (const problem of requiredModelProblems(listing, config.integration_slug, required)) {
      ctx.diagnostics.error(problem.summary, problem.detail + waited, ["require_models"]);
    }
    return {
      allow_all_models: listing.allow_all_models ?? true,
      models: listing.models.map((model) => ({ slug: model.slug, enabled: model.enabled ?? null, is_custom: model.is_custom ?? null })),
      usable_models: usableSlugs(listing),
    };
  },
});
