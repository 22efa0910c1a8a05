/**
 * What the go-plugin host (Terraform) tells the plugin through the environment, checked once
 * at start-up. A wrong environment almost always means a person ran the binary by hand.
 */

/** go-plugin handshake cookie Terraform sets for providers (key TF_PLUGIN_MAGIC_COOKIE). */
export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
export const PROTOCOL_VERSION = 6;

export type Transport = { kind: "unix"; socketParentDir?: string } | { kind: "tcp"; minPort: number; maxPort: number };

export interface PluginEnv {
  readonly transport: Transport;
  /** Terraform's client certificate (PEM); undefined means serve plaintext (TF_DISABLE_PLUGIN_TLS=1). */
  readonly clientCertPem: string | undefined;
}

/** The environment is not that of a plugin started by Terraform; `message` is for a human. */
export class PluginEnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PluginEnvError";
  }
}

export function readPluginEnv(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): PluginEnv {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    throw new PluginEnvError(
      "This program is a Terraform provider plugin: Terraform starts it and talks to it over gRPC.\n" +
        "It is not meant to be run directly. Reference the provider in your Terraform configuration\n" +
        "(or a dev_overrides block in the CLI config) and run terraform instead.",
    );
  }
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? String(PROTOCOL_VERSION)).split(",").map((v) => v.trim());
  if (!offered.includes(String(PROTOCOL_VERSION))) {
    throw new PluginEnvError(
      `Terraform offered plugin protocol version(s) ${offered.join(", ")} (PLUGIN_PROTOCOL_VERSIONS), ` +
        `but this provider speaks only protocol ${PROTOCOL_VERSION}. Use Terraform 1.0 or later.`,
    );
  }
  const clientCertPem = env.PLUGIN_CLIENT_CERT ? env.PLUGIN_CLIENT_CERT : undefined;
  return { transport: chooseTransport(env, platform), clientCertPem };
}

function chooseTransport(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Transport {
  // go-plugin uses tcp where unix sockets are unavailable (Windows); PLUGIN_TRANSPORT forces it.
  const forced = env.PLUGIN_TRANSPORT?.toLowerCase();
  if (forced === "tcp" || (forced !== "unix" && platform === "win32")) {
    const minPort = port(env, "PLUGIN_MIN_PORT", 0);
    const maxPort = port(env, "PLUGIN_MAX_PORT", minPort);
    if (maxPort < minPort) {
      throw new PluginEnvError(`PLUGIN_MAX_PORT (${maxPort}) is below PLUGIN_MIN_PORT (${minPort}); set a valid range.`);
    }
    return { kind: "tcp", minPort, maxPort };
  }
  return { kind: "unix", socketParentDir: env.PLUGIN_UNIX_SOCKET_DIR || undefined };
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new PluginEnvError(`${name}=${JSON.stringify(raw)} is not a port number (0-65535).`);
  }
  return value;
}
