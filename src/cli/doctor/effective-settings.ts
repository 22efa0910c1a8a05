/**
 * What Claude Code will actually use in one working directory: every settings layer it reads
 * (managed, --settings, local, project, user), merged over the shell's environment the way the
 * real client merges them (../layers/effective.ts), with findings about each layer, about how
 * they combine, and about the effective values against the gateway rules.
 */
import { checkSettings, type RuleOptions } from "../../constructs/settings/rules";
import type { ClaudeSettings, Finding } from "../../constructs/settings/types";
import { type EffectiveSettings, effectiveSettings, effectiveView } from "../layers/effective";
import { type LayerContext, readLayers, type SettingsLayer } from "../layers/read";
import { requestModel, type RequestModel } from "../layers/request-model";
import { checkLayers, LAYER_RULES, type LayerRule } from "./layer-rules";
import { layerFindings } from "./layer-findings";

export interface Inspection {
  readonly layers: SettingsLayer[];
  readonly effective: EffectiveSettings;
  /** The effective values as one settings object (env without empty values). */
  readonly view: ClaudeSettings;
  readonly model: RequestModel;
  readonly findings: Finding[];
}

export interface InspectOptions extends RuleOptions {
  /** `--model`, as given to Claude Code. */
  readonly model?: string;
  readonly layerRules?: readonly LayerRule[];
}

export function inspectSettings(context: LayerContext, options: InspectOptions = {}): Inspection {
  const layers = readLayers(context);
  const effective = effectiveSettings(layers, context.env);
  const view = effectiveView(effective);
  const findings = [...checkLayers(layers, options.layerRules ?? LAYER_RULES), ...layerFindings(layers, effective), ...checkSettings(view, {}, options)];
  return { layers, effective, view, model: requestModel(effective, options.model), findings };
}
