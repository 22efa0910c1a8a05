/**
 * data "portkeyadmin_integration": look up an existing integration by slug, for teams adopting a
 * setup made elsewhere (dashboard, another stack). Vertex settings come from its masked
 * `configurations`; the key file is never readable.
 */
import type { Integration, PortkeyClient } from "../../portkey";
import { attr, defineDataSource } from "../framework";
import { looksGone } from "../resources/gone";
import { IntegrationMissingError, withIntegration } from "../resources/integration-wait";
import { checkSlug } from "../resources/integration-checks";
import { vertexSettingsFromWire } from "../resources/integration-vertex";

const attributes = {
  slug: attr.string().required().describe("Slug of the integration to look up.").validate(checkSlug("slug")),
  id: attr.string().computed().describe("Integration id (UUID)."),
  name: attr.string().computed().describe("Display name."),
  description: attr.string().computed().describe("Free text."),
  ai_provider_id: attr.string().computed().describe('Base provider, e.g. "vertex-ai".'),
  type: attr.string().computed().describe('"organisation" or "workspace".'),
  workspace_id: attr.string().computed().describe("Workspace of a workspace-scoped integration; null when organisation-scoped."),
  vertex_region: attr.string().computed().describe("Vertex AI location (Vertex integrations only)."),
  vertex_project_id: attr.string().computed().describe("Google Cloud project, when the integration names one."),
  auth_type: attr.string().computed().describe('Vertex auth type: "serviceAccount", "workload" or "basic".'),
  status: attr.string().computed().describe('"active" or "archived".'),
  allow_all_models: attr.bool().computed().describe("Whether every model is allowed (false: only the integration's allow-list)."),
  created_at: attr.string().computed().describe("Creation time (RFC 3339)."),
};

export const integrationDataSource = defineDataSource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_integration",
  schema: { description: "Looks up an existing Portkey integration by slug.", attributes },

  async read(config, ctx) {
    let integration: Integration;
    try {
      // The integration may be another stack's, still being created (integration-wait.ts).
      integration = await withIntegration(ctx, config.slug, () => ctx.client.integrations.get(config.slug, { signal: ctx.signal }));
    } catch (error) {
      if (error instanceof IntegrationMissingError) {
        ctx.diagnostics.error("Integration not found", error.message, ["slug"]);
        return {};
      }
      if (!looksGone(error)) throw error;
      ctx.diagnostics.error(
        "Integration not found",
        `No integration with slug ${JSON.stringify(config.slug)} is visible to this admin key: check slug (Portkey dashboard → Integrations shows each slug), or create it with resource portkeyadmin_integration.`,
        ["slug"],
      );
      return {};
    }
    const vertex = vertexSettingsFromWire(integration.configurations);
    return {
      id: integration.id,
      name: integration.name ?? null,
      description: integration.description || null,
      ai_provider_id: integration.ai_provider_id ?? null,
      type: integration.type ?? (integration.workspace_id ? "workspace" : "organisation"),
      workspace_id: integration.workspace_id ?? null,
      ...vertex,
      status: integration.status ?? null,
      allow_all_models: integration.allow_all_models ?? null,
      created_at: integration.created_at ?? null,
    };
  },
});
