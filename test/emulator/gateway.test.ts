/**
 * The gateway as Claude Code sees it (claude-code-gateway.md "Observed with the real client"):
 * HEAD / probe, POST /v1/messages?beta=true with a Bearer workspace key, routing headers, the
 * model allow-list, the anthropic-beta trap, the doubled /v1, and SSE framing.
 */
import { ADMIN_KEY, type Api, seedTeam, useEmulator } from "./harness";

const suite = useEmulator();
const api: Api = (...args) => suite.api(...args);

const MODEL = "claude-sonnet-4-5@20250929";
const BETAS = "claude-code-20250219,interleaved-thinking-2025-05-14";

interface Call {
  key?: string;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  path?: string;
}

async function messages({ key, headers = {}, body = {}, path = "/v1/messages?beta=true" }: Call) {
  const response = await fetch(`${suite.emulator.url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "anthropic-version": "2023-06-01",
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ model: MODEL, max_tokens: 32000, messages: [{ role: "user", content: "hi" }], ...body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

it("answers the HEAD / connectivity probe with 200", async () => {
  const response = await fetch(`${suite.emulator.url}/`, { method: "HEAD" });
  expect(response.status).toBe(200);
});

describe("accepted requests", () => {
  it("answers a Messages JSON response for a Bearer workspace key routed with x-portkey-provider: @slug", async () => {
    const team = await seedTeam(api);
    const response = await messages({ key: team.key, headers: { "x-portkey-provider": `@${team.providerSlug}`, "x-portkey-trace-id": "trace-1" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-portkey-trace-id")).toBe("trace-1");
    expect(response.json()).toMatchObject({ type: "message", role: "assistant", model: MODEL, stop_reason: "end_turn", content: [{ type: "text", text: expect.stringContaining(`@${team.providerSlug}`) }] });
  });

  it("streams SSE events in Anthropic order when stream:true", async () => {
    const team = await seedTeam(api);
    const response = await messages({ key: team.key, headers: { "x-portkey-provider": `@${team.providerSlug}` }, body: { stream: true } });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const events = response.text.trim().split("\n\n").map((frame) => {
      const [eventLine, dataLine] = frame.split("\n");
      const data = JSON.parse(dataLine.replace(/^data: /, ""));
      expect(eventLine).toBe(`event: ${data.type}`);
      return data;
    });
    const types = events.map((event) => event.type).filter((type) => type !== "ping");
    const deltas = types.filter((type) => type === "content_block_delta").length;
    expect(deltas).toBeGreaterThan(0);
    expect(types).toEqual(["message_start", "content_block_start", ...Array(deltas).fill("content_block_delta"), "content_block_stop", "message_delta", "message_stop"]);
    const text = events.filter((event) => event.type === "content_block_delta").map((event) => event.delta.text).join("");
    expect(text).toContain(`@${team.providerSlug}`);
    expect(events.find((event) => event.type === "message_delta").delta.stop_reason).toBe("end_turn");
  });

  it("accepts the key as x-portkey-api-key and routes through a config slug", async () => {
    const team = await seedTeam(api);
    const { body: config } = await api("POST", "/v1/configs", {
      name: "routing",
      workspace_id: team.workspace.id,
      config: { strategy: { mode: "fallback" }, targets: [{ provider: `@${team.providerSlug}`, override_params: { model: MODEL } }] },
    });
    const response = await messages({ headers: { "x-portkey-api-key": team.key, "x-portkey-config": config.slug }, body: { model: "sonnet" } });
    expect(response.status).toBe(200);
    expect(response.json().model).toBe(MODEL);
    expect(suite.emulator.gatewayRequests().at(-1)?.routing).toEqual({ provider: team.providerSlug, config: config.slug });
  });

  it("keeps the pre-rotation secret valid during the transition window", async () => {
    const team = await seedTeam(api);
    const { body: rotated } = await api("POST", `/v1/api-keys/${team.keyId}/rotate`, {});
    const route = { "x-portkey-provider": `@${team.providerSlug}` };
    expect((await messages({ key: team.key, headers: route })).status).toBe(200);
    expect((await messages({ key: rotated.key, headers: route })).status).toBe(200);
  });
});

describe("rejected requests", () => {
  it("answers 401 for no key, an unknown key, the admin key, or a key without completions.write", async () => {
    const team = await seedTeam(api);
    const route = { "x-portkey-provider": `@${team.providerSlug}` };
    const { body: readOnly } = await api("POST", "/v1/api-keys/workspace/service", { name: "ro", scopes: ["logs.view"], workspace_id: team.workspace.id });
    for (const key of [undefined, "pk-unknown-key-value", ADMIN_KEY, readOnly.key]) {
      const response = await messages({ key, headers: route });
      expect(response.status).toBe(401);
      expect(response.json().error.type).toBe("authentication_error");
    }
    expect(suite.emulator.gatewayRequests().at(-1)?.error).toContain("completions.write");
  });

  it("answers 400 explaining the routing header when none is sent", async () => {
    const team = await seedTeam(api);
    const response = await messages({ key: team.key });
    expect(response.status).toBe(400);
    expect(response.json().error.message).toContain("x-portkey-provider: @<provider-slug>");
  });

  it("rejects providers that do not exist, are in another workspace, or lost their integration access", async () => {
    const team = await seedTeam(api, "Team A");
    const other = await seedTeam(api, "Team B");
    expect((await messages({ key: team.key, headers: { "x-portkey-provider": "@nope" } })).status).toBe(400);
    expect((await messages({ key: team.key, headers: { "x-portkey-provider": `@${other.providerSlug}` } })).status).toBe(400);
    await api("PUT", `/v1/integrations/${team.integration.slug}/workspaces`, { workspaces: [{ id: team.workspace.id, enabled: false }] });
    expect((await messages({ key: team.key, headers: { "x-portkey-provider": `@${team.providerSlug}` } })).status).toBe(403);
  });

  it("rejects a config whose targets name providers that do not exist", async () => {
    const team = await seedTeam(api);
    const { body: config } = await api("POST", "/v1/configs", { name: "r", workspace_id: team.workspace.id, config: { targets: [{ provider: "@ghost" }] } });
    const response = await messages({ key: team.key, headers: { "x-portkey-config": config.slug } });
    expect(response.status).toBe(400);
    expect(response.json().error.message).toContain("@ghost");
  });

  it("answers 404 for a model outside the allow-list, with the @date hint for a -date id", async () => {
    const team = await seedTeam(api);
    await api("PUT", `/v1/integrations/${team.integration.slug}/models`, { allow_all_models: false, models: [{ slug: MODEL, enabled: true }] });
    const route = { "x-portkey-provider": `@${team.providerSlug}` };
    expect((await messages({ key: team.key, headers: route })).status).toBe(200);
    const dated = await messages({ key: team.key, headers: route, body: { model: "claude-sonnet-4-5-20250929" } });
    expect(dated.status).toBe(404);
    expect(dated.json().error.message).toContain("claude-sonnet-4-5@20250929");
    expect((await messages({ key: team.key, headers: route, body: { model: "claude-opus-4-6" } })).status).toBe(404);
  });

  it("answers Vertex's anthropic-beta 400 when a config forwards the header", async () => {
    const team = await seedTeam(api);
    const { body: config } = await api("POST", "/v1/configs", {
      name: "forwarding",
      workspace_id: team.workspace.id,
      config: { provider: `@${team.providerSlug}`, forward_headers: ["anthropic-beta"] },
    });
    const forwarded = await messages({ key: team.key, headers: { "x-portkey-config": config.slug, "anthropic-beta": BETAS } });
    expect(forwarded.status).toBe(400);
    expect(forwarded.json().error.message).toContain(`Unexpected value(s) \`${BETAS}\` for the \`anthropic-beta\` header`);
    expect((await messages({ key: team.key, headers: { "x-portkey-provider": `@${team.providerSlug}`, "anthropic-beta": BETAS } })).status).toBe(200);
  });

  it("answers 404 naming the doubled /v1 when the base URL ends in /v1", async () => {
    const team = await seedTeam(api);
    const response = await messages({ key: team.key, headers: { "x-portkey-provider": `@${team.providerSlug}` }, path: "/v1/v1/messages?beta=true" });
    expect(response.status).toBe(404);
    expect(response.json().error.message).toContain("doubled /v1");
  });

  it("names the missing body field", async () => {
    const team = await seedTeam(api);
    const response = await messages({ key: team.key, headers: { "x-portkey-provider": `@${team.providerSlug}` }, body: { max_tokens: undefined } });
    expect(response.status).toBe(400);
    expect(response.json().error.message).toContain("max_tokens");
  });
});

it("records every gateway request with secrets masked", async () => {
  const team = await seedTeam(api);
  await messages({ key: team.key, headers: { "x-portkey-provider": `@${team.providerSlug}`, "x-portkey-api-key": team.key } });
  const [record] = suite.emulator.gatewayRequests();
  expect(record).toMatchObject({ method: "POST", path: "/v1/messages", status: 200, model: MODEL, stream: false, workspaceId: team.workspace.id, apiKeyId: team.keyId });
  expect(record.headers.authorization).toBe(`Bearer ${team.key.slice(0, 2)}*****${team.key.slice(-2)}`);
  expect(JSON.stringify(suite.emulator.gatewayRequests())).not.toContain(team.key);
  const overHttp = await api("GET", "/_emulator/gateway-requests");
  expect(overHttp.body).toHaveLength(1);
  expect(JSON.stringify(overHttp.body)).not.toContain(team.key);
});
