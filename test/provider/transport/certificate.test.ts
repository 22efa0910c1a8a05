/** The AutoMTLS server certificate written by the DER encoder, as Node/OpenSSL parse it. */
import { X509Certificate } from "node:crypto";
import { handshakeLine } from "../../../src/provider/transport/goplugin/handshake";
import { objectIdentifier, unsignedInteger } from "../../../src/provider/transport/tls/der";
import { createSelfSignedCertificate } from "../../../src/provider/transport/tls/certificate";

describe("self-signed AutoMTLS certificate", () => {
  const now = new Date("2025-06-01T12:00:00Z");
  const cert = createSelfSignedCertificate({ now });
  const x509 = new X509Certificate(cert.certDer);

  it("parses, is signed by its own key, and names localhost", () => {
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.subjectAltName).toBe("DNS:localhost");
    expect(x509.checkHost("localhost")).toBe("localhost");
    expect(x509.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  });

  it("allows both TLS server and client use, and is its own CA", () => {
    expect(x509.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
    expect(x509.ca).toBe(true);
  });

  it("is valid from 30 s ago for 30 days", () => {
    expect(new Date(x509.validFrom).toISOString()).toBe("2025-06-01T11:59:30.000Z");
    expect(new Date(x509.validTo).toISOString()).toBe("2025-07-01T12:00:00.000Z");
  });

  it("is fresh on every start: new key and serial", () => {
    const other = new X509Certificate(createSelfSignedCertificate({ now }).certDer);
    expect(other.serialNumber).not.toBe(x509.serialNumber);
    expect(other.publicKey.export({ format: "jwk" })).not.toEqual(x509.publicKey.export({ format: "jwk" }));
  });

  it("supports P-384 and P-521 keys too", () => {
    for (const [curve, openssl] of [["P-384", "secp384r1"], ["P-521", "secp521r1"]] as const) {
      const c = new X509Certificate(createSelfSignedCertificate({ curve }).certDer);
      expect(c.verify(c.publicKey)).toBe(true);
      expect(c.publicKey.asymmetricKeyDetails?.namedCurve).toBe(openssl);
    }
  });

  it("goes into the handshake line as base64 DER without = padding", () => {
    const line = handshakeLine("unix", "/tmp/x/plugin.sock", cert.certDer);
    const field = line.trimEnd().split("|")[5] ?? "";
    expect(line.startsWith("1|6|unix|/tmp/x/plugin.sock|grpc|")).toBe(true);
    expect(field).not.toMatch(/=/);
    expect(Buffer.from(field, "base64").equals(cert.certDer)).toBe(true);
    expect(handshakeLine("tcp", "127.0.0.1:1234")).toBe("1|6|tcp|127.0.0.1:1234|grpc\n");
  });
});

describe("DER encoder", () => {
  it("encodes OIDs with multi-byte arcs and integers minimally", () => {
    expect(objectIdentifier("1.2.840.10045.4.3.2").toString("hex")).toBe("06082a8648ce3d040302");
    expect(unsignedInteger(Buffer.from([0, 0, 0x80])).toString("hex")).toBe("02020080");
    expect(unsignedInteger(Buffer.from([0, 0x7f])).toString("hex")).toBe("02017f");
  });
});
