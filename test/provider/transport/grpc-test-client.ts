/**
 * A small gRPC client over node:http2 for the transport tests: dials the address from a
 * handshake line (unix socket or tcp), optionally with mutual TLS, and makes unary calls.
 */
import { connect as http2Connect, type ClientHttp2Session } from "node:http2";
import { connect as netConnect } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { encodeFrame, FrameDecoder } from "../../../src/provider/transport/grpc/framing";
import { decodeGrpcMessage } from "../../../src/provider/transport/grpc/status";

export interface Handshake {
  network: "unix" | "tcp";
  address: string;
  /** Server certificate PEM, when the line carried one. */
  serverCertPem?: string;
}

export function parseHandshake(line: string): Handshake {
  const [core, version, network, address, protocol, cert] = line.trim().split("|");
  if (core !== "1" || version !== "6" || protocol !== "grpc" || (network !== "unix" && network !== "tcp") || !address) {
    throw new Error(`not a go-plugin handshake line: ${line}`);
  }
  const serverCertPem = cert
    ? `-----BEGIN CERTIFICATE-----\n${Buffer.from(cert, "base64").toString("base64")}\n-----END CERTIFICATE-----\n`
    : undefined;
  return { network, address, serverCertPem };
}

export interface GrpcReply {
  status: number;
  message: string;
  body?: Uint8Array;
}

export class GrpcTestClient {
  private constructor(private readonly session: ClientHttp2Session) {}

  static connect(handshake: Handshake, clientTls?: { certPem: string; keyPem: string }): Promise<GrpcTestClient> {
    const [host, port] = handshake.address.split(":");
    const target = handshake.network === "unix" ? { path: handshake.address } : { host, port: Number(port) };
    const session = http2Connect(handshake.serverCertPem ? "https://localhost" : "http://localhost", {
      createConnection: () =>
        handshake.serverCertPem
          ? tlsConnect({
              ...target,
              servername: "localhost",
              ca: handshake.serverCertPem,
              cert: clientTls?.certPem,
              key: clientTls?.keyPem,
              ALPNProtocols: ["h2"],
            })
          : netConnect(target),
    });
    return new Promise((resolve, reject) => {
      session.once("connect", () => resolve(new GrpcTestClient(session)));
      session.once("error", reject);
    });
  }

  unary(method: string, request: Uint8Array): Promise<GrpcReply> {
    return this.call(method, [encodeFrame(request)]);
  }

  /** Sends raw chunks as the request body (to test framing edge cases). */
  call(method: string, chunks: Uint8Array[]): Promise<GrpcReply> {
    const stream = this.session.request({
      ":method": "POST",
      ":path": method,
      "content-type": "application/grpc",
      te: "trailers",
    });
    const decoder = new FrameDecoder(512 * 1024 * 1024);
    const bodies: Uint8Array[] = [];
    let status: string | undefined;
    let message = "";
    const take = (headers: Record<string, unknown>) => {
      if (headers["grpc-status"] !== undefined) status = String(headers["grpc-status"]);
      if (headers["grpc-message"] !== undefined) message = decodeGrpcMessage(String(headers["grpc-message"]));
    };
    stream.on("response", take);
    stream.on("trailers", take);
    stream.on("data", (chunk: Buffer) => bodies.push(...decoder.push(chunk)));
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
    return new Promise((resolve, reject) => {
      stream.on("error", reject);
      stream.on("close", () => {
        if (status === undefined) reject(new Error(`${method}: stream closed without grpc-status`));
        else resolve({ status: Number(status), message, body: bodies[0] });
      });
    });
  }

  /**
   * Opens a server-streaming call the way Go does (one request message, then half-close) and
   * resolves once the response headers arrive; `ended` gives the final grpc-status.
   */
  openStream(method: string): Promise<{ ended: Promise<string | undefined> }> {
    const stream = this.session.request({ ":method": "POST", ":path": method, "content-type": "application/grpc", te: "trailers" });
    stream.end(encodeFrame(new Uint8Array(0)));
    const ended = new Promise<string | undefined>((resolve) => {
      let status: string | undefined;
      stream.on("trailers", (t) => {
        status = t["grpc-status"] === undefined ? undefined : String(t["grpc-status"]);
      });
      stream.on("data", () => undefined);
      stream.on("close", () => resolve(status));
      stream.on("error", () => resolve(status));
    });
    return new Promise((resolve, reject) => {
      stream.once("response", () => resolve({ ended }));
      stream.once("error", reject);
    });
  }

  close(): Promise<void> {
    if (this.session.closed || this.session.destroyed) return Promise.resolve();
    return new Promise((resolve) => this.session.close(() => resolve()));
  }
}
