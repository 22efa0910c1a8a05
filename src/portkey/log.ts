/**
 * The logging hook: the client (and the provider) emit structured events through a `Logger`;
 * the embedding program decides where they go (Terraform's hclog stream, a test array, nothing).
 * Every event passes through the secret registry before it reaches the sink.
 */
import type { SecretRegistry } from "./redact";

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";

export const LOG_LEVELS: readonly LogLevel[] = ["trace", "debug", "info", "warn", "error"];

export type LogFields = Record<string, unknown>;

export interface LogEvent {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
}

export type LogSink = (event: LogEvent) => void;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  isEnabled(level: LogLevel): boolean;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  log: () => undefined,
  isEnabled: () => false,
};

/** A logger that redacts with `secrets` and forwards events at or above `minLevel` to `sink`. */
export function redactingLogger(sink: LogSink, secrets: SecretRegistry, minLevel: LogLevel = "info"): Logger {
  const floor = LOG_LEVELS.indexOf(minLevel);
  const isEnabled = (level: LogLevel) => LOG_LEVELS.indexOf(level) >= floor;
  return {
    isEnabled,
    log(level, message, fields = {}) {
      if (!isEnabled(level)) return;
      sink({ level, message: secrets.scrub(message), fields: secrets.redact(fields) });
    },
  };
}
