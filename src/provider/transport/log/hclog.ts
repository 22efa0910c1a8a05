/**
 * A `Logger` that writes hclog JSON lines to stderr, which Terraform parses and re-logs under
 * `provider.terraform-provider-NAME` in its own TF_LOG output. Every event is redacted first.
 */
import { type LogEvent, type LogFields, type Logger, type LogLevel, redactingLogger, silentLogger } from "../../../portkey/log";
import { SecretRegistry } from "../../../portkey/redact";

export type LogThreshold = LogLevel | "off";

const LEVELS: Record<string, LogThreshold> = {
  trace: "trace",
  debug: "debug",
  info: "info",
  warn: "warn",
  error: "error",
  off: "off",
  json: "trace", // TF_LOG=JSON means trace, as JSON
};

/**
 * The provider's level: TF_LOG_PROVIDER, else TF_LOG. Unset means off (Terraform discards
 * provider output then anyway); an unknown value means trace, as Terraform itself treats it.
 */
export function logThresholdFromEnv(env: NodeJS.ProcessEnv): LogThreshold {
  const raw = (env.TF_LOG_PROVIDER || env.TF_LOG || "").trim().toLowerCase();
  if (raw === "") return "off";
  return LEVELS[raw] ?? "trace";
}

/** Go's `2006-01-02T15:04:05.000000Z07:00` in UTC, from microseconds since the epoch. */
export function hclogTimestamp(epochMicros: number): string {
  const millis = Math.floor(epochMicros / 1000);
  const iso = new Date(millis).toISOString(); // 2006-01-02T15:04:05.000Z
  const micros = String(Math.floor(epochMicros) % 1_000_000).padStart(6, "0");
  return `${iso.slice(0, 19)}.${micros}Z`;
}

/** One hclog JSON line for an (already redacted) event. */
export function formatHclogLine(event: LogEvent, epochMicros: number): string {
  const record: Record<string, unknown> = {
    "@level": event.level,
    "@message": event.message,
    "@timestamp": hclogTimestamp(epochMicros),
  };
  for (const [key, value] of Object.entries(event.fields)) {
    if (!key.startsWith("@")) record[key] = value;
  }
  return `${JSON.stringify(record, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))}\n`;
}

export interface HclogOptions {
  /** Secrets to scrub from every message and field. @default an empty registry */
  readonly secrets?: SecretRegistry;
  /** @default from TF_LOG_PROVIDER / TF_LOG in `env` */
  readonly level?: LogThreshold;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where lines go. @default process.stderr */
  readonly write?: (line: string) => void;
}

export function hclogLogger(options: HclogOptions = {}): Logger {
  const threshold = options.level ?? logThresholdFromEnv(options.env ?? process.env);
  if (threshold === "off") return silentLogger;
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const sink = (event: LogEvent) => write(formatHclogLine(event, nowMicros()));
  const inner = redactingLogger(sink, options.secrets ?? new SecretRegistry(), threshold);
  return {
    isEnabled: inner.isEnabled,
    log(level, message, fields) {
      if (inner.isEnabled(level)) inner.log(level, message, fields && errorsAsText(fields));
    },
  };
}

/** Errors have no enumerable fields; log their name and message (never their stack's locals). */
function errorsAsText(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? `${value.name}: ${value.message}` : value;
  }
  return out;
}

function nowMicros(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}
