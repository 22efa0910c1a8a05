/**
 * The one line go-plugin reads from the plugin's stdout:
 * CORE-PROTOCOL-VERSION|APP-PROTOCOL-VERSION|NETWORK|ADDRESS|PROTOCOL[|SERVER-CERT]
 */
import { PROTOCOL_VERSION } from "./env";

const CORE_PROTOCOL_VERSION = 1;

export function handshakeLine(network: "unix" | "tcp", address: string, serverCertDer?: Uint8Array): string {
  const fields = [CORE_PROTOCOL_VERSION, PROTOCOL_VERSION, network, address, "grpc"].map(String);
  // go-plugin decodes the certificate with base64.RawStdEncoding: padding makes it fail.
  if (serverCertDer) fields.push(Buffer.from(serverCertDer).toString("base64").replace(/=+$/, ""));
  return `${fields.join("|")}\n`;
}
