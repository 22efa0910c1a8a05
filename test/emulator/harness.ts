/**
 * Test harness: one emulator per suite on a random port, and a tiny `fetch` wrapper that sends
 * the admin key and decodes JSON. Plain fetch on purpose: these are contract tests of the wire.
 */
import { type RunningEmulator, startEmulator, type EmulatorOptions } from "../../src/cli/emulator";
import { FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";

export const ADMIN_KEY = "test-admin-key-0123456789";

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read deep JSON paths; the wire shape is what is being asserted
  readonly body: any;
}

export async function start(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  return startEmulator({ adminKey: ADMIN_KEY, ...options });
}

export function client(emulator: RunningEmulator, key: string | null = ADMIN_KEY) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { ...(key === null ? {} : { "x-portkey-api-key": key }), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the raw text (malformed-body fault, SSE)
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
}

export type Api = ReturnType<typeof client>;

/**
 * One emulator for the calling suite: started before all tests, closed after, reset before each.
 * Read `emulator` and `api` inside tests (they exist once `beforeAll` has run).
 */
export function useEmulator(options: Partial<EmulatorOptions> = {}): { readonly emulator: RunningEmulator; readonly api: Api } {
  let running: RunningEmulator | undefined;
  let api: Api | undefined;
  beforeAll(async () => {
    running = await start(options);
    api = client(running);
  });
  afterAll(() => running?.close());
  beforeEach(() => running?.reset());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the emulator is used before beforeAll started it");
    return value;
  };
  return {
    get emulator() {
      return ready(running);
    },
    get api() {
      return ready(api);
    },
  };
}

/** The shared fake key file (test/fixtures), re-exported for the emulator suites. */
export const SERVICE_ACCOUNT = FAKE_SERVICE_ACCOUNT;

/** Workspace + Vertex integration granted to it (auto-provider) + a completions key. */
export async function seedTeam(api: Api, name = "Team A") {
  const workspace = (await api("POST", "/v1/admin/workspaces", { name })).body;
  const integration = (
    await api("POST", "/v1/integrations", {
      name: "Vertex prod",
      ai_provider_id: "vertex-ai",
      slug: `vertex-${workspace.slug}`,
      configurations: { vertex_auth_type: "serviceAccount", vertex_region: "us-east5", vertex_service_account_json: SERVICE_ACCOUNT },
    })
  ).body;
  await api("PUT", `/v1/integrations/${integration.slug}/workspaces`, { workspaces: [{ id: workspace.id, enabled: true }] });
  const key = (await api("POST", "/v1/api-keys/workspace/service", { name: "claude-code", scopes: ["completions.write"], workspace_id: workspace.id })).body;
  return { workspace, integration, providerSlug: integration.slug as string, key: key.key as string, keyId: key.id as string };
}
