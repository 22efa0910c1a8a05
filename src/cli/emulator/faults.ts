/**
 * Fault injection, per route and seedable. A profile is a list of rules; each names a method
 * and a path pattern and one fault. Rules are evaluated in order for every request: latency
 * rules add up, the first other fault that fires decides the outcome. With `probability` < 1
 * the seeded PRNG decides, so the same seed and profile give the same sequence every run.
 */
import { z } from "zod";
// One PRNG for the project: the client's jitter and the emulator's faults draw from the same mulberry32.
import { seededRandom } from "../../portkey/retry-policy";

type Random = () => number;

/** The 2xx bodies a client cannot use, each seen from real proxies and gateways. */
export const garbledVariants = ["html", "empty", "null", "array", "truncated", "no-id", "wrong-types"] as const;
export type GarbledVariant = (typeof garbledVariants)[number];

export const faultSchema = z.discriminatedUnion("kind", [
  /**
   * Answer with this status (429 carries `Retry-After`); the request is not performed. `code`
   * and `message` override the Admin API error body; `envelope` "html" answers a proxy's HTML
   * page and "empty" no body at all (a 404 without body, a 403 from a WAF).
   */
  z.object({
    kind: z.literal("status"),
    status: z.number().int().min(400).max(599),
    retryAfterSeconds: z.number().int().min(0).optional(),
    code: z.string().regex(/^AB\d\d$/, "an Admin API error code such as AB03").optional(),
    message: z.string().optional(),
    envelope: z.enum(["json", "html", "empty"]).optional(),
  }),
  /** Wait this long before handling the request. */
  z.object({ kind: z.literal("latency"), ms: z.number().int().min(0) }),
  /** Destroy the socket before any response; the request is not performed. */
  z.object({ kind: z.literal("drop") }),
  /** Answer 200 with a body that is not JSON; the request is not performed. */
  z.object({ kind: z.literal("malformed") }),
  /** Perform the request, then destroy the socket instead of answering: proves the client never duplicates. */
  z.object({ kind: z.literal("dropResponse") }),
  /** Perform the request, then answer the route's 2xx status with a body of this variant. */
  z.object({ kind: z.literal("garbled"), variant: z.enum(garbledVariants) }),
  /**
   * Wait `ms`, then perform the request even if the client has gone away (timed out, closed the
   * socket); answer normally if it is still there: a write the server finishes after the client gave up.
   */
  z.object({ kind: z.literal("performLate"), ms: z.number().int().min(0) }),
  /**
   * Perform the request, then never answer (the socket is closed after `ms`, default 5 minutes):
   * the moment a test kills the client process, after the write and before it could record it.
   */
  z.object({ kind: z.literal("hang"), ms: z.number().int().min(0).optional() }),
]);

export const faultRuleSchema = z.object({
  /** HTTP method, or "*" for any. */
  method: z.string().min(1).default("*"),
  /** Path pattern without query: `*` or `:name` match one segment, `**` the rest (e.g. "/v1/configs/**"). */
  path: z.string().startsWith("/", "must start with /"),
  fault: faultSchema,
  probability: z.number().min(0).max(1).default(1),
  /** Let the first N matching requests through before the rule starts firing. */
  after: z.number().int().min(0).default(0),
  /** Fire at most N times. */
  times: z.number().int().min(1).optional(),
});

export const faultProfileSchema = z.object({
  /** Seed for the PRNG behind `probability`; defaults to the emulator's seed. */
  seed: z.number().int().optional(),
  /** Latency added to every request, on top of the emulator's `latencyMs`. */
  latencyMs: z.number().int().min(0).optional(),
  rules: z.array(faultRuleSchema).default([]),
});

/** What callers write (defaults optional); load one from JSON with `faultProfileSchema.parse`. */
export type FaultProfile = z.input<typeof faultProfileSchema>;
export type Fault = z.infer<typeof faultSchema>;
export type FaultKind = Fault["kind"];

export interface FaultDecision {
  readonly latencyMs: number;
  readonly fault?: Exclude<Fault, { kind: "latency" }>;
}

interface RuleState {
  readonly rule: z.infer<typeof faultRuleSchema>;
  matched: number;
  fired: number;
}

export class FaultEngine {
  private rules: RuleState[] = [];
  private random: Random = seededRandom(0);
  private profileLatency = 0;
  private current: FaultProfile = { rules: [] };

  constructor(
    private readonly defaultSeed: number,
    private readonly baseLatencyMs: number,
    profile: FaultProfile = { rules: [] },
  ) {
    this.set(profile);
  }

  /** Replace the profile; counters and the PRNG restart, so a profile replays identically. */
  set(profile: FaultProfile): void {
    const parsed = faultProfileSchema.parse(profile);
    this.current = profile;
    this.rules = parsed.rules.map((rule) => ({ rule, matched: 0, fired: 0 }));
    this.random = seededRandom(parsed.seed ?? this.defaultSeed);
    this.profileLatency = parsed.latencyMs ?? 0;
  }

  get profile(): FaultProfile {
    return this.current;
  }

  decide(method: string, path: string): FaultDecision {
    let latencyMs = this.baseLatencyMs + this.profileLatency;
    for (const state of this.rules) {
      const { rule } = state;
      if (!methodMatches(rule.method, method) || !pathMatches(rule.path, path)) continue;
      state.matched++;
      if (state.matched <= rule.after) continue;
      if (rule.times !== undefined && state.fired >= rule.times) continue;
      if (rule.probability < 1 && this.random() >= rule.probability) continue;
      state.fired++;
      if (rule.fault.kind === "latency") latencyMs += rule.fault.ms;
      else return { latencyMs, fault: rule.fault };
    }
    return { latencyMs };
  }
}

const methodMatches = (pattern: string, method: string): boolean => pattern === "*" || pattern.toUpperCase() === method.toUpperCase();

export function pathMatches(pattern: string, path: string): boolean {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  for (let index = 0; index < want.length; index++) {
    const part = want[index];
    if (part === "**") return true;
    if (index >= have.length) return false;
    if (part !== "*" && !part.startsWith(":") && part !== have[index]) return false;
  }
  return want.length === have.length;
}
