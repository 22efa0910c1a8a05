/**
 * A warm provider: one process that serves many Terraform runs through Terraform's reattach
 * mechanism (TF_REATTACH_PROVIDERS), so a CI job planning one stack per team pays Node's start-up,
 * the client's load and a cold JIT once instead of 3–4 times per command (issue 17).
 *
 * Isolation: every connection (one per Terraform run) gets its own handlers, configuration,
 * secret registry, caches and stop signal, built on its first call and dropped when it closes.
 * What runs share is the process: its environment (read when the warm provider started) and its
 * event loop.
 *
 * Transport: a unix socket in a fresh directory only its user can enter (mkdtemp, 0700).
 * Reattached providers are dialled without TLS (go-plugin has no certificate to check), so
 * the directory's permissions are the access control, and tcp is refused.
 */
import type { Http2Session } from "node:http2";
import type { Logger } from "../../portkey/log";
import { SecretRegistry } from "../../portkey/redact";
import { builtOnFirstUse } from "../built-on-first-use";
import type { ProviderHandlers } from "../protocol/types";
import { handshakeLine } from "./goplugin/handshake";
import { type Listening, listen } from "./goplugin/listen";
import { watchParent } from "./goplugin/watchdog";
import { DEFAULT_MAX_RECEIVE_BYTES, GrpcServer, HTTP2_SERVER_OPTIONS } from "./grpc/server";
import { hclogLogger } from "./log/hclog";
import { providerRoutes } from "./provider-service";
import type { ServeOptions } from "./serve";
import { StopSignal } from "./stop-signal";

export interface WarmServeOptions extends Pick<ServeOptions, "env" | "writeHandshake" | "exit" | "processHooks" | "maxReceiveBytes" | "createGraceMs"> {
  /** Where each run's logs go. @default hclog JSON on stderr at TF_LOG_PROVIDER / TF_LOG level */
  readonly loggerFor?: (secrets: SecretRegistry) => Logger;
  /** Where the socket directory goes. @default the OS temp dir */
  readonly socketParentDir?: string;
}

export interface WarmServer {
  readonly address: string;
  /** Terraform runs (connections) served so far. */
  runs(): number;
  close(why: string): Promise<void>;
}

/** `makeHandlers` is called once per Terraform run, with that run's own secret registry. */
export async function serveWarm(makeHandlers: (secrets: SecretRegistry) => ProviderHandlers, options: WarmServeOptions = {}): Promise<WarmServer> {
  if (process.platform === "win32") throw new Error("a warm provider needs a unix socket (Terraform reattaches to it without TLS); it is not available on Windows");
  const parentPid = process.ppid;
  const env = options.env ?? process.env;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const loggerFor = options.loggerFor ?? ((secrets: SecretRegistry) => hclogLogger({ secrets, env }));
  const processLogger = loggerFor(new SecretRegistry());
  let runs = 0;

  const routesFor = (session: Http2Session) => {
    runs++;
    const secrets = new SecretRegistry();
    const stop = new StopSignal();
    // A run that goes away (killed terraform) cancels what it left in flight, creates after their grace.
    session.once("close", () => stop.stop("Terraform closed its connection to the warm provider"));
    return providerRoutes({
      handlers: builtOnFirstUse(() => makeHandlers(secrets)),
      stop,
      logger: loggerFor(secrets),
      secrets,
      // Terraform never sends Shutdown to a provider it reattached to in test mode; if some client
      // does, it ends that client's connection, not the provider other runs are using.
      onShutdown: () => session.close(),
      createGraceMs: options.createGraceMs,
    });
  };

  const http2 = require("node:http2") as typeof import("node:http2");
  const server = http2.createServer(HTTP2_SERVER_OPTIONS);
  const grpc = new GrpcServer(server, routesFor, options.maxReceiveBytes ?? DEFAULT_MAX_RECEIVE_BYTES);
  const listening: Listening = await listen(server, { kind: "unix", socketParentDir: options.socketParentDir });

  let closed: Promise<void> | undefined;
  const close = (why: string): Promise<void> => {
    closed ??= (async () => {
      processLogger.log("debug", `warm provider exiting after ${runs} run(s): ${why}`);
      stopWatchdog?.();
      await grpc.close();
      listening.cleanup();
    })();
    return closed;
  };
  let stopWatchdog: (() => void) | undefined;
  if (options.processHooks ?? true) {
    const finish = (why: string) =>
      void close(why).then(() => {
        process.stderr.write(`terraform-provider-portkeyadmin (warm): served ${runs} connection(s) from terraform\n`);
        exit(0);
      });
    process.on("exit", listening.cleanup);
    // Ctrl-C reaches the whole process group: each Terraform run answers it with StopProvider on
    // its own connection, and the `warm` command ends this process once its command has exited.
    process.on("SIGINT", () => processLogger.log("debug", "ignoring SIGINT: each Terraform run sends StopProvider"));
    process.on("SIGTERM", () => finish("SIGTERM"));
    process.on("SIGHUP", () => finish("SIGHUP"));
    stopWatchdog = watchParent(() => finish("the process that started it exited"), parentPid);
  }
  (options.writeHandshake ?? ((line: string) => process.stdout.write(line)))(handshakeLine(listening.network, listening.address));
  return { address: listening.address, runs: () => runs, close };
}
