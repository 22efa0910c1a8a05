/**
 * TF_REATTACH_PROVIDERS: how Terraform is told that a provider is already running and where
 * to dial it, instead of starting one per command. go-plugin's ReattachConfig, keyed by the
 * provider's source address. "Test": true makes it unmanaged: Terraform never kills it or sends
 * Shutdown, so it outlives each command.
 */
import { PROVIDER_SOURCE } from "../../provider/install/address";

export const REATTACH_VAR = "TF_REATTACH_PROVIDERS";

export interface WarmEndpoint {
  readonly pid: number;
  readonly socketPath: string;
}

/** Reads `1|6|unix|<path>|grpc` (the warm provider's handshake line). */
export function parseWarmHandshake(line: string, pid: number): WarmEndpoint {
  const fields = line.trim().split("|");
  if (fields.length !== 5 || fields[0] !== "1" || fields[1] !== "6" || fields[2] !== "unix" || fields[4] !== "grpc" || !fields[3]) {
    throw new Error(`the warm provider answered ${JSON.stringify(line.slice(0, 200))} instead of its address line (1|6|unix|<socket>|grpc)`);
  }
  return { pid, socketPath: fields[3] };
}

/** The provider this package serves, if `existing` already reattaches it (a nested `warm`). */
export function alreadyWarm(existing: string | undefined): boolean {
  return existing !== undefined && existing.trim() !== "" && PROVIDER_SOURCE in parseExisting(existing);
}

/** `existing` plus this provider; other providers' entries are kept. */
export function reattachValue(endpoint: WarmEndpoint, existing: string | undefined): string {
  const entries = existing === undefined || existing.trim() === "" ? {} : parseExisting(existing);
  entries[PROVIDER_SOURCE] = { Protocol: "grpc", ProtocolVersion: 6, Pid: endpoint.pid, Test: true, Addr: { Network: "unix", String: endpoint.socketPath } };
  return JSON.stringify(entries);
}

function parseExisting(existing: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(existing);
  } catch {
    throw new Error(`${REATTACH_VAR} is set but is not JSON. Fix: unset it, or set it to a JSON object of provider address → reattach config.`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`${REATTACH_VAR} is set but is not a JSON object. Fix: unset it, or set it to an object of provider address → reattach config.`);
  }
  return parsed as Record<string, unknown>;
}
