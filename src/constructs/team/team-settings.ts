/**
 * One key's Claude Code settings, rendered at synth time by the pure renderer (so every rule of
 * claude-code-gateway.md is enforced before anything is deployed) while the key, the config slug
 * and the gateway URL may still be Terraform references. The result holds tokens; the caller
 * turns it into a Terraform string with Fn.jsonencode, so the key is only resolved by Terraform.
 */
import { Fn } from "cdktf";
import type { ModelCatalogue } from "../models/catalogue";
import { toManagedSettingsJson } from "../settings/formats";
import { renderSettings, type SettingsMode } from "../settings/render";
import type { ClaudeSettings, Finding } from "../settings/types";
import type { ParsedTeamProps } from "./schema";
import { checkFunctionLiteral, TokenPlaceholders } from "./token-placeholders";

export interface KeySettingsInput {
  readonly mode: SettingsMode;
  readonly gatewayUrl: string;
  /** The key secret (a reference); absent in api-key-helper mode. */
  readonly apiKey?: string;
  /** The helper command (api-key-helper mode). */
  readonly apiKeyHelper?: string;
  readonly routing: { readonly providerSlug: string } | { readonly configSlug: string };
  readonly models: ParsedTeamProps["models"];
  /** @default ModelCatalogue.builtIn() (today) */
  readonly modelCatalogue?: ModelCatalogue;
  readonly disableExperimentalBetas: boolean;
  readonly disableNonessentialTraffic: boolean;
  /** legacy-vertex mode: project, region and the provider slug used as virtual key. */
  readonly legacy?: { readonly vertexProjectId: string; readonly vertexRegion: string; readonly virtualKey: string };
}

export interface KeySettings {
  /** settings.json content; strings may hold Terraform tokens. */
  readonly settings: ClaudeSettings;
  /** managed-settings.json text (pretty, for MDM); each token-bearing value is JSON-encoded by Terraform. */
  readonly managedJson: string;
  readonly warnings: Finding[];
}

/**
 * Pretty JSON with tokens: the pretty text is made from the placeholder version, then each JSON
 * string literal that holds a placeholder is replaced by Terraform's jsonencode of the real
 * value, so whatever a resolved value holds is escaped by Terraform. The text stays a plain
 * (interpolated) string: cdktf cannot pass text with quotes into a function call.
 */
function managedJsonWithTokens(withPlaceholders: ClaudeSettings, held: TokenPlaceholders): string {
  let text = toManagedSettingsJson(withPlaceholders);
  for (const value of leafStrings(withPlaceholders)) {
    if (held.holds(value)) text = text.split(JSON.stringify(value)).join(Fn.jsonencode(held.restore(value)));
  }
  return text;
}

function leafStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(leafStrings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(leafStrings);
  return [];
}

export function renderKeySettings(input: KeySettingsInput): KeySettings {
  const held = new TokenPlaceholders();
  const routing =
    "providerSlug" in input.routing ? { providerSlug: held.hold(input.routing.providerSlug) } : { configSlug: held.hold(input.routing.configSlug) };
  const rendered = renderSettings({
    mode: input.mode,
    gatewayUrl: held.hold(input.gatewayUrl, "url"),
    apiKey: input.apiKey === undefined ? undefined : held.hold(input.apiKey),
    apiKeyHelper: input.apiKeyHelper === undefined ? undefined : held.hold(input.apiKeyHelper),
    routing,
    models: { opus: input.models.opus, sonnet: input.models.sonnet, haiku: input.models.haiku, default: input.models.default },
    allowUnknownModels: input.models.allowUnknownModels,
    allowRetiredModels: input.models.allowRetiredModels,
    catalogue: input.modelCatalogue,
    disableExperimentalBetas: input.disableExperimentalBetas,
    disableNonessentialTraffic: input.disableNonessentialTraffic,
    legacy: input.legacy && {
      vertexProjectId: held.hold(input.legacy.vertexProjectId),
      vertexRegion: held.hold(input.legacy.vertexRegion),
      virtualKey: held.hold(input.legacy.virtualKey),
    },
  });
  // The settings become a Fn.jsonencode argument: its literal strings must survive cdktf.
  for (const value of leafStrings(rendered.settings)) if (!held.holds(value)) checkFunctionLiteral(value, "settings value");
  return { settings: held.restore(rendered.settings), managedJson: managedJsonWithTokens(rendered.settings, held), warnings: rendered.warnings };
}
