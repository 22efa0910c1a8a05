/**
 * Team stacks name the platform's integrations by slug and share no state with the platform
 * stack, so `cdktf deploy '*'`, `cdktf deploy platform 'team-*'` or one CI pipeline per stack run
 * them side by side, and a team can reach Portkey before the platform has created its
 * integration (404 AB08; which team loses the race varies). With the provider's
 * `wait_for_integration_seconds`, a call that needs an integration that does not exist yet waits
 * for it (one GET every few seconds, Ctrl-C stops it) and then runs once more; without it, or
 * when the wait runs out, the error says which integration and what to deploy first.
 *
 * Duck-typed on the error's `status` (like gone.ts) so resources do not load the HTTP client at
 * provider start-up.
 */
import type { PortkeyClient } from "../../portkey";
import type { ResourceContext } from "../framework";

/** Poll interval: short at first (the platform is usually seconds away), then every 10 s. */
const POLL_MS = [1_000, 2_000, 3_000, 5_000, 10_000];

const isHttp404 = (error: unknown) => (error as { status?: unknown } | null)?.status === 404;

/** Whether the integration exists; a 404 means no, anything else but an answer is thrown. */
async function integrationExists(ctx: ResourceContext<PortkeyClient>, slug: string): Promise<boolean> {
  try {
    await ctx.client.integrations.get(slug, { signal: ctx.signal });
    return true;
  } catch (error) {
    if (isHttp404(error)) return false;
    throw error;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export class IntegrationMissingError extends Error {
  constructor(slug: string, waitedSeconds: number) {
    const waited =
      waitedSeconds > 0
        ? ` after waiting ${waitedSeconds} s for it (wait_for_integration_seconds)`
        : " (the provider does not wait for it: set wait_for_integration_seconds when a stack that creates it may run at the same time)";
    super(
      `No integration with slug ${JSON.stringify(slug)} is visible to this admin key${waited}. Fix: deploy the stack that creates it first (in the app: cdktf deploy platform, then the team stacks), or correct the slug (Portkey dashboard → Integrations shows each slug).`,
    );
    this.name = "IntegrationMissingError";
  }
}

/**
 * Wait until the integration exists, up to `waitMs`; the time actually waited, in whole seconds.
 * The clock is injectable so tests do not sleep.
 */
export interface WaitClock {
  now(): number;
  pause(ms: number, signal: AbortSignal): Promise<void>;
}

const realClock: WaitClock = { now: Date.now, pause: sleep };

/**
 * Polls `done` (one call every 1–10 s) for up to `waitMs`: the seconds waited once it holds, or
 * undefined when the time ran out.
 */
async function pollFor(ctx: ResourceContext<PortkeyClient>, waitMs: number, clock: WaitClock, done: () => Promise<boolean>): Promise<number | undefined> {
  const started = clock.now();
  for (let attempt = 0; ; attempt++) {
    const left = waitMs - (clock.now() - started);
    if (left <= 0) return undefined;
    await clock.pause(Math.min(POLL_MS[Math.min(attempt, POLL_MS.length - 1)] as number, left), ctx.signal);
    if (await done()) return Math.round((clock.now() - started) / 1000);
  }
}

export async function waitForIntegration(ctx: ResourceContext<PortkeyClient>, slug: string, waitMs: number, clock: WaitClock = realClock): Promise<number> {
  ctx.log.log("warn", "waiting for an integration another stack creates", { integration: slug, up_to_seconds: Math.round(waitMs / 1000) });
  const waited = await pollFor(ctx, waitMs, clock, () => integrationExists(ctx, slug));
  if (waited === undefined) throw new IntegrationMissingError(slug, Math.round(waitMs / 1000));
  ctx.log.log("info", "the integration exists now", { integration: slug, waited_seconds: waited });
  return waited;
}

/**
 * Run `call`, which needs integration `slug`. A 404 from it is looked into with one GET of the
 * integration: there (the 404 was about something else), and the error stands; missing, and the
 * provider waits for it when configured to, then runs `call` once more, or else says what to do.
 */
export async function withIntegration<T>(ctx: ResourceContext<PortkeyClient>, slug: string, call: () => Promise<T>, clock: WaitClock = realClock): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isHttp404(error) || (await integrationExists(ctx, slug))) throw error;
    const waitMs = ctx.client.integrationWaitMs;
    if (waitMs <= 0) throw new IntegrationMissingError(slug, 0);
    await waitForIntegration(ctx, slug, waitMs, clock);
    return call();
  }
}

/**
 * The platform creates an integration, then applies its model allow-list
 * (portkeyadmin_integration_models). A team stack running beside it can read the integration in
 * between, when it lists no model yet (`cdktf deploy '*'` met exactly that).
 * While the integration is fresh (created less than the wait ago), `read` is repeated until
 * `ready` holds or the wait runs out. An older integration will not change by waiting, and a
 * provider without a wait does not wait: the caller reports the problem at once.
 */
export async function untilReadyWhileFresh<T>(
  ctx: ResourceContext<PortkeyClient>,
  slug: string,
  first: T,
  read: () => Promise<T>,
  ready: (value: T) => boolean,
  clock: WaitClock = realClock,
): Promise<{ value: T; waitedSeconds: number }> {
  const waitMs = ctx.client.integrationWaitMs;
  if (ready(first) || waitMs <= 0) return { value: first, waitedSeconds: 0 };
  const integration = await ctx.client.integrations.get(slug, { signal: ctx.signal });
  const created = Date.parse(integration.created_at ?? "");
  if (!Number.isFinite(created) || clock.now() - created > waitMs) return { value: first, waitedSeconds: 0 };
  ctx.log.log("warn", "waiting for a new integration's models (the stack that created it is still applying them)", { integration: slug, up_to_seconds: Math.round(waitMs / 1000) });
  let latest = first;
  const waited = await pollFor(ctx, waitMs, clock, async () => {
    latest = await read();
    return ready(latest);
  });
  return { value: latest, waitedSeconds: waited ?? Math.round(waitMs / 1000) };
}
