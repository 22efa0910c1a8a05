/**
 * The values Claude Code acts on, each with the place it comes from and the values it hides.
 * Observed with Claude Code 2.1.330 (claude-code-gateway.md, "Observed with the real client"):
 * - `env` merges variable by variable: the highest layer that sets a variable wins, and a
 *   variable in any settings file's `env` wins over the same variable exported in the shell; a
 *   variable only in the shell still applies;
 * - a non-string `env` value is turned into text the JavaScript way (`5` → "5", `true` → "true");
 * - an empty string is a value: it hides lower ones, and Claude Code then acts as if unset;
 * - top-level keys (`model`, `apiKeyHelper`) take the highest layer that sets them;
 * - `forceLoginMethod` / `forceLoginOrgUUID` count only in managed settings (ignored elsewhere).
 */
import type { ClaudeSettings } from "../../constructs/settings/types";
import type { LayerRef, SettingsLayer } from "./read";

export const SHELL: Origin = { source: "shell", path: "(shell environment)" };

export interface Origin {
  readonly source: LayerRef["source"] | "shell" | "command-line";
  readonly path: string;
}

export interface Sourced {
  readonly value: string;
  readonly from: Origin;
}

export interface EffectiveValue extends Sourced {
  /** What lower layers (and the shell) set for the same name, highest first. */
  readonly hides: readonly Sourced[];
}

export interface EffectiveSettings {
  /** Every variable the client's process sees: settings files' env over the shell's. */
  readonly env: Readonly<Record<string, EffectiveValue>>;
  readonly model?: EffectiveValue;
  readonly apiKeyHelper?: EffectiveValue;
  /** Managed-only login restrictions (they block gateway credentials). */
  readonly forceLogin: readonly { readonly key: string; readonly value: unknown; readonly from: Origin }[];
}

const FORCE_LOGIN_KEYS = ["forceLoginMethod", "forceLoginOrgUUID"];

function settled(candidates: Sourced[]): EffectiveValue | undefined {
  const [winner, ...rest] = candidates;
  return winner && { ...winner, hides: rest };
}

/** `layers` highest first (as readLayers returns them); `shell` is the process environment. */
export function effectiveSettings(layers: readonly SettingsLayer[], shell: Readonly<Record<string, string | undefined>>): EffectiveSettings {
  const present = layers.flatMap((layer) => (layer.state.kind === "ok" ? [{ from: { source: layer.source, path: layer.path } as Origin, settings: layer.state.settings }] : []));
  const envCandidates = new Map<string, Sourced[]>();
  const add = (name: string, sourced: Sourced) => envCandidates.set(name, [...(envCandidates.get(name) ?? []), sourced]);
  for (const { from, settings } of present) {
    for (const [name, value] of Object.entries(settings.env ?? {})) add(name, { value: String(value), from });
  }
  for (const [name, value] of Object.entries(shell)) if (value !== undefined && value !== "") add(name, { value, from: SHELL });

  const env: Record<string, EffectiveValue> = {};
  for (const [name, candidates] of envCandidates) env[name] = settled(candidates) as EffectiveValue;
  const topLevel = (key: "model" | "apiKeyHelper") =>
    settled(present.flatMap(({ from, settings }) => (typeof settings[key] === "string" ? [{ value: settings[key] as string, from }] : [])));
  const forceLogin = present
    .filter(({ from }) => from.source === "managed")
    .flatMap(({ from, settings }) => FORCE_LOGIN_KEYS.filter((key) => settings[key] !== undefined && settings[key] !== null).map((key) => ({ key, value: settings[key], from })));
  return { env, model: topLevel("model"), apiKeyHelper: topLevel("apiKeyHelper"), forceLogin };
}

/** The env map Claude Code acts on; empty strings dropped (it treats them as unset). */
export function envValues(effective: EffectiveSettings): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, { value }] of Object.entries(effective.env)) if (value !== "") env[name] = value;
  return env;
}

/** One settings object of the effective values, for the gateway rules and the probe. */
export function effectiveView(effective: EffectiveSettings): ClaudeSettings {
  const view: ClaudeSettings = { env: envValues(effective) };
  if (effective.model) view.model = effective.model.value;
  if (effective.apiKeyHelper) view.apiKeyHelper = effective.apiKeyHelper.value;
  return view;
}
