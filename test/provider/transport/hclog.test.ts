/** hclog JSON lines on stderr, as Terraform's go-plugin client parses them. */
import { SecretRegistry } from "../../../src/portkey/redact";
import { formatHclogLine, hclogLogger, hclogTimestamp, logThresholdFromEnv } from "../../../src/provider/transport/log/hclog";

describe("hclog logger", () => {
  it("formats timestamps in Go's 2006-01-02T15:04:05.000000Z07:00 layout (6 fractional digits)", () => {
    const micros = Date.UTC(2025, 0, 2, 3, 4, 5) * 1000 + 123_456;
    expect(hclogTimestamp(micros)).toBe("2025-01-02T03:04:05.123456Z");
  });

  it("writes @level, @message, @timestamp and fields as one JSON line", () => {
    const line = formatHclogLine({ level: "info", message: "hello", fields: { count: 2, big: 2n ** 64n } }, 0);
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(line)).toEqual({
      "@level": "info",
      "@message": "hello",
      "@timestamp": "1970-01-01T00:00:00.000000Z",
      count: 2,
      big: "18446744073709551616",
    });
  });

  it("takes its level from TF_LOG_PROVIDER, then TF_LOG; JSON and unknown values mean trace; unset means off", () => {
    expect(logThresholdFromEnv({ TF_LOG_PROVIDER: "WARN", TF_LOG: "trace" })).toBe("warn");
    expect(logThresholdFromEnv({ TF_LOG: "debug" })).toBe("debug");
    expect(logThresholdFromEnv({ TF_LOG: "JSON" })).toBe("trace");
    expect(logThresholdFromEnv({ TF_LOG: "loud" })).toBe("trace");
    expect(logThresholdFromEnv({ TF_LOG: "off" })).toBe("off");
    expect(logThresholdFromEnv({})).toBe("off");
  });

  it("drops events below the level and redacts secrets in messages, fields and errors", () => {
    const lines: string[] = [];
    const secrets = new SecretRegistry();
    secrets.add("pk-admin-0123456789");
    const logger = hclogLogger({ env: { TF_LOG: "info" }, secrets, write: (l) => lines.push(l) });
    logger.log("debug", "dropped");
    logger.log("info", "calling with pk-admin-0123456789", { error: new Error("401 for pk-admin-0123456789"), api_key: "anything" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("pk-admin-0123456789");
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      "@level": "info",
      "@message": "calling with [REDACTED]",
      error: "Error: 401 for [REDACTED]",
      api_key: "[REDACTED]",
    });
  });

  it("logs nothing when off", () => {
    const lines: string[] = [];
    const logger = hclogLogger({ level: "off", write: (l) => lines.push(l) });
    logger.log("error", "x");
    expect(lines).toEqual([]);
    expect(logger.isEnabled("error")).toBe(false);
  });
});
