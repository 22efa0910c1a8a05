/**
 * A seeded fault profile in which a given share of Admin API requests fails transiently, split
 * evenly between 429 (with Retry-After), 502, 503, a connection reset before the request is
 * performed, and a dropped response after it was performed (the case that tempts a client into
 * duplicating a create).
 */
import type { FaultProfile } from "../../../src/cli/emulator";
import type { Fault } from "../../../src/cli/emulator/faults";

const TRANSIENT: readonly Fault[] = [
  { kind: "status", status: 429, retryAfterSeconds: 1 },
  { kind: "status", status: 502 },
  { kind: "status", status: 503 },
  { kind: "drop" },
  { kind: "dropResponse" },
];

/**
 * Rules fire in order and each draws only when the earlier ones did not fire, so rule i gets the
 * conditional probability that makes every kind fire for `share / 5` of all requests.
 * The path `/v1/**` is every Admin API route (the suites send no gateway traffic).
 */
export function transientFaults(rate: number, seed: number): FaultProfile {
  const share = rate / TRANSIENT.length;
  return {
    seed,
    rules: TRANSIENT.map((fault, index) => ({ method: "*", path: "/v1/**", fault, probability: share / (1 - share * index) })),
  };
}
