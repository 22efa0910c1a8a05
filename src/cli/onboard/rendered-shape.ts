/**
 * What a team's settings may carry, per settings mode, derived from the renderer itself: each
 * mode is rendered once with every optional input set (both routings, metadata, trace id, the
 * switches), and the keys that come out are the allowed ones. A key the renderer learns later
 * is allowed here without a second list to keep in step; anything else came from somewhere else.
 */
import { parseCustomHeaders } from "../../constructs/settings/custom-headers";
import { renderSettings, type SettingsInput, type SettingsMode } from "../../constructs/settings/render";
import type { ClaudeSettings } from "../../constructs/settings/types";

export interface RenderedShape {
  readonly mode: SettingsMode;
  /** Top-level keys, `env` included. */
  readonly topLevel: ReadonlySet<string>;
  readonly env: ReadonlySet<string>;
  /** Header names inside ANTHROPIC_CUSTOM_HEADERS, lower case. */
  readonly headers: ReadonlySet<string>;
}

export const SETTINGS_MODES: readonly SettingsMode[] = ["provider-slug", "api-key-helper", "legacy-vertex"];

/** Every optional input set; the values only need to pass the renderer's own rules. */
const PROBE: SettingsInput = {
  gatewayUrl: "https://gateway.example",
  apiKey: "probe-key-not-a-secret",
  apiKeyHelper: "print-key",
  routing: { providerSlug: "probe" },
  metadata: { probe: "probe" },
  traceId: "probe",
  disableExperimentalBetas: true,
  disableNonessentialTraffic: true,
  legacy: { vertexProjectId: "probe", vertexRegion: "us-east5", virtualKey: "probe" },
};

function deriveShape(mode: SettingsMode): RenderedShape {
  const topLevel = new Set<string>();
  const env = new Set<string>();
  const headers = new Set<string>();
  for (const routing of [{ providerSlug: "probe" }, { configSlug: "probe" }]) {
    const { settings } = renderSettings({ ...PROBE, mode, routing });
    for (const key of Object.keys(settings)) topLevel.add(key);
    for (const [name, value] of Object.entries(settings.env ?? {})) {
      env.add(name);
      if (name === "ANTHROPIC_CUSTOM_HEADERS") for (const header of parseCustomHeaders(value).headers) headers.add(header.name.toLowerCase());
    }
  }
  return { mode, topLevel, env, headers };
}

const shapes = new Map<SettingsMode, RenderedShape>();

export function renderedShape(mode: SettingsMode): RenderedShape {
  let shape = shapes.get(mode);
  if (!shape) {
    shape = deriveShape(mode);
    shapes.set(mode, shape);
  }
  return shape;
}

export interface InferredMode {
  readonly mode: SettingsMode;
  /** What in the settings gave the mode away, for the confirmation line. */
  readonly because: string;
}

/**
 * The renderer's modes differ in how the key travels: ANTHROPIC_AUTH_TOKEN (provider-slug), a
 * helper command (api-key-helper), or a header under the Vertex switches (legacy-vertex). With
 * both a token and a helper it is provider-slug, and the helper is the stranger.
 */
export function inferMode(settings: ClaudeSettings): InferredMode {
  const env = settings.env ?? {};
  if (env.CLAUDE_CODE_USE_VERTEX !== undefined || env.ANTHROPIC_VERTEX_BASE_URL !== undefined) {
    return { mode: "legacy-vertex", because: "CLAUDE_CODE_USE_VERTEX / ANTHROPIC_VERTEX_BASE_URL are set" };
  }
  if (settings.apiKeyHelper !== undefined && env.ANTHROPIC_AUTH_TOKEN === undefined) {
    return { mode: "api-key-helper", because: "apiKeyHelper is set and ANTHROPIC_AUTH_TOKEN is not" };
  }
  return { mode: "provider-slug", because: "ANTHROPIC_AUTH_TOKEN carries the key" };
}
