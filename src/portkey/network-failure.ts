/**
 * Network failures by what they tell about the request: was it sent at all, and what is the
 * likely cause. A request is written only after the TCP connection and, for https, the TLS
 * handshake have succeeded; a failure in either means Portkey never saw it, so a create that
 * failed that way cannot have happened (no "may have been created" warning, no lookup), and a
 * retry would fail the same way (wrong scheme or port, a certificate, a proxy).
 */

/** The request never left: nothing to look up before re-sending. */
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  // undici refused the request itself (a header value it cannot send, say) before connecting.
  "UND_ERR_INVALID_ARG",
]);

/** Certificate verification failures (Node's names for OpenSSL's X509 errors), found during the handshake. */
const CERTIFICATE = new Set([
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
  "HOSTNAME_MISMATCH",
]);

/** OpenSSL errors that only occur while negotiating, before any request byte is written. */
const NOT_TLS = new Set(["ERR_SSL_WRONG_VERSION_NUMBER", "ERR_SSL_PACKET_LENGTH_TOO_LONG", "ERR_SSL_UNKNOWN_PROTOCOL", "ERR_SSL_HTTP_REQUEST"]);
const HANDSHAKE = new Set([
  "ERR_SSL_UNSUPPORTED_PROTOCOL",
  "ERR_SSL_NO_PROTOCOLS_AVAILABLE",
  "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION",
  "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
  "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA",
  "ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR",
  "ERR_SSL_TLSV1_UNRECOGNIZED_NAME",
  "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED",
  "ERR_TLS_HANDSHAKE_TIMEOUT",
]);

export type TlsFailure = "not-tls" | "certificate" | "handshake";

/** Which kind of TLS handshake failure `code` is, if it is one. */
export function tlsFailure(code: string | undefined): TlsFailure | undefined {
  if (code === undefined) return undefined;
  if (NOT_TLS.has(code)) return "not-tls";
  if (CERTIFICATE.has(code)) return "certificate";
  if (HANDSHAKE.has(code)) return "handshake";
  return undefined;
}

/** True when a failure with this code means the request was never sent. */
export function neverSent(code: string | undefined): boolean {
  return code !== undefined && (NEVER_SENT.has(code) || tlsFailure(code) !== undefined);
}

/** Why the TLS handshake with `origin` failed and what to check; `code` is Node's error code. */
export function tlsFailureMessage(kind: TlsFailure, code: string, origin: string): string {
  switch (kind) {
    case "not-tls":
      return `the server at ${origin} does not speak TLS (${code}): most likely the URL says https:// for a plain-http server (the local emulator serves http://127.0.0.1:PORT/v1), or the port is wrong`;
    case "certificate":
      return `the TLS certificate of ${origin} was not accepted (${code}): it is expired, self-signed or issued for another host name, or a proxy intercepts TLS (give Node its CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem)`;
    case "handshake":
      return `the TLS handshake with ${origin} failed (${code}): check the URL's scheme and port, a proxy between here and Portkey, and the server's TLS settings`;
  }
}
