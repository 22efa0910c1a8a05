/**
 * The provider prints its handshake line before HTTP/2 is loaded; Terraform may dial in that
 * gap. A connection accepted early must wait and then be served normally, in TLS and plaintext.
 */
import { mkdtempSync } from "node:fs";
import { createSecureServer, createServer, type Http2SecureServer, type Http2Server } from "node:http2";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EarlyListener } from "../../../src/provider/transport/goplugin/early-listener";
import { GrpcServer } from "../../../src/provider/transport/grpc/server";
import { createSelfSignedCertificate } from "../../../src/provider/transport/tls/certificate";
import { GrpcTestClient } from "./grpc-test-client";

const clientCert = createSelfSignedCertificate({ curve: "P-521" });
const serverCert = createSelfSignedCertificate();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  ["AutoMTLS", true],
  ["plaintext", false],
])("a connection that arrives before the HTTP/2 server exists (%s)", (_name, tls) => {
  it("is held, then served once the server takes over", async () => {
    const early = new EarlyListener();
    const socketPath = join(mkdtempSync(join(tmpdir(), "early-")), "plugin.sock");
    await new Promise<void>((resolve) => early.server.listen(socketPath, resolve));

    const dialed = GrpcTestClient.connect(
      { network: "unix", address: socketPath, serverCertPem: tls ? serverCert.certPem : undefined },
      tls ? clientCert : undefined,
    );
    await sleep(50); // the client is connected and waiting: nothing has answered its TLS hello or HTTP/2 preface

    const server: Http2Server | Http2SecureServer = tls
      ? createSecureServer({ key: serverCert.keyPem, cert: serverCert.certPem, ca: clientCert.certPem, requestCert: true, rejectUnauthorized: true })
      : createServer();
    const grpc = new GrpcServer(server, {
      unary: new Map([["/test.Echo/Echo", async (request: Uint8Array) => request]]),
      idleStreams: new Set(),
      unimplemented: () => "no",
      describeFailure: () => ({ code: 13, message: "failed" }),
    });
    early.handTo(server);

    const client = await dialed;
    const reply = await client.unary("/test.Echo/Echo", new Uint8Array([1, 2, 3]));
    expect(reply.status).toBe(0);
    expect(Array.from(reply.body ?? [])).toEqual([1, 2, 3]);
    await client.close();
    early.close();
    await grpc.close();
  });
});
