/**
 * Error decoding (fact sheet §1.3) and the promise that no error or log line carries the admin
 * key, an API-key secret or service-account key material.
 */
import { PortkeyApiError } from "../../src/portkey";
import { ADMIN_KEY, testClient } from "./support/client";
import { dropConnection, inOrder, reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function errorFor(status: number, body: unknown): Promise<PortkeyApiError> {
  server = await startScriptedServer((_req, res) => reply(res, status, body));
  const { client } = testClient(server.url);
  const error = await client.configs.get("pc-x").catch((e: unknown) => e);
  await server.close();
  server = undefined;
  if (!(error instanceof PortkeyApiError)) throw new Error("expected PortkeyApiError");
  return error;
}

describe("error envelopes", () => {
  it.each([
    ["documented {success:false, data}", { success: false, data: { message: "You do not have enough permissions", errorCode: "AB03" } }, "AB03", "You do not have enough permissions"],
    ["flat {errorCode, message}", { errorCode: "AB08", message: "Config not found" }, "AB08", "Config not found"],
    ["gateway {error:{message, code}}", { status_code: 403, success: false, error: { message: "forbidden here", slug: "x", code: "AB03", type: "auth" } }, "AB03", "forbidden here"],
    ["bare {message, code}", { message: "bare message", code: "AB01" }, "AB01", "bare message"],
    ["non-JSON body", "<html>403 Forbidden</html>", undefined, "<html>403 Forbidden</html>"],
  ])("decodes %s", async (_label, body, code, message) => {
    const error = await errorFor(403, body);
    expect(error).toMatchObject({ kind: "http", status: 403, code, method: "GET", path: "/configs/pc-x" });
    expect(error.message).toContain(message);
  });

  it("takes only a 404 AB08 that says so as a definite not-found", async () => {
    expect((await errorFor(404, { errorCode: "AB08", message: 'Config "pc-x" not found.' })).isNotFound()).toBe(true);
    expect((await errorFor(404, { success: false, data: { errorCode: "AB08", message: "Workspace does not exist" } })).isNotFound()).toBe(true);
    // 403 AB03 also means "the key lacks the scope"; a 404 without Portkey's answer may be a proxy or a wrong path.
    for (const [status, body] of [
      [403, { success: false, data: { errorCode: "AB03", message: "You do not have enough permissions" } }],
      [404, "<html>404 Not Found</html>"],
      [404, ""],
      [404, { errorCode: "AB08", message: "No such endpoint: GET /v1/configs/pc-x." }],
      [404, { errorCode: "AB08", message: "gone" }],
    ] as const) {
      const error = await errorFor(status, body);
      expect([status, body, error.isNotFound(), error.mayBeGone()]).toEqual([status, body, false, true]);
    }
  });

  it("does not take a plain 403 or other answers as maybe gone", async () => {
    expect((await errorFor(403, { message: "integration not enabled" })).mayBeGone()).toBe(false);
    expect((await errorFor(403, { message: "integration not enabled" })).isNotFound()).toBe(false);
    expect((await errorFor(400, { errorCode: "AB01", message: "not found" })).mayBeGone()).toBe(false);
  });

  it("classifies conflicts and retryability", async () => {
    const conflict = await errorFor(409, { errorCode: "AB07", message: "ensure all Virtual Keys are deleted" });
    expect(conflict.isConflict()).toBe(true);
    expect(conflict.isRetryable()).toBe(false);
    const duplicate = await errorFor(400, { errorCode: "AB01", message: "slug already exists" });
    expect(duplicate.isAlreadyExists()).toBe(true);
    expect(duplicate.isConflict()).toBe(false);
  });

  it("keeps query strings out of the error path", async () => {
    server = await startScriptedServer((_req, res) => reply(res, 404, { errorCode: "AB08", message: "no" }));
    const { client } = testClient(server.url);
    const error = (await client.providers.get("p1", "ws-secretish").catch((e: unknown) => e)) as PortkeyApiError;
    expect(error.path).toBe("/providers/p1");
    expect(error.message).not.toContain("workspace_id");
  });

  it("names the bad field and the fix when input is invalid, before sending anything", async () => {
    server = await startScriptedServer((_req, res) => reply(res, 200, {}));
    const { client } = testClient(server.url);
    const error = (await client.integrations.create({ name: "x", ai_provider_id: "vertex-ai", slug: "bad slug!" }).catch((e: unknown) => e)) as PortkeyApiError;
    expect(error.kind).toBe("invalid-request");
    expect(error.message).toMatch(/slug: must contain only letters, digits/);
    const typo = (await client.apiKeys.create({ type: "workspace", sub_type: "service", name: "k", scopes: ["completions.write"], workspace: "ws" } as never).catch((e: unknown) => e)) as PortkeyApiError;
    expect(typo.message).toMatch(/workspace is not a field of apiKeys.create/);
    expect(typo.message).toMatch(/workspace_id: is required for workspace keys/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("secret scrubbing", () => {
  const serviceAccount = FAKE_SERVICE_ACCOUNT;

  it("scrubs the admin key and service-account key material that a server echoes into errors and logs", async () => {
    server = await startScriptedServer((req, res) => reply(res, 400, { errorCode: "AB01", message: `bad request from ${String(req.headers["x-portkey-api-key"])} with ${JSON.stringify(req.body)}` }));
    const { client, events } = testClient(server.url);
    const error = (await client.integrations
      .create({ name: "v", ai_provider_id: "vertex-ai", slug: "v", configurations: { vertex_auth_type: "serviceAccount", vertex_region: "us-central1", vertex_service_account_json: serviceAccount } })
      .catch((e: unknown) => e)) as PortkeyApiError;
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error.body)} ${JSON.stringify(events)}`;
    expect(error.message).toContain("[REDACTED]");
    expect(everything).not.toContain(ADMIN_KEY);
    expect(everything).not.toContain(FAKE_KEY_MATERIAL);
    expect(everything).not.toContain(serviceAccount.private_key_id);
  });

  it("registers API-key secrets from create and rotate, so later errors and logs never show them", async () => {
    server = await startScriptedServer(
      inOrder(
        (_req, res) => reply(res, 200, { id: "k1", key: "pk-created-SECRET-aaaa", object: "api-key" }),
        (_req, res) => reply(res, 200, { id: "k1", type: "workspace-service", name: "a" }),
        (_req, res) => reply(res, 200, { id: "k1", key: "pk-rotated-SECRET-bbbb", key_transition_expires_at: "2026-06-11T13:00:00.000Z" }),
        (_req, res) => reply(res, 503, { message: "leaked pk-created-SECRET-aaaa and pk-rotated-SECRET-bbbb" }),
        (_req, res) => reply(res, 500, "pk-rotated-SECRET-bbbb"),
      ),
    );
    const { client, events } = testClient(server.url, { maxAttempts: 2 });
    const created = await client.apiKeys.create({ type: "workspace", sub_type: "service", name: "a", scopes: ["completions.write"], workspace_id: "ws-1" });
    expect(created.secret).toBe("pk-created-SECRET-aaaa");
    const rotated = await client.apiKeys.rotate("k1");
    expect(rotated.secret).toBe("pk-rotated-SECRET-bbbb");
    const error = (await client.apiKeys.get("k1").catch((e: unknown) => e)) as PortkeyApiError;
    const everything = `${error.message} ${JSON.stringify(error.body)} ${JSON.stringify(events)}`;
    expect(everything).not.toMatch(/SECRET-aaaa|SECRET-bbbb/);
    expect(events.filter((e) => e.level === "warn")).toHaveLength(1);
  });

  it("scrubs network error text as well", async () => {
    server = await startScriptedServer((_req, res) => dropConnection(res));
    const { client, events } = testClient(server.url, { maxAttempts: 2 });
    const error = (await client.workspaces.get("ws-1").catch((e: unknown) => e)) as PortkeyApiError;
    expect(error.kind).toBe("network");
    expect(error.attempts).toBe(2);
    expect(`${error.message}${JSON.stringify(events)}`).not.toContain(ADMIN_KEY);
  });
});

describe("garbled success answers", () => {
  it("never keeps the body of a 2xx that fails its schema: it may hold a secret not yet registered", async () => {
    // An API-key create answered with the key under an unexpected field: the secret is not
    // registered for redaction (the schema failed), so the body itself must not travel on.
    server = await startScriptedServer((_req, res) => reply(res, 200, { object: "api-key", secret_value: "pk-unregistered-SECRET-cccc" }));
    const { client, events } = testClient(server.url, { maxAttempts: 1 });
    const error = (await client.configs.get("pc-x").catch((e: unknown) => e)) as PortkeyApiError;
    expect(error.kind).toBe("invalid-response");
    expect(error.body).toBeUndefined();
    expect(`${error.message} ${JSON.stringify(events)}`).not.toContain("SECRET-cccc");
  });

  it.each([
    ["an HTML page", "<html><body>502 from the proxy</body></html>", /an HTML page \(a proxy or gateway answered, not the Admin API\)/],
    ["a cut-off body", '{"id": "pc-', /a body that is not JSON \(cut off or garbled\)/],
    ["an empty body", "", /an empty body/],
  ])("says what came back when a 2xx is %s", async (_name, text, expected) => {
    server = await startScriptedServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(text);
    });
    const { client } = testClient(server.url, { maxAttempts: 1 });
    const error = (await client.configs.get("pc-x").catch((e: unknown) => e)) as PortkeyApiError;
    expect(error.message).toMatch(expected);
    expect(error.isRetryable()).toBe(true);
  });
});
