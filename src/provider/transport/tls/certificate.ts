/**
 * A fresh self-signed X.509 certificate for go-plugin's AutoMTLS: ECDSA key from node:crypto,
 * certificate written with the small DER encoder. Terraform trusts exactly the certificate the
 * handshake line prints and dials with ServerName "localhost", so the certificate carries
 * SAN DNS:localhost and both serverAuth and clientAuth (as go-plugin's own certificates do).
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import * as der from "./der";

export type EcCurve = "P-256" | "P-384" | "P-521";

const CURVES: Record<EcCurve, { openssl: string; hash: string; signatureOid: string }> = {
  "P-256": { openssl: "prime256v1", hash: "sha256", signatureOid: "1.2.840.10045.4.3.2" },
  "P-384": { openssl: "secp384r1", hash: "sha384", signatureOid: "1.2.840.10045.4.3.3" },
  "P-521": { openssl: "secp521r1", hash: "sha512", signatureOid: "1.2.840.10045.4.3.4" },
};

const OID = {
  commonName: "2.5.4.3",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
};

export interface SelfSignedCertificate {
  /** The certificate, DER bytes (what the handshake line carries, base64). */
  readonly certDer: Buffer;
  readonly certPem: string;
  /** PKCS#8 PEM of the private key. */
  readonly keyPem: string;
}

export interface CertificateOptions {
  /** @default "P-256" (the cheapest to generate and to handshake with) */
  readonly curve?: EcCurve;
  /** @default "localhost" */
  readonly hostname?: string;
  /** @default new Date() */
  readonly now?: Date;
  /** @default 30 */
  readonly validityDays?: number;
}

export function createSelfSignedCertificate(options: CertificateOptions = {}): SelfSignedCertificate {
  const curve = CURVES[options.curve ?? "P-256"];
  const hostname = options.hostname ?? "localhost";
  const now = options.now ?? new Date();
  // Asking for encoded keys up front is cheaper than exporting KeyObjects afterwards.
  const { privateKey, publicKey } = generateKeyPairSync("ec", {
    namedCurve: curve.openssl,
    publicKeyEncoding: { type: "spki", format: "der" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });

  const signatureAlgorithm = der.sequence(der.objectIdentifier(curve.signatureOid));
  const name = der.sequence(der.set(der.sequence(der.objectIdentifier(OID.commonName), der.utf8String(hostname))));
  // Positive, minimally encoded, 16 random bytes: a unique serial per start.
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;

  const extension = (oid: string, critical: boolean, value: Buffer) =>
    der.sequence(der.objectIdentifier(oid), ...(critical ? [der.boolean(true)] : []), der.octetString(value));
  const extensions = der.sequence(
    // digitalSignature (bit 0) + keyCertSign (bit 5): 0b1000_0100, two unused trailing bits.
    extension(OID.keyUsage, true, der.bitString(Buffer.from([0x84]), 2)),
    extension(OID.extKeyUsage, false, der.sequence(der.objectIdentifier(OID.serverAuth), der.objectIdentifier(OID.clientAuth))),
    // Self-signed and trusted directly, so it is its own CA, as go-plugin's certificates are.
    extension(OID.basicConstraints, true, der.sequence(der.boolean(true))),
    extension(OID.subjectAltName, false, der.sequence(der.implicitPrimitive(2, Buffer.from(hostname, "ascii")))),
  );

  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)), // v3
    der.unsignedInteger(serial),
    signatureAlgorithm,
    name, // issuer
    der.sequence(der.utcTime(new Date(now.getTime() - 30_000)), der.utcTime(new Date(now.getTime() + (options.validityDays ?? 30) * 86_400_000))),
    name, // subject
    publicKey,
    der.explicit(3, extensions),
  );
  const signature = sign(curve.hash, tbs, privateKey); // ECDSA-Sig-Value, DER
  const certDer = der.sequence(tbs, signatureAlgorithm, der.bitString(signature));

  return {
    certDer,
    certPem: toPem(certDer),
    keyPem: privateKey,
  };
}

function toPem(certDer: Buffer): string {
  const lines = certDer.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}
