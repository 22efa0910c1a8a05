/**
 * Vertex settings ⇄ an integration's `configurations` object (fact sheet §3.3). The key file
 * travels as a parsed JSON object; reads carry it masked (`masked_vertex_service_account_json`),
 * so it is never read back into Terraform.
 */
import type { ServiceAccountKey } from "./integration-checks";

export const VERTEX_AI = "vertex-ai";

export interface VertexSettings {
  auth_type: string | null;
  vertex_region: string | null;
  vertex_project_id: string | null;
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

export function vertexSettingsFromWire(configurations: Readonly<Record<string, unknown>>): VertexSettings {
  return {
    auth_type: text(configurations.vertex_auth_type),
    vertex_region: text(configurations.vertex_region),
    vertex_project_id: text(configurations.vertex_project_id),
  };
}

/** The whole `configurations` object: Portkey may replace it as a whole on update (§3.4), so it is always sent complete. */
export function vertexConfigurations(settings: VertexSettings, key: ServiceAccountKey | undefined): Record<string, unknown> {
  return {
    vertex_auth_type: settings.auth_type ?? "serviceAccount",
    vertex_region: settings.vertex_region,
    ...(settings.vertex_project_id === null ? {} : { vertex_project_id: settings.vertex_project_id }),
    ...(key === undefined ? {} : { vertex_service_account_json: key }),
  };
}
