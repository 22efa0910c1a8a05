/**
 * What will win over the file onboard writes. Claude Code 2.1.330 applies managed >
 * --settings > local > project > user, variable by variable, and any file's env over the shell
 * (../layers/effective.ts); so a value onboard writes can be overridden by a higher layer that
 * already exists here (a stale project file, a managed file, a managed-settings.d drop-in).
 * Said before writing: the file is still written (the user asked for it), with a warning per
 * overridden value and the fix.
 */
import { resolve } from "node:path";
import type { ClaudeSettings, Finding } from "../../constructs/settings/types";
import { describeOrigin, forceLoginFindings, shown } from "../doctor/layer-findings";
import { effectiveSettings } from "../layers/effective";
import { type LayerContext, readLayers, type SettingsLayer } from "../layers/read";
import { modelId } from "../layers/request-model";
import { isGatewayEnv } from "./merge";

export interface LayerNotes {
  /** Progress lines: which layers sit above the target here. */
  readonly lines: string[];
  readonly warnings: Finding[];
}

/** The layers with `written` in place of the target file's current content. */
function withWritten(layers: SettingsLayer[], target: string, written: ClaudeSettings): { layers: SettingsLayer[]; index: number } {
  const index = layers.findIndex((layer) => resolve(layer.path) === resolve(target));
  if (index < 0) return { layers, index };
  const copy = [...layers];
  copy[index] = { ...layers[index], state: { kind: "ok", settings: written } };
  return { layers: copy, index };
}

function overridden(name: string, above: string, written: string | undefined, winner: { value: string }): Finding {
  return {
    rule: "written-value-overridden",
    severity: "warning",
    message: `${name}${written === undefined ? " (not in the team's settings)" : ` ${shown(name, written)}`} is overridden here by ${above} (${shown(name, winner.value)}): Claude Code uses that value, not the one written.`,
    fix: `Remove ${name} from that file (or update it with onboard), then check with \`claude-vertex-portkey doctor --probe\`.`,
  };
}

/** `context` is where Claude Code would run (home, folder, shell, managed folder); `target` the file written. */
export function layerNotes(context: LayerContext, target: string, written: ClaudeSettings): LayerNotes {
  const { layers, index } = withWritten(readLayers(context), target, written);
  if (index < 0) return { lines: [], warnings: [] };
  const above = layers.slice(0, index).filter((layer) => layer.state.kind === "ok");
  const lines = [
    `→ Claude Code (2.1.330) applies managed > --settings > local > project > user, and any file's env over your shell; above ${target} here: ${
      above.length === 0 ? "nothing" : above.map((layer) => `${layer.source} ${layer.path}`).join(", ")
    }`,
  ];
  const effective = effectiveSettings(layers, context.env);
  const isAbove = (path: string) => layers.slice(0, index).some((layer) => layer.path === path);
  const warnings: Finding[] = [];
  for (const [name, value] of Object.entries(effective.env)) {
    if (!isGatewayEnv(name) || !isAbove(value.from.path)) continue;
    if (written.env?.[name] === value.value) continue;
    warnings.push(overridden(`env.${name}`, describeOrigin(value.from), written.env?.[name], value));
  }
  for (const key of ["model", "apiKeyHelper"] as const) {
    const value = effective[key];
    if (value && isAbove(value.from.path) && value.value !== written[key]) warnings.push(overridden(key, describeOrigin(value.from), written[key], value));
  }
  const variable = effective.env.ANTHROPIC_MODEL;
  if (variable?.value && written.model && modelId(variable.value, effective) !== modelId(written.model, effective) && written.env?.ANTHROPIC_MODEL === undefined) {
    warnings.push({
      rule: "written-value-overridden",
      severity: "warning",
      message: `"model": ${JSON.stringify(written.model)} is overridden here by ANTHROPIC_MODEL ${shown("ANTHROPIC_MODEL", variable.value)} from ${describeOrigin(variable.from)}: Claude Code (2.1.330) ranks the variable above every model setting.`,
      fix: `Remove ANTHROPIC_MODEL from ${variable.from.source === "shell" ? "your shell profile (and `unset ANTHROPIC_MODEL`)" : variable.from.path}.`,
    });
  }
  warnings.push(...forceLoginFindings(effective).map((finding) => ({ ...finding, severity: "warning" as const })));
  return { lines, warnings };
}
