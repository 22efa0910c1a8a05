/**
 * How doctor shows the layers and the effective values: as `--json` fields and as lines. Values
 * of secret variables are masked here already; the Output scrubs whatever else it was told of.
 */
import type { EffectiveValue, Origin, Sourced } from "../layers/effective";
import type { SettingsLayer } from "../layers/read";
import type { RequestModel } from "../layers/request-model";
import { isSecretEnv, maskValue } from "../onboard/mask";
import { isGatewayEnv } from "../onboard/merge";
import type { Inspection } from "./effective-settings";

const PROXY_ENV = new Set(["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"]);

/** The variables doctor reports: the gateway's, and the proxies the probe follows. */
export const isReportedEnv = (name: string): boolean => isGatewayEnv(name) || PROXY_ENV.has(name);

/** Secrets masked; a URL's `user:password@` too (a proxy or base URL may carry one). */
const masked = (name: string, value: string) => (isSecretEnv(name) ? maskValue(value) : withoutUserinfo(value));

const withoutUserinfo = (value: string) => value.replace(/\/\/[^/?#\s]*@/g, "//***@");

export interface LayerReport {
  readonly source: SettingsLayer["source"];
  readonly path: string;
  readonly state: "present" | "missing" | "unusable";
  readonly reason?: string;
  /** The reported keys it sets (`env.NAME`, `model`, `apiKeyHelper`). */
  readonly sets: string[];
}

export interface ValueReport {
  readonly value: string;
  readonly source: Origin["source"];
  readonly path: string;
  readonly hides: { value: string; source: Origin["source"]; path: string }[];
}

function setsOf(layer: SettingsLayer): string[] {
  if (layer.state.kind !== "ok") return [];
  const settings = layer.state.settings;
  const env = Object.keys(settings.env ?? {})
    .filter(isReportedEnv)
    .map((name) => `env.${name}`);
  return [...env, ...(["model", "apiKeyHelper", "forceLoginMethod", "forceLoginOrgUUID"] as const).filter((key) => settings[key] !== undefined)];
}

export function layerReports(layers: readonly SettingsLayer[]): LayerReport[] {
  return layers.map((layer) => ({
    source: layer.source,
    path: layer.path,
    state: layer.state.kind === "ok" ? "present" : layer.state.kind === "missing" ? "missing" : "unusable",
    ...(layer.state.kind === "corrupt" ? { reason: layer.state.reason } : {}),
    sets: setsOf(layer),
  }));
}

function valueReport(name: string, value: EffectiveValue): ValueReport {
  const one = (item: Sourced) => ({ value: masked(name, item.value), source: item.from.source, path: item.from.path });
  return { ...one(value), hides: value.hides.map(one) };
}

/** `{ "env.ANTHROPIC_BASE_URL": {value, source, path, hides}, "model": …, "apiKeyHelper": … }` */
export function effectiveReport(inspection: Inspection): Record<string, ValueReport> {
  const out: Record<string, ValueReport> = {};
  for (const [name, value] of Object.entries(inspection.effective.env).sort(([a], [b]) => a.localeCompare(b))) {
    if (isReportedEnv(name)) out[`env.${name}`] = valueReport(name, value);
  }
  if (inspection.effective.model) out.model = valueReport("model", inspection.effective.model);
  if (inspection.effective.apiKeyHelper) out.apiKeyHelper = valueReport("apiKeyHelper", inspection.effective.apiKeyHelper);
  return out;
}

export function modelReport(model: RequestModel) {
  return { id: model.id, chosen: { value: model.chosen.value, source: model.chosen.from.source, path: model.chosen.from.path }, ...(model.slot ? { slot: model.slot.name } : {}) };
}

const where = (from: { source: string; path: string }) => (from.source === "shell" ? "shell" : `${from.source} ${from.path}`);

export function layerLines(cwd: string, layers: readonly LayerReport[], shellNames: readonly string[]): string[] {
  const lines = [`→ settings layers for ${cwd}, highest first (as Claude Code 2.1.330 applies them):`];
  for (const layer of layers) {
    const state = layer.state === "present" ? (layer.sets.length > 0 ? `sets ${layer.sets.join(", ")}` : "present, no gateway keys") : layer.state === "missing" ? "not present" : `unusable: ${layer.reason}`;
    lines.push(`    ${layer.source.padEnd(8)} ${layer.path}: ${state}`);
  }
  const exported = shellNames.length > 0 ? `exports ${shellNames.join(", ")}` : "exports no gateway variable";
  lines.push(`    ${"shell".padEnd(8)} ${exported} (a variable any file sets wins over the export)`);
  return lines;
}

export function effectiveLines(effective: Record<string, ValueReport>, model: ReturnType<typeof modelReport>): string[] {
  const lines = ["→ effective values (what Claude Code uses, and where each comes from):"];
  for (const [key, value] of Object.entries(effective)) lines.push(`    ${key.padEnd(40)} ${JSON.stringify(value.value)}  (${where(value)})`);
  const through = model.slot ? ` through ${model.slot}` : "";
  lines.push(`    ${"model in requests".padEnd(40)} ${model.id}  (${JSON.stringify(model.chosen.value)} from ${where(model.chosen)}${through})`);
  return lines;
}
