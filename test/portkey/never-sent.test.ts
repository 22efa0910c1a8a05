/**
 * Mistakes in the client's environment that stop a request before it leaves: a key no HTTP
 * header can carry, https:// against a plain-http server, a certificate the client refuses.
 * Each is reported as what it is, with the likely cause, once: not retried, and a create that
 * failed this way is not "may have been created" (nothing reached Portkey). And a 404 that does
 * not come from the Admin API says which base URL answered it.
 */
import { createServer as createHttpsServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { PortkeyApiError, PortkeyClient } from "../../src/portkey";
import { createSelfSignedCertificate } from "../../src/provider/transport/tls/certificate";
import { ADMIN_KEY, testClient } from "./support/client";
import { reply, type ScriptedServer, startScriptedServer } from "./support/scripted-server";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failure(pending: Promise<unknown>): Promise<PortkeyApiError> {
  try {
    await pending;
  } catch (error) {
    if (error instanceof PortkeyApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("an admin key no HTTP header can carry", () => {
  it.each([
    ["a Windows line end", `${ADMIN_KEY}\r\n`, "ends with a line break (CR LF, a Windows line end)"],
    ["a line feed inside", `${ADMIN_KEY.slice(0, 6)}\n${ADMIN_KEY.slice(6)}`, "contains a line break (LF, U+000A)"],
    ["a curly quote", `\u201c${ADMIN_KEY}`, "starts with a non-ASCII character (U+201C)"],
    ["a NUL", `${ADMIN_KEY}\u0000`, "ends with a control character (U+0000)"],
    ["a Latin-1 letter", `${ADMIN_KEY}é`, "ends with a non-ASCII character (U+00E9)"],
  ])("is refused when the client is built (%s), naming the character class, never the key", (_name, key, says) => {
    let thrown: unknown;
    try {
      new PortkeyClient({ apiKey: key, baseUrl: "http://127.0.0.1:9/v1" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(String(thrown)).toContain(`Portkey client option apiKey ${says}`);
    expect(String(thrown)).not.toContain(ADMIN_KEY.slice(6));
  });
});

describe("https:// against a plain-http server", () => {
  it("fails once, as never sent, naming the likely cause, and a create does not claim it may exist", async () => {
    server = await startScriptedServer((_req, res) => reply(res, 200, {}));
    const { client } = testClient(server.url.replace("http://", "https://"), { maxAttempts: 4 });
    const error = await failure(client.workspaces.create({ name: "payments" }));
    expect(error.kind).toBe("network");
    expect(error.code).toBe("ERR_SSL_WRONG_VERSION_NUMBER");
    expect(error.attempts).toBe(1);
    expect(error.isAmbiguous()).toBe(false);
    expect(error.isRetryable()).toBe(false);
    expect(error.message).toBe(
      `Portkey API POST /admin/workspaces was not sent: the server at ${new URL(server.url).origin.replace("http:", "https:")} does not speak TLS (ERR_SSL_WRONG_VERSION_NUMBER): most likely the URL says https:// for a plain-http server (the local emulator serves http://127.0.0.1:PORT/v1), or the port is wrong.`,
    );
    expect(error.message).not.toMatch(/may have been created|SSL routines/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("a certificate the client does not accept", () => {
  let https: Server;
  let url: string;
  beforeAll(async () => {
    const { certPem, keyPem } = createSelfSignedCertificate({ hostname: "localhost" });
    https = createHttpsServer({ cert: certPem, key: keyPem }, (_req, res) => res.end("{}"));
    await new Promise<void>((resolve) => https.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(https.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    await new Promise((resolve) => https.close(resolve));
  });

  it("is a certificate problem, never sent, with the proxy CA hint", async () => {
    const { client } = testClient(url, { maxAttempts: 4 });
    const error = await failure(client.workspaces.create({ name: "payments" }));
    expect(error.code).toMatch(/^(DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_CERT_ALTNAME_INVALID)$/);
    expect(error.attempts).toBe(1);
    expect(error.isAmbiguous()).toBe(false);
    expect(error.message).toContain(`was not sent: the TLS certificate of https://127.0.0.1:`);
    expect(error.message).toContain("NODE_EXTRA_CA_CERTS");
    expect(error.message).not.toContain("may have been created");
  });
});

describe("a 404 that does not come from the Admin API", () => {
  it("names the base URL and the /v1 the Admin API lives under", async () => {
    server = await startScriptedServer((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<html><body>Not Found</body></html>");
    });
    const base = server.url.replace(/\/v1$/, "");
    const { client } = testClient(base);
    const error = await failure(client.workspaces.get("ws-1"));
    expect(error.status).toBe(404);
    expect(error.message).toContain(`this 404 does not come from Portkey's Admin API, which answers with an error code: check the base URL ${base}; the Admin API lives under /v1`);
  });

  it("leaves Portkey's own 404s as they are", async () => {
    server = await startScriptedServer((_req, res) => reply(res, 404, { success: false, data: { message: "Workspace not found", errorCode: "AB08" } }));
    const error = await failure(testClient(server.url).client.workspaces.get("ws-1"));
    expect(error.message).toBe("Portkey API GET /admin/workspaces/ws-1 failed with HTTP 404 AB08: Workspace not found");
  });
});
