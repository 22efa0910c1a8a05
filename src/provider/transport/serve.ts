/**
 * The provider process's main loop, as go-plugin expects it: check the environment, listen
 * (unix socket or tcp, TLS with AutoMTLS unless disabled), print the handshake line, load
 * HTTP/2 and serve tfplugin6 until GRPCController.Shutdown, then exit 0.
 */
import type { Http2SecureServer, Http2Server } from "node:http2";
import type { Logger } from "../../portkey/log";
import { SecretRegistry } from "../../portkey/redact";
import type { ProviderHandlers } from "../protocol/types";
import { EarlyListener } from "./goplugin/early-listener";
import { readPluginEnv, type PluginEnv, PluginEnvError } from "./goplugin/env";
import { handshakeLine } from "./goplugin/handshake";
import { type Listening, listen } from "./goplugin/listen";
import { watchParent } from "./goplugin/watchdog";
import { DEFAULT_MAX_RECEIVE_BYTES, GrpcServer, HTTP2_SERVER_OPTIONS } from "./grpc/server";
import { hclogLogger } from "./log/hclog";
import { providerRoutes } from "./provider-service";
import { StopSignal } from "./stop-signal";
import { createSelfSignedCertificate, type EcCurve, type SelfSignedCertificate } from "./tls/certificate";

export interface ServeOptions {
  /** Where provider logs go. @default hclog JSON on stderr at TF_LOG_PROVIDER / TF_LOG level */
  readonly logger?: Logger;
  /** Secrets scrubbed from logs and from error messages sent to Terraform. @default an empty registry */
  readonly secrets?: SecretRegistry;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Receives the handshake line. @default process.stdout */
  readonly writeHandshake?: (line: string) => void;
  /** Receives the message for a person who ran the plugin by hand. @default process.stderr */
  readonly writeError?: (text: string) => void;
  /** @default process.exit */
  readonly exit?: (code: number) => void;
  /**
   * Install process-wide behaviour: ignore SIGINT (Terraform sends StopProvider instead), exit
   * on SIGTERM or when the parent dies, remove the socket dir on exit. Off for in-process tests.
   * @default true
   */
  readonly processHooks?: boolean;
  /** Largest request message accepted. @default 256 MiB */
  readonly maxReceiveBytes?: number;
  /** Curve of the AutoMTLS server key. @default "P-256" */
  readonly curve?: EcCurve;
  /** How long a create already under way may run on after StopProvider. @default 30 s */
  readonly createGraceMs?: number;
}

/**
 * Serves `handlers` to Terraform. Resolves after the server has shut down (Shutdown RPC,
 * SIGTERM or parent death) and `exit(0)` has been called; with a wrong environment, writes a
 * short explanation, calls `exit(1)` and resolves.
 */
export async function serve(handlers: ProviderHandlers, options: ServeOptions = {}): Promise<void> {
  const parentPid = process.ppid;
  const env = options.env ?? process.env;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let pluginEnv: PluginEnv;
  try {
    pluginEnv = readPluginEnv(env);
  } catch (error) {
    if (!(error instanceof PluginEnvError)) throw error;
    (options.writeError ?? ((text: string) => process.stderr.write(text)))(`${error.message}\n`);
    exit(1);
    return;
  }

  const secrets = options.secrets ?? new SecretRegistry();
  const logger = options.logger ?? hclogLogger({ secrets, env });
  const stop = new StopSignal();
  const hooks = options.processHooks ?? true;

  let listening: Listening | undefined;
  let grpc: GrpcServer | undefined;
  let stopWatchdog: (() => void) | undefined;
  let finished = false;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const early = new EarlyListener();

  const finish = async (why: string) => {
    if (finished) return;
    finished = true;
    logger.log("debug", `provider exiting: ${why}`);
    stopWatchdog?.();
    stop.stop(`provider is shutting down (${why})`);
    early.close();
    await grpc?.close();
    listening?.cleanup();
    resolveDone();
    exit(0);
  };

  const routes = providerRoutes({ handlers, stop, logger, secrets, onShutdown: () => void finish("GRPCController.Shutdown"), createGraceMs: options.createGraceMs });
  // The certificate goes into the handshake line, so it comes first; HTTP/2 comes after the line.
  const cert = pluginEnv.clientCertPem === undefined ? undefined : createSelfSignedCertificate({ curve: options.curve });
  listening = await listen(early.server, pluginEnv.transport);

  // Hooks before the handshake: a signal right after it must already find them installed.
  if (hooks) {
    const cleanup = listening.cleanup;
    process.on("exit", cleanup);
    process.on("SIGINT", () => logger.log("debug", "ignoring SIGINT: Terraform answers Ctrl-C with StopProvider"));
    process.on("SIGTERM", () => void finish("SIGTERM"));
    stopWatchdog = watchParent(() => void finish("parent process exited"), parentPid);
  }

  (options.writeHandshake ?? ((line: string) => process.stdout.write(line)))(handshakeLine(listening.network, listening.address, cert?.certDer));

  const server = createHttp2Server(pluginEnv.clientCertPem, cert);
  server.on("tlsClientError", (error: Error) => logger.log("warn", "TLS handshake with Terraform failed", { error }));
  grpc = new GrpcServer(server, routes, options.maxReceiveBytes ?? DEFAULT_MAX_RECEIVE_BYTES);
  if (!finished) early.handTo(server);
  logger.log("debug", "provider serving", { network: listening.network, address: listening.address, tls: cert !== undefined });
  return done;
}

/** node:http2 is required here, after the handshake line, not at start-up (see EarlyListener). */
function createHttp2Server(clientCertPem: string | undefined, cert: SelfSignedCertificate | undefined): Http2Server | Http2SecureServer {
  const http2 = require("node:http2") as typeof import("node:http2");
  if (clientCertPem === undefined || cert === undefined) return http2.createServer(HTTP2_SERVER_OPTIONS);
  return http2.createSecureServer({
    ...HTTP2_SERVER_OPTIONS,
    key: cert.keyPem,
    cert: cert.certPem,
    // AutoMTLS: accept exactly the certificate Terraform generated for this run.
    ca: clientCertPem,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: "TLSv1.2",
  });
}
