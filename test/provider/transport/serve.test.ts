/**
 * `serve()` in-process, driven by a real HTTP/2 gRPC client over the unix socket and mutual
 * TLS it announces in its handshake line, like Terraform does.
 */
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import type { LogEvent } from "../../../src/portkey/log";
import { redactingLogger } from "../../../src/portkey/log";
import { SecretRegistry } from "../../../src/portkey/redact";
import type { ProviderHandlers } from "../../../src/provider/protocol/types";
import { MAGIC_COOKIE_VALUE } from "../../../src/provider/transport/goplugin/env";
import { GrpcStatus } from "../../../src/provider/transport/grpc/status";
import * as req from "../../../src/provider/transport/protobuf/requests";
import * as res from "../../../src/provider/transport/protobuf/responses";
import { serve } from "../../../src/provider/transport/serve";
import { createSelfSignedCertificate } from "../../../src/provider/transport/tls/certificate";
import { FIXTURE_PROVIDER_SCHEMA, fakeHandlers } from "./fixtures/fake-handlers";
import { GrpcTestClient, type Handshake, parseHandshake } from "./grpc-test-client";

const P = "/tfplugin6.Provider/";
const EMPTY = new Uint8Array(0);
// Terraform generates a P-521 client certificate per run; so do we.
const terraformCert = createSelfSignedCertificate({ curve: "P-521" });

interface Running {
  handshake: Handshake;
  client: GrpcTestClient;
  served: Promise<void>;
  exit: jest.Mock;
  logs: LogEvent[];
}

async function start(
  handlers: ProviderHandlers,
  extraEnv: Record<string, string> = {},
  options: { maxReceiveBytes?: number; secrets?: SecretRegistry } = {},
): Promise<Running> {
  const logs: LogEvent[] = [];
  const secrets = options.secrets ?? new SecretRegistry();
  const exit = jest.fn();
  let announce: (line: string) => void = () => undefined;
  const line = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const served = serve(handlers, {
    env: { TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "5,6", PLUGIN_CLIENT_CERT: terraformCert.certPem, ...extraEnv },
    writeHandshake: announce,
    exit,
    processHooks: false,
    secrets,
    logger: redactingLogger((e) => logs.push(e), secrets, "trace"),
    maxReceiveBytes: options.maxReceiveBytes,
  });
  const handshake = parseHandshake(await line);
  const client = await GrpcTestClient.connect(handshake, terraformCert);
  return { handshake, client, served, exit, logs };
}

async function shutdown(running: Running): Promise<void> {
  await running.client.unary("/plugin.GRPCController/Shutdown", EMPTY);
  await running.served;
  await running.client.close();
}

describe("serve() over AutoMTLS on a unix socket", () => {
  let running: Running;
  let secrets: SecretRegistry;
  let releaseApply: () => void = () => undefined;

  beforeAll(async () => {
    secrets = new SecretRegistry();
    secrets.add("pk-live-SECRET-123456");
    running = await start(
      fakeHandlers({
        readResource: async () => {
          throw new Error("Portkey said 401 for key pk-live-SECRET-123456");
        },
        planResourceChange: (_req, signal) =>
          new Promise((resolve) => {
            signal.addEventListener("abort", () =>
              resolve({ requiresReplace: [], plannedPrivate: EMPTY, diagnostics: [{ severity: "error", summary: `stopped: ${String(signal.reason)}` }] }),
            );
          }),
        applyResourceChange: async (_req, signal) => {
          await new Promise<void>((resolve) => {
            releaseApply = resolve;
          });
          return { private: EMPTY, diagnostics: [{ severity: "warning", summary: `aborted=${signal.aborted}` }] };
        },
      }),
      {},
      { secrets },
    );
  });
  afterAll(async () => {
    if (running.exit.mock.calls.length === 0) await shutdown(running);
  });

  it("announces a unix socket and a certificate in the handshake line", () => {
    expect(running.handshake.network).toBe("unix");
    expect(running.handshake.address).toMatch(/plugin\.sock$/);
    expect(running.handshake.serverCertPem).toBeDefined();
  });

  it("answers GetProviderSchema with the handler's schema and capabilities", async () => {
    const reply = await running.client.unary(`${P}GetProviderSchema`, EMPTY);
    expect(reply.status).toBe(GrpcStatus.OK);
    const schema = res.decodeGetProviderSchemaResponse(reply.body ?? EMPTY);
    expect(schema.provider).toEqual(FIXTURE_PROVIDER_SCHEMA);
    expect(schema.serverCapabilities).toEqual({ planDestroy: true, getProviderSchemaOptional: true, moveResourceState: false });
  });

  it("decodes requests for the handler and encodes its answer", async () => {
    const request = req.encodeConfigureProviderRequest({ terraformVersion: "1.11.4", config: { msgpack: new Uint8Array([0xc0]) } });
    const reply = await running.client.unary(`${P}ConfigureProvider`, request);
    expect(res.decodeDiagnosticsResponse(reply.body ?? EMPTY, 1).diagnostics).toEqual([{ severity: "warning", summary: "saw 1.11.4" }]);
  });

  it("reassembles a request that arrives split across HTTP/2 DATA frames", async () => {
    const message = req.encodeImportResourceStateRequest({ typeName: "portkeyadmin_workspace", id: "ws-1" });
    const frame = Buffer.concat([Buffer.from([0, 0, 0, 0, message.length]), message]);
    const reply = await running.client.call(`${P}ImportResourceState`, [frame.subarray(0, 3), frame.subarray(3, 9), frame.subarray(9)]);
    const decoded = res.decodeImportResourceStateResponse(reply.body ?? EMPTY);
    expect(new TextDecoder().decode(decoded.importedResources[0]?.state?.json)).toBe('{"id":"ws-1"}');
  });

  it("answers RPCs outside the supported subset with UNIMPLEMENTED and a clear message", async () => {
    for (const method of ["GetFunctions", "CallFunction", "MoveResourceState", "OpenEphemeralResource", "GetResourceIdentitySchemas"]) {
      const reply = await running.client.unary(`${P}${method}`, EMPTY);
      expect(reply.status).toBe(GrpcStatus.UNIMPLEMENTED);
      expect(reply.message).toBe(`tfplugin6.Provider/${method} is not implemented by this provider (it serves the tfplugin6.8 subset Terraform 1.11 needs)`);
    }
    expect((await running.client.unary("/grpc.health.v1.Health/Check", EMPTY)).status).toBe(GrpcStatus.UNIMPLEMENTED);
  });

  it("turns a handler's exception into INTERNAL with secrets scrubbed and no stack", async () => {
    const reply = await running.client.unary(`${P}ReadResource`, req.encodeReadResourceRequest({ typeName: "w", private: EMPTY }));
    expect(reply.status).toBe(GrpcStatus.INTERNAL);
    expect(reply.message).toBe("tfplugin6.Provider/ReadResource failed: Portkey said 401 for key [REDACTED]");
    expect(JSON.stringify(running.logs)).not.toContain("pk-live-SECRET-123456");
  });

  it("StopProvider aborts the signal of in-flight handlers; later calls get a fresh signal", async () => {
    const plan = running.client.unary(`${P}PlanResourceChange`, req.encodePlanResourceChangeRequest({ typeName: "w", priorPrivate: EMPTY }));
    await new Promise((resolve) => setTimeout(resolve, 20)); // let the handler start waiting
    const stop = await running.client.unary(`${P}StopProvider`, EMPTY);
    expect(stop.status).toBe(GrpcStatus.OK);
    expect(res.decodeStopProviderResponse(stop.body ?? EMPTY)).toEqual({ error: "" });
    const planned = res.decodePlanResourceChangeResponse((await plan).body ?? EMPTY);
    expect(planned.diagnostics[0]?.summary).toMatch(/^stopped: AbortError: Terraform asked the provider to stop/);

    const apply = running.client.unary(`${P}ApplyResourceChange`, req.encodeApplyResourceChangeRequest({ typeName: "w", plannedPrivate: EMPTY }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    releaseApply();
    expect(res.decodeApplyResourceChangeResponse((await apply).body ?? EMPTY).diagnostics[0]?.summary).toBe("aborted=false");
  });

  it("refuses a client that does not present Terraform's certificate", async () => {
    const stranger = createSelfSignedCertificate();
    await expect(
      GrpcTestClient.connect(running.handshake, stranger).then((c) => c.unary(`${P}GetProviderSchema`, EMPTY)),
    ).rejects.toThrow();
  });

  it("GRPCController.Shutdown replies, ends open stdio streams cleanly, removes the socket and exits 0", async () => {
    const stdio = await running.client.openStream("/plugin.GRPCStdio/StreamStdio");
    const reply = await running.client.unary("/plugin.GRPCController/Shutdown", EMPTY);
    expect(reply.status).toBe(GrpcStatus.OK);
    await running.served;
    expect(await stdio.ended).toBe("0");
    expect(running.exit).toHaveBeenCalledWith(0);
    expect(existsSync(dirname(running.handshake.address))).toBe(false);
    await running.client.close();
  });
});

describe("serve() in plaintext over tcp", () => {
  it("serves without TLS when Terraform passes no client certificate, and limits request size", async () => {
    const logs: LogEvent[] = [];
    let announce: (line: string) => void = () => undefined;
    const line = new Promise<string>((resolve) => {
      announce = resolve;
    });
    const exit = jest.fn();
    const served = serve(fakeHandlers(), {
      env: { TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "6", PLUGIN_TRANSPORT: "tcp" },
      writeHandshake: announce,
      exit,
      processHooks: false,
      logger: redactingLogger((e) => logs.push(e), new SecretRegistry(), "trace"),
      maxReceiveBytes: 1024,
    });
    const handshake = parseHandshake(await line);
    expect(handshake).toMatchObject({ network: "tcp", serverCertPem: undefined });
    expect(handshake.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const client = await GrpcTestClient.connect(handshake);

    const big = req.encodeReadResourceRequest({ typeName: "w", currentState: { msgpack: new Uint8Array(4096) }, private: EMPTY });
    const refused = await client.unary(`${P}ReadResource`, big);
    expect(refused.status).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(refused.message).toMatch(/larger than max/);

    expect((await client.unary(`${P}GetMetadata`, EMPTY)).status).toBe(GrpcStatus.OK);
    await client.unary("/plugin.GRPCController/Shutdown", EMPTY);
    await served;
    expect(exit).toHaveBeenCalledWith(0);
    await client.close();
  });

  it("refuses to start without the magic cookie: explains on stderr and exits 1", async () => {
    const errors: string[] = [];
    const exit = jest.fn();
    await serve(fakeHandlers(), { env: {}, exit, writeError: (t) => errors.push(t), processHooks: false });
    expect(exit).toHaveBeenCalledWith(1);
    expect(errors.join("")).toMatch(/Terraform provider plugin/);
  });
});
