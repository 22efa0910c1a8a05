/**
 * The live suite (test/live/suite.ts), exactly as maintainers run it against the real Portkey
 * API, run against the emulator: CI's proof that the live suite works, for everyone without an
 * admin key. It runs twice, once per way a maintainer can run it:
 * - creating its own integration from the fake service-account key (PORTKEY_LIVE_VERTEX_KEY_FILE),
 *   so every step runs, including the model allow-list and the legacy virtual key;
 * - given an existing integration (PORTKEY_LIVE_INTEGRATION), made here beforehand with the Admin
 *   API client as a maintainer's would have been made in the dashboard.
 * Nothing here uses the emulator's own powers (faults, inspection, /_emulator/): only what the
 * real API offers.
 */
import { join } from "node:path";
import { startEmulator } from "../../src/cli/emulator";
import { PortkeyClient } from "../../src/portkey";
import { FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { testDir } from "../support/run-root";
import { defineLiveSuite } from "../live/suite";
import type { LiveConnection } from "../live/support";
import { emulatorLogger } from "./support/terraform";

const ADMIN_KEY = "pk-admin-rehearsal-7c41e9a2";
const SHARED_INTEGRATION = "vertex-shared";

/** A fresh emulator, standing in for https://api.portkey.ai/v1. */
async function emulator(): Promise<LiveConnection & { close: () => Promise<void> }> {
  const running = await startEmulator({ adminKey: ADMIN_KEY, port: 0, logger: emulatorLogger(join(testDir("emulator-rehearsal-"), "emulator.log")) });
  return { baseUrl: running.adminUrl, adminKey: ADMIN_KEY, close: () => running.close() };
}

defineLiveSuite({
  title: "the live suite rehearsed against the emulator, creating its own integration",
  integration: { serviceAccountJson: JSON.stringify(FAKE_SERVICE_ACCOUNT) },
  vertexRegion: "us-east5",
  stepTimeoutMs: 180_000,
  connect: emulator,
});

defineLiveSuite({
  title: "the live suite rehearsed against the emulator, given an existing integration",
  integration: { existingSlug: SHARED_INTEGRATION },
  vertexRegion: "us-east5",
  stepTimeoutMs: 180_000,
  connect: async () => {
    const connection = await emulator();
    const client = new PortkeyClient({ apiKey: connection.adminKey, baseUrl: connection.baseUrl });
    try {
      await client.integrations.create({
        name: "Vertex (shared)",
        ai_provider_id: "vertex-ai",
        slug: SHARED_INTEGRATION,
        configurations: { vertex_auth_type: "serviceAccount", vertex_region: "us-east5", vertex_service_account_json: FAKE_SERVICE_ACCOUNT },
      });
    } finally {
      await client.close();
    }
    return connection;
  },
});
