/**
 * The local Portkey emulator: a stateful Admin API (`/v1/...`), a minimal Claude Code gateway
 * (`HEAD /`, `POST /v1/messages`), fault injection and inspection, on 127.0.0.1.
 *
 *   const emulator = await startEmulator({ adminKey: "test-admin-key" });
 *   // point the client at emulator.adminUrl, Claude Code at emulator.url
 *   await emulator.close();
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { type Logger, silentLogger } from "../../portkey/log";
import type { Clock } from "./clock";
import { FaultEngine, type FaultProfile, faultProfileSchema } from "./faults";
import { counts, type DuplicateGroup, duplicates, type EmulatorSnapshot, type MembersSnapshot, membersSnapshot, type ObjectCounts, snapshot } from "./inspection";
import type { JsonObject } from "./json";
import { loadState, saveState } from "./persistence";
import { type GatewayRequestRecord, Log, type RequestRecord } from "./request-log";
import { SECRETS_JOURNAL_ENV, secretsJournal } from "./secrets-journal";
import { requestListener, type ServerContext } from "./server";
import { acceptInvite } from "./state/members";
import { emptyState, Store } from "./state/store";

export type { FaultProfile } from "./faults";
export { faultProfileSchema } from "./faults";
export type { DuplicateGroup, EmulatorSnapshot, ObjectCounts } from "./inspection";
export type { GatewayRequestRecord, RequestRecord } from "./request-log";

export interface EmulatorOptions {
  /** The admin key every Admin API and `/_emulator/` call must send as `x-portkey-api-key`. */
  readonly adminKey: string;
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; default 127.0.0.1. */
  readonly host?: string;
  /** Persist all state (secrets included, mode 0600) to this JSON file and reload it on start. */
  readonly stateFile?: string;
  readonly faults?: FaultProfile;
  /** Seed for fault probabilities; default 1. */
  readonly seed?: number;
  /** Latency added to every Admin API and gateway request (benchmarks). */
  readonly latencyMs?: number;
  readonly logger?: Logger;
  /**
   * Append the admin key and every API-key secret this emulator issues to this file (JSON
   * lines), so a test run can search what it left behind for them.
   * @default - the path in $PORTKEY_EMULATOR_SECRETS_JOURNAL, else no journal
   */
  readonly secretsJournal?: string;
  /**
   * "Now" for budgets, their periodic resets, rate-limit windows and key expiry.
   * @default - the system clock
   */
  readonly clock?: Clock;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`: the gateway root (Claude Code's ANTHROPIC_BASE_URL). */
  readonly url: string;
  /** `url + '/v1'`: the Admin API base URL. */
  readonly adminUrl: string;
  close(): Promise<void>;
  setFaults(profile: FaultProfile): void;
  snapshot(): EmulatorSnapshot;
  counts(): ObjectCounts;
  duplicates(): DuplicateGroup[];
  /** Users, invites and workspace memberships. */
  members(): MembersSnapshot;
  /** Play the invited developer: accept invite `id` (the user and their memberships appear). */
  acceptInvite(id: string, names?: { first_name?: string; last_name?: string }): JsonObject;
  requests(): RequestRecord[];
  gatewayRequests(): GatewayRequestRecord[];
  /** Forget every object, both logs and the fault profile. */
  reset(): void;
}

const optionsSchema = z.object({
  adminKey: z.string().min(8, "adminKey: must be at least 8 characters"),
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  stateFile: z.string().min(1).optional(),
  faults: faultProfileSchema.optional(),
  seed: z.number().int().optional(),
  latencyMs: z.number().int().min(0).optional(),
  secretsJournal: z.string().min(1).optional(),
});

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const checked = optionsSchema.safeParse({ ...options, logger: undefined, clock: undefined });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`startEmulator: ${issue.path.join(".") || "options"}: ${issue.message}`);
  }
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? "127.0.0.1";
  const stateFile = options.stateFile;
  const store = new Store((stateFile && loadState(stateFile)) || emptyState(), options.clock);
  const journalFile = options.secretsJournal ?? (process.env[SECRETS_JOURNAL_ENV] || undefined);
  const journal = journalFile ? secretsJournal(journalFile, options.adminKey) : undefined;
  const persist = () => {
    journal?.(store.state);
    if (stateFile) saveState(stateFile, store.state);
  };
  persist();
  const faultEngine = new FaultEngine(options.seed ?? 1, options.latencyMs ?? 0, options.faults);
  const requests = new Log<RequestRecord>();
  const gatewayRequests = new Log<GatewayRequestRecord>();
  const reset = () => {
    store.reset();
    requests.clear();
    gatewayRequests.clear();
    faultEngine.set({ rules: [] });
    persist();
  };
  const context: ServerContext = {
    store,
    adminKey: options.adminKey,
    logger,
    onChange: persist,
    faultEngine,
    requests,
    gatewayRequests,
    faults: () => faultEngine.profile,
    setFaults: (profile) => faultEngine.set(profile),
    reset,
    persist,
  };

  const server = createServer(requestListener(context));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  logger.log("info", `emulator: listening on ${url}`, { stateFile: stateFile ?? null });

  return {
    url,
    adminUrl: `${url}/v1`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    setFaults: (profile) => faultEngine.set(profile),
    snapshot: () => snapshot(store),
    counts: () => counts(store),
    duplicates: () => duplicates(store),
    members: () => membersSnapshot(store),
    acceptInvite: (id, names) => {
      const person = acceptInvite(store, id, names);
      persist();
      return { ...person };
    },
    requests: () => requests.all(),
    gatewayRequests: () => gatewayRequests.all(),
    reset,
  };
}
