/**
 * Model checks the way Vertex and Portkey's allow-list fail (claude-code-gateway.md "Vertex
 * model IDs"): Vertex writes the date after `@`, so `claude-sonnet-4-5-20250929` is a 404 there;
 * a model outside the integration's allow-list is a 404 too.
 */
import { vertexFormOf } from "../../../constructs/models/catalogue";
import type { IntegrationRecord, ProviderRecord } from "../state/records";
import { missing } from "./errors";

/** The same rule as the model catalogue's (one source): `claude-…-20250929` is the Anthropic API form. */
export function checkModel(model: string, provider: ProviderRecord, integration: IntegrationRecord | undefined): void {
  const vertexForm = vertexFormOf(model);
  const hint = vertexForm ? ` Vertex model ids put the date after "@": use ${vertexForm}.` : "";
  if (vertexForm && provider.ai_provider_name === "vertex-ai") {
    throw missing(`model: ${model} not found on Vertex AI.${hint}`);
  }
  if (!integration || integration.allow_all_models) return;
  const allowed = integration.models.some((entry) => entry.slug === model && entry.enabled);
  if (!allowed) {
    throw missing(`model: ${model} not found: it is not enabled for integration ${integration.slug} (PUT /v1/integrations/${integration.slug}/models).${hint}`);
  }
}
