/**
 * data "portkeyadmin_provider": look up an existing provider (the `@slug` Claude Code routes
 * to) in a workspace, e.g. the one Portkey creates when an integration is granted.
 */
import type { PortkeyClient, Provider } from "../../portkey";
import { attr, defineDataSource } from "../framework";
import { looksGone } from "../resources/gone";
import { checkSlug } from "../resources/integration-checks";

const attributes = {
  slug: attr.string().required().describe("Provider slug (what requests name as `@slug`).").validate(checkSlug("slug")),
  workspace_id: attr.string().required().describe("Workspace UUID or slug the provider lives in."),
  id: attr.string().computed().describe("Provider id (UUID)."),
  name: attr.string().computed().describe("Display name."),
  note: attr.string().computed().describe("Free text."),
  integration_id: attr.string().computed().describe("Slug of the integration the provider is made from."),
  ai_provider_id: attr.string().computed().describe('Base provider, e.g. "vertex-ai".'),
  status: attr.string().computed().describe('"active", "exhausted", "expired" (or disabled when its integration access was revoked).'),
  created_at: attr.string().computed().describe("Creation time (RFC 3339)."),
};

export const providerDataSource = defineDataSource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_provider",
  schema: { description: "Looks up an existing Portkey provider by slug in a workspace.", attributes },

  async read(config, ctx) {
    let provider: Provider;
    try {
      provider = await ctx.client.providers.get(config.slug, config.workspace_id, { signal: ctx.signal });
    } catch (error) {
      if (!looksGone(error)) throw error;
      ctx.diagnostics.error(
        "Provider not found",
        `No provider with slug ${JSON.stringify(config.slug)} in workspace ${JSON.stringify(config.workspace_id)}: check slug and workspace_id (Portkey dashboard → Model Catalog → Providers), or grant the integration to the workspace first.`,
        ["slug"],
      );
      return {};
    }
    return {
      id: provider.id,
      name: provider.name ?? null,
      note: provider.note ?? null,
      integration_id: provider.integration_id ?? null,
      ai_provider_id: provider.ai_provider_name ?? null,
      status: provider.status ?? null,
      created_at: provider.created_at ?? null,
    };
  },
});
