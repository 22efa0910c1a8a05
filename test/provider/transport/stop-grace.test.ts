/**
 * StopProvider and creates: a create already under way hears the API's answer (it carries the
 * new object's id, without which the object would be orphaned and created again by the next
 * apply); everything else is cancelled at once. The grace is bounded.
 */
import { silentLogger } from "../../../src/portkey/log";
import { SecretRegistry } from "../../../src/portkey/redact";
import type { ApplyResourceChangeResponse } from "../../../src/provider/protocol/types";
import * as req from "../../../src/provider/transport/protobuf/requests";
import * as res from "../../../src/provider/transport/protobuf/responses";
import { providerRoutes } from "../../../src/provider/transport/provider-service";
import { StopSignal } from "../../../src/provider/transport/stop-signal";
import { fakeHandlers } from "./fixtures/fake-handlers";

const EMPTY = new Uint8Array(0);
const NULL = { msgpack: new Uint8Array([0xc0]) };
const AN_OBJECT = { msgpack: new Uint8Array([0x81, 0xa2, 0x69, 0x64, 0xa1, 0x31]) }; // {"id": "1"}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const call = { onFinished: () => undefined };

describe("StopSignal.afterGrace", () => {
  it("aborts the grace signal only after the grace period that follows a stop", async () => {
    const stop = new StopSignal();
    const { signal } = stop.afterGrace(40);
    stop.stop("Ctrl-C");
    expect(stop.signal.aborted).toBe(false); // a fresh signal for later calls
    expect(signal.aborted).toBe(false);
    await sleep(80);
    expect(signal.aborted).toBe(true);
    expect(String(signal.reason)).toBe("AbortError: Ctrl-C");
  });

  it("leaves released work alone", async () => {
    const stop = new StopSignal();
    const { signal, release } = stop.afterGrace(10);
    release();
    stop.stop("Ctrl-C");
    await sleep(30);
    expect(signal.aborted).toBe(false);
  });
});

describe("ApplyResourceChange after StopProvider", () => {
  /** Starts an apply with `prior`, sends StopProvider 10 ms later, reports whether the handler's signal was aborted 50 ms after that. */
  async function applyThenStop(prior: { msgpack: Uint8Array }, createGraceMs: number): Promise<string> {
    const stop = new StopSignal();
    const routes = providerRoutes({
      stop,
      createGraceMs,
      logger: silentLogger,
      secrets: new SecretRegistry(),
      onShutdown: () => undefined,
      handlers: fakeHandlers({
        applyResourceChange: async (_request, signal): Promise<ApplyResourceChangeResponse> => {
          await sleep(60);
          return { private: EMPTY, diagnostics: [{ severity: "warning", summary: `aborted=${signal.aborted}` }] };
        },
      }),
    });
    const apply = routes.unary.get("/tfplugin6.Provider/ApplyResourceChange");
    const stopProvider = routes.unary.get("/tfplugin6.Provider/StopProvider");
    if (!apply || !stopProvider) throw new Error("routes missing");
    const applied = apply(req.encodeApplyResourceChangeRequest({ typeName: "w", priorState: prior, plannedState: AN_OBJECT, plannedPrivate: EMPTY }), call);
    await sleep(10);
    await stopProvider(EMPTY, call);
    return res.decodeApplyResourceChangeResponse(await applied).diagnostics[0]?.summary ?? "";
  }

  it("lets a create (null prior state) finish within the grace", async () => {
    expect(await applyThenStop(NULL, 1000)).toBe("aborted=false");
  });

  it("cancels a create that outlives the grace", async () => {
    expect(await applyThenStop(NULL, 5)).toBe("aborted=true");
  });

  it("cancels an update at once", async () => {
    expect(await applyThenStop(AN_OBJECT, 1000)).toBe("aborted=true");
  });
});
