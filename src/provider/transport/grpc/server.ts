/**
 * A minimal gRPC server on `node:http2`: unary calls, trailers-only errors, and "idle"
 * streaming methods that are accepted and left open until shutdown (go-plugin's stdio and
 * broker streams, which Terraform opens but this server has nothing to send on).
 */
import type { Http2SecureServer, Http2Server, Http2Session, IncomingHttpHeaders, SecureServerOptions, ServerHttp2Stream, ServerOptions } from "node:http2";
import { encodeFrame, FrameDecoder } from "./framing";
import { encodeGrpcMessage, GrpcError, GrpcStatus, type GrpcStatusCode } from "./status";

/** Per-call hooks a unary handler may use. */
export interface CallContext {
  /** Runs once the response has been handed to HTTP/2 and the stream has closed. */
  onFinished(callback: () => void): void;
}

export type UnaryHandler = (request: Uint8Array, call: CallContext) => Promise<Uint8Array>;

export interface GrpcRoutes {
  /** `/package.Service/Method` → handler. */
  readonly unary: ReadonlyMap<string, UnaryHandler>;
  /** Streaming methods answered with an open, silent stream. */
  readonly idleStreams: ReadonlySet<string>;
  /** The UNIMPLEMENTED message for any other path. */
  unimplemented(path: string): string;
  /** Turns a handler's non-GrpcError failure into a status message safe to send (no secrets). */
  describeFailure(path: string, error: unknown): { code: GrpcStatusCode; message: string };
}

export const DEFAULT_MAX_RECEIVE_BYTES = 256 * 1024 * 1024;

/** HTTP/2 settings: big flow-control windows so multi-megabyte states arrive quickly. */
export const HTTP2_SERVER_OPTIONS: ServerOptions & SecureServerOptions = {
  settings: { initialWindowSize: 4 * 1024 * 1024, maxConcurrentStreams: 1000 },
  // In MiB; the default (10) makes Node refuse new streams while a large state is in flight.
  maxSessionMemory: 1024,
};

/**
 * The routes of one connection. A provider started by Terraform has one connection and one set;
 * a warm provider (src/provider/warm.ts) builds a set per connection, that is per Terraform run,
 * so no configuration, cache or cancellation is shared between runs.
 */
export type RoutesForSession = (session: Http2Session) => GrpcRoutes;

export class GrpcServer {
  private readonly openIdleStreams = new Set<ServerHttp2Stream>();
  private readonly sessions = new Map<Http2Session, GrpcRoutes>();
  private readonly routesFor: RoutesForSession;

  constructor(
    private readonly server: Http2Server | Http2SecureServer,
    routes: GrpcRoutes | RoutesForSession,
    private readonly maxReceiveBytes = DEFAULT_MAX_RECEIVE_BYTES,
  ) {
    this.routesFor = typeof routes === "function" ? routes : () => routes;
    server.on("session", (session: Http2Session) => {
      this.sessions.set(session, this.routesFor(session));
      session.on("close", () => this.sessions.delete(session));
      session.on("error", () => undefined); // a client going away mid-call is not our failure
      session.setLocalWindowSize(16 * 1024 * 1024);
    });
    server.on("stream", (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => this.onStream(stream, headers));
  }

  /** Ends idle streams, stops accepting, closes sessions; resolves when all are gone (or after `graceMs`). */
  close(graceMs = 250): Promise<void> {
    for (const stream of this.openIdleStreams) endOk(stream);
    this.openIdleStreams.clear();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        for (const session of this.sessions.keys()) session.destroy();
        resolve();
      }, graceMs);
      timer.unref();
      // Sessions, not the server's close callback: the server may never have listened itself
      // (serve() accepts connections elsewhere and hands them over).
      const resolveWhenDrained = () => {
        if (this.sessions.size > 0) return;
        clearTimeout(timer);
        resolve();
      };
      if (this.server.listening) this.server.close();
      for (const session of this.sessions.keys()) {
        session.once("close", resolveWhenDrained);
        session.close();
      }
      resolveWhenDrained();
    });
  }

  private onStream(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    stream.on("error", () => undefined);
    const path = String(headers[":path"] ?? "");
    const contentType = String(headers["content-type"] ?? "");
    if (!contentType.startsWith("application/grpc")) {
      stream.respond({ ":status": 415 }, { endStream: true });
      return;
    }
    const routes = this.sessions.get(stream.session as Http2Session);
    if (routes === undefined) {
      respondStatus(stream, GrpcStatus.UNAVAILABLE, "the connection is closing");
      return;
    }
    const handler = routes.unary.get(path);
    if (handler) {
      this.unary(stream, path, handler, routes);
    } else if (routes.idleStreams.has(path)) {
      // waitForTrailers lets close() end the stream with grpc-status 0 (a clean EOF for Go).
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      drain(stream);
      this.openIdleStreams.add(stream);
      stream.once("close", () => this.openIdleStreams.delete(stream));
    } else {
      drain(stream);
      respondStatus(stream, GrpcStatus.UNIMPLEMENTED, routes.unimplemented(path));
    }
  }

  private unary(stream: ServerHttp2Stream, path: string, handler: UnaryHandler, routes: GrpcRoutes): void {
    const decoder = new FrameDecoder(this.maxReceiveBytes);
    const messages: Uint8Array[] = [];
    let failed = false;
    stream.on("data", (chunk: Buffer) => {
      if (failed) return;
      try {
        for (const message of decoder.push(chunk)) messages.push(message);
      } catch (error) {
        failed = true;
        const grpc = error instanceof GrpcError ? error : new GrpcError(GrpcStatus.INTERNAL, "unreadable request");
        respondStatus(stream, grpc.code, grpc.message);
      }
    });
    stream.on("end", () => {
      if (failed) return;
      const [request] = messages;
      if (messages.length !== 1 || request === undefined || !decoder.idle) {
        respondStatus(stream, GrpcStatus.INTERNAL, `${path} is a unary method: expected exactly one request message, got ${messages.length}`);
        return;
      }
      const call: CallContext = { onFinished: (callback) => stream.once("close", callback) };
      handler(request, call).then(
        (response) => respondMessage(stream, response),
        (error: unknown) => {
          const { code, message } =
            error instanceof GrpcError ? error : routes.describeFailure(path, error);
          respondStatus(stream, code, message);
        },
      );
    });
  }
}

// The same header, trailer and option objects for every response: node:http2 copies them.
const OK_HEADERS = Object.freeze({ ":status": 200, "content-type": "application/grpc" });
const OK_TRAILERS = Object.freeze({ "grpc-status": "0" });
const WITH_TRAILERS = Object.freeze({ waitForTrailers: true });

function sendOkTrailers(this: ServerHttp2Stream): void {
  this.sendTrailers(OK_TRAILERS);
}

function respondMessage(stream: ServerHttp2Stream, message: Uint8Array): void {
  if (stream.destroyed || stream.closed) return;
  stream.respond(OK_HEADERS, WITH_TRAILERS);
  stream.once("wantTrailers", sendOkTrailers);
  stream.end(encodeFrame(message));
}

/** A "trailers-only" response: status in the only HEADERS frame, no body. */
function respondStatus(stream: ServerHttp2Stream, code: GrpcStatusCode, message: string): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return;
  stream.respond(
    { ":status": 200, "content-type": "application/grpc", "grpc-status": String(code), "grpc-message": encodeGrpcMessage(message) },
    { endStream: true },
  );
}

function endOk(stream: ServerHttp2Stream): void {
  if (stream.destroyed || stream.closed) return;
  stream.end();
}

function drain(stream: ServerHttp2Stream): void {
  stream.on("data", () => undefined);
}
