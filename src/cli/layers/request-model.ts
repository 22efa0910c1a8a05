/**
 * The model ID Claude Code puts in the request body, and where it comes from. Observed with
 * Claude Code 2.1.330 in `-p` mode (claude-code-gateway.md):
 * - `--model` wins; then `ANTHROPIC_MODEL` (from any settings file's env, else the shell), which
 *   wins over the `model` setting of every layer; then `model`; else the client's default, opus;
 * - the aliases opus, sonnet, haiku (any case) go through ANTHROPIC_DEFAULT_{OPUS,SONNET,HAIKU}_MODEL;
 *   `best` is opus; `opusplan` is sonnet outside plan mode; a `[1m]` suffix does not change the ID;
 * - an alias whose slot is unset goes out as the client's built-in ID (below), which changes
 *   from version to version: the reason the rendered settings set every slot.
 * Anything else (including "default") is sent as written.
 */
import type { ModelFamily } from "../../constructs/models/catalogue";
import type { EffectiveSettings, Origin, Sourced } from "./effective";

/** What 2.1.330 sends for an alias whose slot variable is unset. */
export const CLIENT_BUILT_IN_MODELS: Readonly<Record<ModelFamily, string>> = {
  opus: "claude-opus-5-5",
  sonnet: "claude-sonnet-5-5",
  haiku: "claude-haiku-5-5",
};

const ALIASES: Readonly<Record<string, ModelFamily>> = { opus: "opus", best: "opus", sonnet: "sonnet", opusplan: "sonnet", haiku: "haiku" };

export const COMMAND_LINE: Origin = { source: "command-line", path: "--model" };
export const CLIENT_DEFAULT: Origin = { source: "command-line", path: "(Claude Code's default)" };

export interface RequestModel {
  /** The ID in the request body. */
  readonly id: string;
  /** The alias or ID chosen, and where. */
  readonly chosen: Sourced;
  /** For an alias: the slot variable that turned it into `id`, or undefined when the slot is unset. */
  readonly slot?: { readonly name: string; readonly from?: Origin };
}

/** The ID an alias or ID turns into with these slot variables. */
export function modelId(value: string, effective: EffectiveSettings): string {
  return resolve({ value, from: CLIENT_DEFAULT }, effective).id;
}

export function requestModel(effective: EffectiveSettings, override?: string): RequestModel {
  return resolve(chosenModel(effective, override), effective);
}

/** --model, else ANTHROPIC_MODEL, else `model`, else opus; an empty value counts as unset. */
function chosenModel(effective: EffectiveSettings, override?: string): Sourced {
  if (override) return { value: override, from: COMMAND_LINE };
  const variable = effective.env.ANTHROPIC_MODEL;
  if (variable?.value) return variable;
  if (effective.model?.value) return effective.model;
  return { value: "opus", from: CLIENT_DEFAULT };
}

function resolve(chosen: Sourced, effective: EffectiveSettings): RequestModel {
  const family = ALIASES[chosen.value.replace(/\[1m\]$/i, "").toLowerCase()];
  if (!family) return { id: chosen.value, chosen };
  const name = `ANTHROPIC_DEFAULT_${family.toUpperCase()}_MODEL`;
  const slot = effective.env[name];
  if (slot && slot.value !== "") return { id: slot.value, chosen, slot: { name, from: slot.from } };
  return { id: CLIENT_BUILT_IN_MODELS[family], chosen, slot: { name } };
}
