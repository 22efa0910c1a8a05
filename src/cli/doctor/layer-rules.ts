/**
 * Rules run on each settings layer by itself, whoever wrote it: `(settings, layer) => Finding[]`.
 * More rule sets plug in by joining LAYER_RULES (e.g. dangerous content: hooks, bypassed
 * permissions, NODE_OPTIONS, proxies), and then apply to every layer doctor reads.
 */
import { statSync } from "node:fs";
import type { ClaudeSettings, Finding } from "../../constructs/settings/types";
import { describeLayer, INLINE, type LayerRef, type SettingsLayer } from "../layers/read";
import { isSecretEnv } from "../onboard/mask";
import { dangersIn } from "./dangerous-content";

export type LayerRule = (settings: ClaudeSettings, layer: LayerRef) => Finding[];

/** A key name from someone else's file, safe to print (no control characters reach the terminal). */
const printable = (name: string) => (/^[\w.-]+$/.test(name) ? name : JSON.stringify(name));

/** Claude Code 2.1.330 sends `String(value)`: 5 → "5", null → "null", {} → "[object Object]". */
const nonStringValues: LayerRule = (settings, layer) => {
  const findings: Finding[] = [];
  for (const [name, value] of Object.entries(settings.env ?? {})) {
    if (typeof value === "string") continue;
    findings.push({
      rule: "env-not-string",
      severity: "error",
      message: `env.${printable(name)} in ${describeLayer(layer)} is ${JSON.stringify(value)} (a ${value === null ? "null" : typeof value}), not a string; Claude Code (2.1.330) uses it as the text ${JSON.stringify(String(value))}.`,
      fix: `Quote it: ${JSON.stringify(name)}: ${JSON.stringify(String(value))}.`,
    });
  }
  for (const field of ["model", "apiKeyHelper"] as const) {
    if (settings[field] !== undefined && typeof settings[field] !== "string") {
      findings.push({ rule: "env-not-string", severity: "error", message: `${field} in ${describeLayer(layer)} must be a string.`, fix: `Set "${field}" to a string.` });
    }
  }
  return findings;
};

/**
 * A file holding a key must not be readable by other users. Managed settings are readable by
 * every user on purpose (onboard says so when it writes one), so they are not flagged here.
 */
const readableByOthers: LayerRule = (settings, layer) => {
  if (layer.source === "managed" || layer.path === INLINE || process.platform === "win32") return [];
  const holdsKey = Object.entries(settings.env ?? {}).some(([name, value]) => isSecretEnv(name) && typeof value === "string" && value !== "");
  if (!holdsKey) return [];
  const mode = statSync(layer.path).mode & 0o777;
  if ((mode & 0o077) === 0) return [];
  return [
    {
      rule: "settings-readable-by-others",
      severity: "warning",
      message: `${layer.path} holds the Portkey key and has mode ${mode.toString(8).padStart(4, "0")}: other users of this machine can read it.`,
      fix: `chmod 600 "${layer.path}"`,
    },
  ];
};

/** Hooks, bypassed permissions, code-loading env, TLS off, proxies, plain-http gateways, pipelines (dangerous-content.ts). */
const dangerousContent: LayerRule = (settings, layer) =>
  dangersIn(settings).map((danger) => ({
    rule: danger.rule,
    severity: danger.severity,
    message: `${printable(danger.key)} in ${describeLayer(layer)} ${danger.why}.`,
    fix: danger.fix,
  }));

export const LAYER_RULES: readonly LayerRule[] = [nonStringValues, readableByOthers, dangerousContent];

/** Every per-layer rule on every layer that could be read. */
export function checkLayers(layers: readonly SettingsLayer[], rules: readonly LayerRule[] = LAYER_RULES): Finding[] {
  return layers.flatMap((layer) => {
    const state = layer.state;
    return state.kind === "ok" ? rules.flatMap((rule) => rule(state.settings, layer)) : [];
  });
}
