/**
 * Render a team's Claude Code settings from resolved values. Pure: no I/O, no Terraform.
 * Every rendered file passes `checkSettings` with no error, or rendering throws.
 */
import { DEFAULT_MODELS, type ModelCatalogue, type ModelFamily } from "../models/catalogue";
import { formatCustomHeaders } from "./custom-headers";
import { checkSettings } from "./rules";
import type { ClaudeSettings, Finding } from "./types";

export type SettingsMode = "provider-slug" | "api-key-helper" | "legacy-vertex";

export type Routing = { readonly providerSlug: string } | { readonly configSlug: string };

export interface TeamModels {
  /** Vertex IDs for the three slots Claude Code resolves its aliases through. */
  readonly opus?: string;
  readonly sonnet?: string;
  readonly haiku?: string;
  /** The `model` setting: an alias or an ID. @default "sonnet" */
  readonly default?: string;
}

export interface SettingsInput {
  /** @default "provider-slug" */
  readonly mode?: SettingsMode;
  /** The gateway origin without /v1, e.g. https://api.portkey.ai. */
  readonly gatewayUrl: string;
  /** The team's Portkey API key (provider-slug and legacy modes). */
  readonly apiKey?: string;
  /** A command printing the key (api-key-helper mode), e.g. `gcloud secrets versions access latest --secret=…`. */
  readonly apiKeyHelper?: string;
  readonly routing: Routing;
  /** Sent as x-portkey-metadata (string values ≤ 128 chars). */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly traceId?: string;
  readonly models?: TeamModels;
  readonly disableExperimentalBetas?: boolean;
  readonly disableNonessentialTraffic?: boolean;
  /** Legacy Vertex mode only. */
  readonly legacy?: { readonly vertexProjectId: string; readonly vertexRegion: string; readonly virtualKey: string };
  readonly allowUnknownModels?: boolean;
  /** Retired model IDs the team keeps on purpose (it still has access under an exception). */
  readonly allowRetiredModels?: readonly string[];
  /** The catalogue and evaluation date the models are checked against. @default ModelCatalogue.builtIn() (today) */
  readonly catalogue?: ModelCatalogue;
}

export class SettingsRenderError extends Error {
  constructor(readonly findings: Finding[]) {
    super(`Refusing to render Claude Code settings:\n${findings.map((f) => `- ${f.message} Fix: ${f.fix}`).join("\n")}`);
  }
}

export interface RenderedSettings {
  readonly settings: ClaudeSettings;
  /** Warnings the caller should surface (e.g. legacy mode). */
  readonly warnings: Finding[];
}

export function renderSettings(input: SettingsInput): RenderedSettings {
  const mode = input.mode ?? "provider-slug";
  const settings = mode === "legacy-vertex" ? legacySettings(input) : gatewaySettings(input, mode);
  const findings = checkSettings(settings, {}, {
    allowUnknownModels: input.allowUnknownModels,
    allowRetiredModels: input.allowRetiredModels,
    catalogue: input.catalogue,
    retiredExceptionHint: (id) => `list "${id}" in the team's models.allowRetiredModels`,
  });
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0) throw new SettingsRenderError(errors);
  return { settings, warnings: findings.filter((f) => f.severity === "warning") };
}

function gatewaySettings(input: SettingsInput, mode: SettingsMode): ClaudeSettings {
  const headers: Record<string, string> = {};
  if ("providerSlug" in input.routing) headers["x-portkey-provider"] = `@${input.routing.providerSlug.replace(/^@/, "")}`;
  else headers["x-portkey-config"] = input.routing.configSlug;
  if (input.metadata && Object.keys(input.metadata).length > 0) headers["x-portkey-metadata"] = JSON.stringify(input.metadata);
  if (input.traceId) headers["x-portkey-trace-id"] = input.traceId;

  const env: Record<string, string> = { ANTHROPIC_BASE_URL: input.gatewayUrl.replace(/\/+$/, "") };
  if (mode === "provider-slug") {
    if (!input.apiKey) throw new SettingsRenderError([missing("apiKey", "provider-slug mode puts the team's Portkey key in ANTHROPIC_AUTH_TOKEN")]);
    env.ANTHROPIC_AUTH_TOKEN = input.apiKey;
  } else if (!input.apiKeyHelper) {
    throw new SettingsRenderError([missing("apiKeyHelper", "api-key-helper mode reads the key with a command")]);
  }
  env.ANTHROPIC_CUSTOM_HEADERS = formatCustomHeaders(headers);
  Object.assign(env, modelEnv(input.models), toggles(input));
  const settings: ClaudeSettings = { env, model: input.models?.default ?? "sonnet" };
  if (mode === "api-key-helper") settings.apiKeyHelper = input.apiKeyHelper;
  return settings;
}

/** The older Portkey docs' Vertex passthrough mode; rendered only on request, with a warning. */
function legacySettings(input: SettingsInput): ClaudeSettings {
  if (!input.legacy) throw new SettingsRenderError([missing("legacy", "legacy-vertex mode needs vertexProjectId, vertexRegion and virtualKey")]);
  if (!input.apiKey) throw new SettingsRenderError([missing("apiKey", "legacy-vertex mode sends the Portkey key as a header")]);
  const env: Record<string, string> = {
    CLAUDE_CODE_USE_VERTEX: "1",
    CLAUDE_CODE_SKIP_VERTEX_AUTH: "1",
    ANTHROPIC_VERTEX_BASE_URL: `${input.gatewayUrl.replace(/\/+$/, "").replace(/\/v1$/, "")}/v1`,
    ANTHROPIC_VERTEX_PROJECT_ID: input.legacy.vertexProjectId,
    CLOUD_ML_REGION: input.legacy.vertexRegion,
    // Legacy mode has no token slot: the key must travel as a header (the reason it is legacy).
    ANTHROPIC_CUSTOM_HEADERS: formatCustomHeaders({ "x-portkey-api-key": input.apiKey, "x-portkey-virtual-key": input.legacy.virtualKey }),
    ...modelEnv(input.models),
    ...toggles(input),
  };
  return { env, model: input.models?.default ?? "sonnet" };
}

function modelEnv(models: TeamModels = {}): Record<string, string> {
  const pick = (family: ModelFamily) => models[family] ?? DEFAULT_MODELS[family];
  return {
    ANTHROPIC_DEFAULT_OPUS_MODEL: pick("opus"),
    ANTHROPIC_DEFAULT_SONNET_MODEL: pick("sonnet"),
    ANTHROPIC_DEFAULT_HAIKU_MODEL: pick("haiku"),
  };
}

function toggles(input: SettingsInput): Record<string, string> {
  const env: Record<string, string> = {};
  if (input.disableExperimentalBetas) env.CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS = "1";
  if (input.disableNonessentialTraffic) env.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC = "1";
  return env;
}

function missing(field: string, why: string): Finding {
  return { rule: "missing-input", severity: "error", message: `${field} is required: ${why}.`, fix: `Pass ${field}.` };
}
