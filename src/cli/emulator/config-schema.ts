/**
 * The gateway config JSON (fact sheet §9.4), checked loosely: the fields the emulator's gateway
 * acts on are typed, everything else passes through (the live schema is stricter).
 */
import { z } from "zod";

const strategy = z
  .object({
    mode: z.enum(["single", "loadbalance", "fallback", "conditional"], { error: 'must be "single", "loadbalance", "fallback" or "conditional" (spelled loadbalance)' }),
    on_status_codes: z.array(z.number().int()).optional(),
    // Each condition is { query, then }; built with a computed key because a literal `then` property
    // makes an object look like a promise to linters.
    conditions: z.array(z.looseObject({ query: z.record(z.string(), z.json()), ["then" as string]: z.string() })).optional(),
    default: z.string().optional(),
  })
  .refine((value) => value.mode !== "conditional" || (value.conditions !== undefined && value.default !== undefined), {
    message: "conditional mode needs conditions and default",
  });

const forwardHeaders = z.array(z.string()).refine((names) => !names.some((name) => name.toLowerCase() === "x-portkey-forward-headers"), {
  message: "must not include x-portkey-forward-headers",
});

export interface GatewayConfig {
  strategy?: z.infer<typeof strategy>;
  targets?: GatewayConfig[];
  provider?: string;
  virtual_key?: string;
  weight?: number;
  override_params?: Record<string, unknown>;
  forward_headers?: string[];
  [extra: string]: unknown;
}

export const gatewayConfigSchema: z.ZodType<GatewayConfig> = z.looseObject({
  strategy: strategy.optional(),
  get targets() {
    return z.array(gatewayConfigSchema).min(1).optional();
  },
  provider: z.string().min(1).optional(),
  virtual_key: z.string().min(1).optional(),
  weight: z.number().min(0).optional(),
  override_params: z.record(z.string(), z.unknown()).optional(),
  forward_headers: forwardHeaders.optional(),
  retry: z
    .looseObject({ attempts: z.number().int().min(0).max(5), on_status_codes: z.array(z.number().int()).optional() })
    .optional(),
  cache: z.looseObject({ mode: z.enum(["simple", "semantic"]), max_age: z.number().int().min(0).optional() }).optional(),
});
