/**
 * The live suite (test/live/suite.ts) against the real Portkey Admin API: how a maintainer
 * verifies the provider against the service. Off by default (and in CI); run it with
 *
 *   npm run build
 *   PORTKEY_LIVE=1 PORTKEY_API_KEY=<admin key> PORTKEY_LIVE_INTEGRATION=<vertex integration slug> \
 *     npx jest test/live
 *
 * (or PORTKEY_LIVE_VERTEX_KEY_FILE=<service-account key file> instead of PORTKEY_LIVE_INTEGRATION
 * to have the run create, and delete, its own integration: only then are the model allow-list
 * and a legacy virtual key exercised). test/e2e/live-rehearsal.e2e.test.ts runs the same suite
 * against the emulator.
 */
import { defineLiveSuite } from "./suite";
import { liveSettings } from "./support";

const TITLE = "every resource and data source against the real Portkey API";

const settings = liveSettings();
if (settings.enabled) {
  defineLiveSuite({
    title: TITLE,
    integration: settings.integration,
    vertexRegion: settings.vertexRegion,
    connect: async () => ({ baseUrl: settings.baseUrl, adminKey: settings.adminKey }),
  });
} else {
  console.info(`Portkey live tests skipped: ${settings.reason}.`);
  describe.skip(TITLE, () => {
    it(`runs only when asked to: ${settings.reason}`, () => {});
  });
}
