/**
 * Where a gateway request goes: `x-portkey-provider: @slug`, `x-portkey-config: <slug|JSON>`,
 * legacy `x-portkey-virtual-key`, or the API key's default config. Everything is resolved in the
 * API key's workspace. For a config, every `@slug` target must exist; the first target with a
 * non-zero weight serves the request (fallback order), and its forward_headers and
 * override_params.model apply.
 */
import type { IncomingHttpHeaders } from "node:http";
import { type GatewayConfig, gatewayConfigSchema } from "../config-schema";
import { isAccessEnabled } from "../state/access";
import type { ApiKeyRecord, IntegrationRecord, ProviderRecord } from "../state/records";
import type { Store } from "../state/store";
import { badRequest, missing, notPermitted } from "./errors";

export interface Routing {
  readonly provider: ProviderRecord;
  readonly integration?: IntegrationRecord;
  readonly configSlug?: string;
  readonly forwardHeaders: readonly string[];
  readonly modelOverride?: string;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
};

export function resolveRouting(store: Store, key: ApiKeyRecord, headers: IncomingHttpHeaders): Routing {
  const workspaceId = key.workspace_id ?? "";
  const providerHeader = header(headers, "x-portkey-provider");
  const virtualKey = header(headers, "x-portkey-virtual-key");
  const configHeader = header(headers, "x-portkey-config");
  if (providerHeader) {
    if (!providerHeader.startsWith("@")) throw badRequest(`x-portkey-provider: ${JSON.stringify(providerHeader)} is not a provider slug; send x-portkey-provider: @<provider-slug>.`);
    return { ...checkProvider(store, workspaceId, providerHeader.slice(1)), forwardHeaders: [] };
  }
  if (virtualKey) return { ...checkProvider(store, workspaceId, virtualKey), forwardHeaders: [] };
  const defaultConfigId = typeof key.defaults.config_id === "string" ? key.defaults.config_id : undefined;
  if (configHeader) {
    if (defaultConfigId && key.defaults.allow_config_override === false) {
      throw badRequest("x-portkey-config: this API key has a default config and does not allow overriding it; drop the header.");
    }
    return fromConfig(store, workspaceId, configHeader);
  }
  if (defaultConfigId) return fromConfig(store, workspaceId, defaultConfigId);
  throw badRequest(
    "No routing: add the header x-portkey-provider: @<provider-slug> (or x-portkey-config: <config-slug>) to ANTHROPIC_CUSTOM_HEADERS; without it the gateway does not know which provider to call.",
  );
}

function checkProvider(store: Store, workspaceId: string, slug: string): { provider: ProviderRecord; integration?: IntegrationRecord } {
  const provider = store.findProvider(slug, workspaceId);
  if (!provider) throw badRequest(`Provider @${slug} does not exist in this API key's workspace; create it or fix the slug.`);
  if (provider.status !== "active") throw notPermitted(`Provider @${slug} is ${provider.status}.`);
  if (provider.integration_id === null) return { provider };
  const integration = store.state.integrations.find((item) => item.slug === provider.integration_id);
  if (!integration || !isAccessEnabled(integration, workspaceId)) {
    throw notPermitted(`Provider @${slug}: its integration ${provider.integration_id} is not enabled for this workspace.`);
  }
  return { provider, integration };
}

function fromConfig(store: Store, workspaceId: string, ref: string): Routing {
  let config: GatewayConfig;
  let configSlug: string | undefined;
  if (ref.startsWith("{")) {
    const parsed = gatewayConfigSchema.safeParse(safeJson(ref));
    if (!parsed.success) throw badRequest(`x-portkey-config: not a valid config (${parsed.error.issues[0]?.message}).`);
    config = parsed.data;
  } else {
    const stored = store.findConfig(ref);
    if (!stored || stored.workspace_id !== workspaceId || stored.status !== "active") throw missing(`Config ${ref} not found in this API key's workspace.`);
    config = stored.config as GatewayConfig;
    configSlug = stored.slug;
  }
  const slugs = providerRefs(config);
  const unknown = slugs.filter((slug) => !store.findProvider(slug, workspaceId));
  if (unknown.length > 0) throw badRequest(`Config ${configSlug ?? "(inline)"} targets providers that do not exist in this workspace: ${unknown.map((slug) => `@${slug}`).join(", ")}.`);
  const chosen = firstTarget(config);
  const slug = chosen.at(-1)?.provider ?? chosen.at(-1)?.virtual_key;
  if (!slug) throw badRequest(`Config ${configSlug ?? "(inline)"} has no target with a provider.`);
  const forwardHeaders = chosen.flatMap((level) => level.forward_headers ?? []);
  const model = chosen.map((level) => level.override_params?.model).findLast((value) => typeof value === "string");
  return { ...checkProvider(store, workspaceId, slug.replace(/^@/, "")), configSlug, forwardHeaders, modelOverride: model as string | undefined };
}

/** Every provider slug a config mentions, at any depth. */
function providerRefs(config: GatewayConfig): string[] {
  const own = [config.provider, config.virtual_key].filter((value): value is string => typeof value === "string" && (value.startsWith("@") || value === config.virtual_key));
  return [...own.map((value) => value.replace(/^@/, "")), ...(config.targets ?? []).flatMap(providerRefs)];
}

/** The chain of config levels down to the target that serves: first target with weight ≠ 0. */
function firstTarget(config: GatewayConfig): GatewayConfig[] {
  const next = config.targets?.find((target) => target.weight !== 0);
  return next ? [config, ...firstTarget(next)] : [config];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
