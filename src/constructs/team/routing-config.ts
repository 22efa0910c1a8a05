/**
 * A team's routing props → the typed body of a `portkeyadmin_config` (fact sheet §9.4):
 * fallback across Vertex regions on 429/5xx, loadbalance with weights, retries, cache. Vertex
 * to Vertex fallback keeps thinking blocks valid (claude-code-gateway.md "Other traps"), and
 * `anthropic-beta` is never forwarded (Vertex answers 400 to Claude Code's betas).
 */
import type { PortkeyadminConfigConfig } from "../l1/portkeyadmin/config";
import { type ParsedTeamProps, RETRYABLE_STATUS_CODES } from "./schema";

export type ConfigBody = Pick<PortkeyadminConfigConfig, "strategy" | "targets" | "retry" | "cache">;

/** Whether the team needs a saved config at all: plain single-provider routing does not. */
export function needsConfig(routing: ParsedTeamProps["routing"]): boolean {
  return routing.strategy !== "none" || routing.retry !== undefined || routing.cache !== undefined;
}

/**
 * The config body. `providerSlugs[i]` is the provider made from the i-th target's integration
 * (for strategy "none", the single primary provider).
 */
export function routingConfigBody(routing: ParsedTeamProps["routing"], providerSlugs: readonly string[]): ConfigBody {
  const targets = routing.strategy === "none" ? [{ weight: undefined, model: undefined }] : (routing.targets ?? []);
  return {
    strategy:
      routing.strategy === "fallback"
        ? { mode: "fallback", onStatusCodes: [...RETRYABLE_STATUS_CODES] }
        : routing.strategy === "loadbalance"
          ? { mode: "loadbalance" }
          : { mode: "single" },
    targets: targets.map((target, index) => ({
      provider: `@${providerSlugs[index]}`,
      ...(routing.strategy === "loadbalance" ? { weight: target.weight ?? 1 } : {}),
      ...(target.model ? { overrideParams: { model: target.model } } : {}),
    })),
    ...(routing.retry ? { retry: { attempts: routing.retry.attempts, onStatusCodes: [...(routing.retry.onStatusCodes ?? RETRYABLE_STATUS_CODES)] } } : {}),
    ...(routing.cache ? { cache: { mode: routing.cache.mode, ...(routing.cache.maxAgeSeconds ? { maxAge: routing.cache.maxAgeSeconds } : {}) } } : {}),
  };
}
