/**
 * The scope strings Portkey knows (fact sheet §6.4: the docs' reference cross-checked with the
 * scopes seen on live keys), and a validator that suggests the closest one for a typo.
 */
import { closestMatch } from "./closest-match";

const crud = ["create", "read", "update", "delete", "list"] as const;
const expand = (prefix: string, actions: readonly string[]) => actions.map((action) => `${prefix}.${action}`);

export const KNOWN_SCOPES: ReadonlySet<string> = new Set([
  // Data plane: the only scope Claude Code needs.
  "completions.write",
  "mcp.invoke",
  "agents.invoke",
  ...expand("organisation_users", crud),
  ...expand("organisation_service_api_keys", crud),
  "audit_logs.list",
  ...expand("workspaces", crud),
  ...expand("workspace_users", crud),
  ...expand("workspace_service_api_keys", [...crud, "rotate"]),
  ...expand("workspace_user_api_keys", [...crud, "rotate"]),
  ...expand("organisation_integrations", crud),
  ...expand("workspace_integrations", crud),
  ...expand("organisation_mcp_integrations", crud),
  ...expand("workspace_mcp_integrations", crud),
  ...expand("mcp_servers", crud),
  "organisation_agent_integrations.list",
  ...expand("workspace_agent_integrations", crud),
  ...expand("agent_servers", crud),
  ...expand("providers", crud),
  ...expand("virtual_keys", [...crud, "copy", "duplicate"]),
  ...expand("configs", crud),
  ...expand("prompts", [...crud, "publish", "render"]),
  ...expand("guardrails", crud),
  ...expand("policies", crud),
  ...expand("plugins", ["create", "update", "list"]),
  "analytics.view",
  ...expand("logs", ["view", "list", "write", "export"]),
]);

/** The least a Claude Code key needs: calling the gateway. */
export const DEFAULT_SCOPES = ["completions.write"];

/** The known scope nearest to `scope`, if it is close enough to be a typo. */
export function closestScope(scope: string): string | undefined {
  return closestMatch(scope, KNOWN_SCOPES);
}

/** Validator for `scopes`: one message per unknown scope, with a suggestion when there is one. */
export function checkScopes(scopes: readonly string[]): string[] | undefined {
  if (scopes.length === 0) return ['scopes must not be empty (Portkey answers 502 for a key without scopes); Claude Code needs ["completions.write"]'];
  const messages = scopes
    .filter((scope) => !KNOWN_SCOPES.has(scope))
    .map((scope) => {
      const hint = closestScope(scope);
      return hint
        ? `scopes: unknown scope "${scope}"; did you mean "${hint}"?`
        : `scopes: unknown scope "${scope}"; Portkey scopes look like "completions.write" or "<resource>.<action>" (e.g. "configs.read")`;
    });
  return messages.length > 0 ? messages : undefined;
}
