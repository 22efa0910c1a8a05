/**
 * The warm provider (src/provider/transport/serve-warm.ts): one process, many Terraform runs,
 * nothing shared between them but the process. Each connection gets its own handlers and secret
 * registry (built on its first call), its own stop signal, and Shutdown ends only that connection.
 */
import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { silentLogger } from "../../../src/portkey/log";
import type { SecretRegistry } from "../../../src/portkey/redact";
import { serveWarm, type WarmServer } from "../../../src/provider/transport/serve-warm";
import { fakeHandlers } from "./fixtures/fake-handlers";
import { GrpcTestClient, parseHandshake } from "./grpc-test-client";

const EMPTY = new Uint8Array(0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PROVIDER = "/tfplugin6.Provider/";

describe("a warm provider serving several Terraform runs", () => {
  let server: WarmServer;
  let line = "";
  const registries: SecretRegistry[] = [];
  const aborted: Record<string, boolean> = {};
  const clients: GrpcTestClient[] = [];

  beforeEach(async () => {
    registries.length = 0;
    server = await serveWarm(
      (secrets) => {
        registries.push(secrets);
        return fakeHandlers({
          validateResourceConfig: async (request, signal) => {
            await sleep(80);
            aborted[request.typeName] = signal.aborted;
            return { diagnostics: [] };
          },
        });
      },
      { processHooks: false, loggerFor: () => silentLogger, writeHandshake: (text) => (line = text) },
    );
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await server.close("test over");
  });

  const connect = async () => {
    const client = await GrpcTestClient.connect(parseHandshake(line));
    clients.push(client);
    return client;
  };

  it("says where it listens, plaintext on a unix socket in a directory only its user can open", () => {
    const handshake = parseHandshake(line);
    expect(handshake).toMatchObject({ network: "unix", serverCertPem: undefined });
    expect(statSync(dirname(handshake.address)).mode & 0o777).toBe(0o700);
  });

  it("builds handlers with a fresh secret registry for each connection, on its first call", async () => {
    const [one, two] = [await connect(), await connect()];
    expect(registries).toHaveLength(0);
    expect((await one.unary(`${PROVIDER}GetProviderSchema`, EMPTY)).status).toBe(0);
    expect((await one.unary(`${PROVIDER}GetProviderSchema`, EMPTY)).status).toBe(0);
    expect((await two.unary(`${PROVIDER}GetProviderSchema`, EMPTY)).status).toBe(0);
    expect(registries).toHaveLength(2);
    expect(registries[0]).not.toBe(registries[1]);
    expect(server.runs()).toBe(2);
  });

  it("cancels only the run that sent StopProvider", async () => {
    const [one, two] = [await connect(), await connect()];
    // ValidateResourceConfig's type_name is field 1 (a string): enough to tell the two calls apart.
    const request = (name: string) => new Uint8Array([0x0a, name.length, ...Buffer.from(name)]);
    const calls = [one.unary(`${PROVIDER}ValidateResourceConfig`, request("run_one")), two.unary(`${PROVIDER}ValidateResourceConfig`, request("run_two"))];
    await sleep(20);
    expect((await one.unary(`${PROVIDER}StopProvider`, EMPTY)).status).toBe(0);
    await Promise.all(calls);
    expect(aborted).toEqual({ run_one: true, run_two: false });
  });

  it("ends only the connection that sent Shutdown, and keeps serving the others and new ones", async () => {
    const [one, two] = [await connect(), await connect()];
    expect((await one.unary("/plugin.GRPCController/Shutdown", EMPTY)).status).toBe(0);
    expect((await two.unary(`${PROVIDER}GetProviderSchema`, EMPTY)).status).toBe(0);
    expect((await (await connect()).unary(`${PROVIDER}GetProviderSchema`, EMPTY)).status).toBe(0);
  });

  it("removes its socket directory when it closes", async () => {
    const dir = dirname(parseHandshake(line).address);
    await server.close("test");
    expect(existsSync(dir)).toBe(false);
  });
});
