import { REDACTED, SecretRegistry } from "../../src/portkey/redact";
import { type LogEvent, redactingLogger } from "../../src/portkey/log";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";

describe("secret redaction", () => {
  it("scrubs registered secrets from text, including their JSON-escaped form", () => {
    const secrets = new SecretRegistry();
    const privateKey = FAKE_SERVICE_ACCOUNT.private_key;
    secrets.add(FAKE_SERVICE_ACCOUNT);
    const leaked = `body was ${JSON.stringify({ key: privateKey })}`;
    expect(secrets.scrub(leaked)).not.toContain(FAKE_KEY_MATERIAL);
    expect(secrets.scrub(`raw ${privateKey}`)).toBe(`raw ${REDACTED}`);
  });

  it("replaces secret-named fields even when the value was never registered", () => {
    const secrets = new SecretRegistry();
    const out = secrets.redact({ id: "k1", key: "pk-live-abcdef123", nested: { "x-portkey-api-key": "adm-123456" } });
    expect(out).toEqual({ id: "k1", key: REDACTED, nested: { "x-portkey-api-key": REDACTED } });
  });

  it("routes log events through redaction and drops those below the level", () => {
    const events: LogEvent[] = [];
    const secrets = new SecretRegistry();
    secrets.add("admin-key-0123456789");
    const logger = redactingLogger((e) => events.push(e), secrets, "debug");
    logger.log("trace", "dropped");
    logger.log("debug", "sent with admin-key-0123456789", { header: "admin-key-0123456789" });
    expect(events).toEqual([{ level: "debug", message: `sent with ${REDACTED}`, fields: { header: REDACTED } }]);
  });
});
