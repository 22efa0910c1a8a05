/** A client wired for fast, deterministic tests: tiny seeded backoff, captured log events. */
import { type LogEvent, type LogLevel, type PortkeyClientOptions, PortkeyClient, seededRandom } from "../../../src/portkey";
import { recordSecret } from "../../support/suite-secrets";

export const ADMIN_KEY = "pk-admin-TEST-0123456789abcdef";
recordSecret("admin-key", ADMIN_KEY);

export interface TestClient {
  readonly client: PortkeyClient;
  readonly events: LogEvent[];
  /** Every backoff sleep the client asked for, in ms. */
  readonly sleeps: number[];
}

export function testClient(url: string, overrides: Partial<PortkeyClientOptions> = {}): TestClient {
  const events: LogEvent[] = [];
  const sleeps: number[] = [];
  const logger = {
    isEnabled: (_level: LogLevel) => true,
    log: (level: LogLevel, message: string, fields = {}) => events.push({ level, message, fields }),
  };
  const client = new PortkeyClient({
    apiKey: ADMIN_KEY,
    baseUrl: url,
    logger,
    random: seededRandom(42),
    baseDelayMs: 1,
    maxDelayMs: 4,
    timeoutMs: 2000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { client, events, sleeps };
}
