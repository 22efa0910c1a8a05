/**
 * The fault mix of the reliability runs: `rate` of all Admin API requests get a fault, split
 * evenly between 429 with Retry-After, 5xx, connection resets, dropped responses after the
 * write was performed, and added latency. Seeded: the same seed replays the same faults.
 */
import type { FaultProfile } from "../../src/cli/emulator";

type Rule = NonNullable<FaultProfile["rules"]>[number];

export function faultMix(rate: number, seed: number): FaultProfile {
  const deciding: Array<Rule["fault"]> = [
    { kind: "status", status: 429, retryAfterSeconds: 1 },
    { kind: "status", status: 503 },
    { kind: "drop" },
    { kind: "dropResponse" },
  ];
  const share = rate / (deciding.length + 1);
  // Latency rules add up and let evaluation go on, so it is drawn independently: choose its
  // probability so that P(latency or a deciding fault) = rate.
  const decidingTotal = share * deciding.length;
  const latencyProbability = 1 - (1 - rate) / (1 - decidingTotal);
  // Rules are tried in order and each draws on its own: the k-th must fire with
  // share / (1 - shares before it) for every kind to hit `share` overall.
  const rules: Rule[] = deciding.map((fault, k) => ({ method: "*", path: "/v1/**", fault, probability: share / (1 - share * k) }));
  return { seed, rules: [{ method: "*", path: "/v1/**", fault: { kind: "latency", ms: 500 }, probability: latencyProbability }, ...rules] };
}
