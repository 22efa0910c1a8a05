/**
 * Model checks the way Vertex and Portkey's allow-list fail (claude-code-gateway.md "Vertex
 * model IDs"): Vertex writes the date after `@`, so `claude-sonnet-4-5-20250929` is a 404 there;
 * a model outside the integration's allow-list is a 404 too.
 */
import type { IntegrationRecord, ProviderRecord } from "../state/records";
import { missing } from "./errors";

const DASH_DATE = /^(.*)-(20\d{6})$/;

export function checkModel(model: string, provider: ProviderRecord, integration: IntegrationRecord | undefined): void {
  const dated = DASH_DATE.exec(model);
  const hint = dated ? ` Vertex model ids put the date after "@": use ${dated[1]}@${dated[2]}.` : "";
  if (dated && provider.ai_provider_name === "vertex-ai") {
    throw missing(`model: ${model} not found on Vertex AI.${hint}`);
  }
  if (!integration || integration.allow_all_models) return;
  const allowed = integration.models.some((entry) => entry.slug === model && entry.enabled);
  if (!allowed) {
    throw missing(`model: ${model} not found: it is not enabled for integration ${integration.slug} (PUT /v1/integrations/${integration.slug}/models).${hint}`);
  }
}
