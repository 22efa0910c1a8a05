/**
 * A team stack deployed side by side with the platform (`cdktf deploy platform 'team-*'`) may
 * reach Portkey before its integration exists: the provider waits for it when told to, and says
 * what to deploy first when not (src/provider/resources/integration-wait.ts).
 */
import type { PortkeyClient } from "../../../src/portkey";
import type { ResourceContext } from "../../../src/provider/framework";
import { IntegrationMissingError, untilReadyWhileFresh, waitForIntegration, withIntegration } from "../../../src/provider/resources/integration-wait";

const notFound = () => Object.assign(new Error("404 AB08 integration not found"), { status: 404 });
const forbidden = () => Object.assign(new Error("403 AB03"), { status: 403 });

/** A context whose integration appears after `appearsAfterGets` GETs (Infinity: never). */
function context(options: { waitMs: number; appearsAfterGets: number }) {
  const calls = { gets: 0 };
  const logs: string[] = [];
  const client = {
    integrationWaitMs: options.waitMs,
    integrations: {
      get: async () => {
        calls.gets++;
        if (calls.gets <= options.appearsAfterGets) throw notFound();
        return { slug: "vertex-global" };
      },
    },
  } as unknown as PortkeyClient;
  const ctx = {
    client,
    signal: new AbortController().signal,
    log: { log: (_level: string, message: string) => logs.push(message), isEnabled: () => true },
  } as unknown as ResourceContext<PortkeyClient>;
  return { ctx, calls, logs };
}

/** A clock that advances by each pause, so a 300 s wait takes no real time. */
function fakeClock() {
  let now = 0;
  const pauses: number[] = [];
  return {
    pauses,
    clock: {
      now: () => now,
      pause: async (ms: number) => {
        pauses.push(ms);
        now += ms;
      },
    },
  };
}

describe("a call that needs an integration another stack creates", () => {
  it("passes through when the integration exists: no extra request on the normal path", async () => {
    const { ctx, calls } = context({ waitMs: 0, appearsAfterGets: 0 });
    await expect(withIntegration(ctx, "vertex-global", async () => "granted")).resolves.toBe("granted");
    expect(calls.gets).toBe(0);
  });

  it("without a wait, fails at once naming the integration, the stack to deploy first and the setting", async () => {
    const { ctx } = context({ waitMs: 0, appearsAfterGets: Number.POSITIVE_INFINITY });
    const attempt = withIntegration(ctx, "vertex-global", async () => Promise.reject(notFound()));
    await expect(attempt).rejects.toThrow(IntegrationMissingError);
    await expect(withIntegration(ctx, "vertex-global", async () => Promise.reject(notFound()))).rejects.toThrow(
      /No integration with slug "vertex-global" is visible to this admin key \(the provider does not wait for it: set wait_for_integration_seconds.*Fix: deploy the stack that creates it first \(in the app: cdktf deploy platform/,
    );
  });

  it("keeps a 404 that is about something else (the integration is there) as it was", async () => {
    const { ctx, calls } = context({ waitMs: 300_000, appearsAfterGets: 0 });
    const original = notFound();
    await expect(withIntegration(ctx, "vertex-global", async () => Promise.reject(original))).rejects.toBe(original);
    expect(calls.gets).toBe(1);
  });

  it("does not look into errors other than 404", async () => {
    const { ctx, calls } = context({ waitMs: 300_000, appearsAfterGets: 0 });
    const original = forbidden();
    await expect(withIntegration(ctx, "vertex-global", async () => Promise.reject(original))).rejects.toBe(original);
    expect(calls.gets).toBe(0);
  });

  it("with a wait, polls until the integration appears, then runs the call once more", async () => {
    const { ctx, calls, logs } = context({ waitMs: 300_000, appearsAfterGets: 4 });
    const { clock, pauses } = fakeClock();
    let sends = 0;
    const granted = await withIntegration(ctx, "vertex-global", async () => {
      sends++;
      if (sends === 1) throw notFound();
      return "granted";
    }, clock);
    expect(granted).toBe("granted");
    expect(pauses).toEqual([1_000, 2_000, 3_000, 5_000]);
    expect(sends).toBe(2);
    expect(calls.gets).toBe(5); // one to tell the 404 apart, four polls until it is there
    expect(logs).toEqual(["waiting for an integration another stack creates", "the integration exists now"]);
  });

  it("polls quickly first, then every 10 s, and gives up at the deadline with the time it waited", async () => {
    const { ctx } = context({ waitMs: 60_000, appearsAfterGets: Number.POSITIVE_INFINITY });
    const { clock, pauses } = fakeClock();
    await expect(waitForIntegration(ctx, "vertex-global", 60_000, clock)).rejects.toThrow(
      'No integration with slug "vertex-global" is visible to this admin key after waiting 60 s for it (wait_for_integration_seconds)',
    );
    expect(pauses).toEqual([1_000, 2_000, 3_000, 5_000, 10_000, 10_000, 10_000, 10_000, 9_000]);
  });

  it("stops waiting when the operation is cancelled (Ctrl-C)", async () => {
    const { ctx } = context({ waitMs: 300_000, appearsAfterGets: Number.POSITIVE_INFINITY });
    const controller = new AbortController();
    const cancellable = { ...ctx, signal: controller.signal } as ResourceContext<PortkeyClient>;
    const waiting = waitForIntegration(cancellable, "vertex-global", 300_000);
    setTimeout(() => controller.abort(new Error("cancelled")), 20);
    await expect(waiting).rejects.toThrow("cancelled");
  });
});

describe("a new integration whose models the platform is still applying", () => {
  /** An integration created `ageMs` before the fake clock's zero, whose model count grows by one per read. */
  function fresh(options: { waitMs: number; ageMs: number }) {
    const reads = { models: 0, gets: 0 };
    const client = {
      integrationWaitMs: options.waitMs,
      integrations: {
        get: async () => {
          reads.gets++;
          return { slug: "vertex-global", created_at: new Date(-options.ageMs).toISOString() };
        },
      },
    } as unknown as PortkeyClient;
    const ctx = {
      client,
      signal: new AbortController().signal,
      log: { log: () => undefined, isEnabled: () => true },
    } as unknown as ResourceContext<PortkeyClient>;
    const read = async () => ++reads.models;
    return { ctx, reads, read };
  }
  const servesThree = (count: number) => count >= 3;

  it("costs nothing when the first answer already serves the models", async () => {
    const { ctx, reads, read } = fresh({ waitMs: 300_000, ageMs: 1_000 });
    const { clock, pauses } = fakeClock();
    await expect(untilReadyWhileFresh(ctx, "vertex-global", 3, read, servesThree, clock)).resolves.toEqual({ value: 3, waitedSeconds: 0 });
    expect(reads).toEqual({ models: 0, gets: 0 });
    expect(pauses).toEqual([]);
  });

  it("reads again while the integration is fresh, until its models are served", async () => {
    const { ctx, reads, read } = fresh({ waitMs: 300_000, ageMs: 2_000 });
    const { clock, pauses } = fakeClock();
    await expect(untilReadyWhileFresh(ctx, "vertex-global", 0, read, servesThree, clock)).resolves.toEqual({ value: 3, waitedSeconds: 6 });
    expect(pauses).toEqual([1_000, 2_000, 3_000]);
    expect(reads.gets).toBe(1);
  });

  it("does not wait for an integration older than the wait: its models will not change by waiting", async () => {
    const { ctx, reads, read } = fresh({ waitMs: 300_000, ageMs: 3_600_000 });
    const { clock, pauses } = fakeClock();
    await expect(untilReadyWhileFresh(ctx, "vertex-global", 0, read, servesThree, clock)).resolves.toEqual({ value: 0, waitedSeconds: 0 });
    expect(pauses).toEqual([]);
    expect(reads.models).toBe(0);
  });

  it("does not wait without wait_for_integration_seconds", async () => {
    const { ctx, reads, read } = fresh({ waitMs: 0, ageMs: 1_000 });
    await expect(untilReadyWhileFresh(ctx, "vertex-global", 0, read, servesThree, fakeClock().clock)).resolves.toEqual({ value: 0, waitedSeconds: 0 });
    expect(reads).toEqual({ models: 0, gets: 0 });
  });

  it("gives up when the wait runs out, with the last answer and how long it waited", async () => {
    const { ctx, read } = fresh({ waitMs: 20_000, ageMs: 1_000 });
    const never = () => false;
    const { clock } = fakeClock();
    const outcome = await untilReadyWhileFresh(ctx, "vertex-global", 0, read, never, clock);
    expect(outcome.waitedSeconds).toBe(20);
    expect(outcome.value).toBeGreaterThan(0);
  });
});
