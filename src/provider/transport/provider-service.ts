/**
 * Routes of the tfplugin6 `Provider` service plus go-plugin's controller, stdio and broker
 * services, mapped onto `ProviderHandlers`. Bytes in, decoded request to the handler, encoded
 * response out. DynamicValue bytes pass through untouched.
 */
import type { Logger } from "../../portkey/log";
import type { SecretRegistry } from "../../portkey/redact";
import type { ApplyResourceChangeRequest, ProviderHandlers } from "../protocol/types";
import { GrpcStatus, type GrpcStatusCode } from "./grpc/status";
import type { GrpcRoutes, UnaryHandler } from "./grpc/server";
import * as req from "./protobuf/requests";
import * as res from "./protobuf/responses";
import { ProtobufDecodeError } from "./protobuf/wire";
import type { StopSignal } from "./stop-signal";

const EMPTY = new Uint8Array(0);
const PROVIDER = "/tfplugin6.Provider/";

export const SHUTDOWN_PATH = "/plugin.GRPCController/Shutdown";
export const IDLE_STREAM_PATHS: ReadonlySet<string> = new Set([
  "/plugin.GRPCStdio/StreamStdio",
  "/plugin.GRPCBroker/StartStream",
]);

export interface ProviderServiceOptions {
  readonly handlers: ProviderHandlers;
  readonly stop: StopSignal;
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
  /** Called (after the reply has been sent) when Terraform asks the plugin to exit. */
  readonly onShutdown: () => void;
  /** How long a create already under way may run on after StopProvider (see StopSignal.afterGrace). @default 30 s */
  readonly createGraceMs?: number;
}

export const DEFAULT_CREATE_GRACE_MS = 30_000;

/** Apply with a null prior state: a create. */
function isCreate(request: ApplyResourceChangeRequest): boolean {
  const prior = request.priorState;
  if (prior?.msgpack && prior.msgpack.length > 0) return prior.msgpack.length === 1 && prior.msgpack[0] === 0xc0;
  if (prior?.json && prior.json.length > 0) return Buffer.from(prior.json).toString("utf8").trim() === "null";
  return true;
}

export function providerRoutes(options: ProviderServiceOptions): GrpcRoutes {
  const { handlers: h, stop, logger, secrets } = options;

  /** Wraps decode → handler(signal) → encode for one RPC. */
  function rpc<Req, Res>(
    decode: (bytes: Uint8Array) => Req,
    call: (request: Req, signal: AbortSignal) => Promise<Res>,
    encode: (response: Res) => Uint8Array,
  ): UnaryHandler {
    return async (bytes) => encode(await call(decode(bytes), stop.signal));
  }
  const none = () => undefined;
  const createGraceMs = options.createGraceMs ?? DEFAULT_CREATE_GRACE_MS;

  /** ApplyResourceChange: creates run on through a stop (bounded by the grace), the rest stops at once. */
  async function apply(request: ApplyResourceChangeRequest) {
    if (!isCreate(request)) return h.applyResourceChange(request, stop.signal);
    const { signal, release } = stop.afterGrace(createGraceMs);
    try {
      return await h.applyResourceChange(request, signal);
    } finally {
      release();
    }
  }

  const unary = new Map<string, UnaryHandler>([
    [`${PROVIDER}GetMetadata`, rpc(none, () => h.getMetadata(), res.encodeGetMetadataResponse)],
    [`${PROVIDER}GetProviderSchema`, rpc(none, () => h.getProviderSchema(), res.encodeGetProviderSchemaResponse)],
    [
      `${PROVIDER}ValidateProviderConfig`,
      rpc(req.decodeValidateProviderConfigRequest, (r, s) => h.validateProviderConfig(r, s), (r) => res.encodeDiagnosticsResponse(r, 2)),
    ],
    [
      `${PROVIDER}ConfigureProvider`,
      rpc(req.decodeConfigureProviderRequest, (r, s) => h.configureProvider(r, s), (r) => res.encodeDiagnosticsResponse(r, 1)),
    ],
    [
      `${PROVIDER}ValidateResourceConfig`,
      rpc(req.decodeValidateResourceConfigRequest, (r, s) => h.validateResourceConfig(r, s), (r) => res.encodeDiagnosticsResponse(r, 1)),
    ],
    [
      `${PROVIDER}ValidateDataResourceConfig`,
      rpc(
        req.decodeValidateDataResourceConfigRequest,
        (r, s) => h.validateDataResourceConfig(r, s),
        (r) => res.encodeDiagnosticsResponse(r, 1),
      ),
    ],
    [
      `${PROVIDER}UpgradeResourceState`,
      rpc(req.decodeUpgradeResourceStateRequest, (r, s) => h.upgradeResourceState(r, s), res.encodeUpgradeResourceStateResponse),
    ],
    [`${PROVIDER}ReadResource`, rpc(req.decodeReadResourceRequest, (r, s) => h.readResource(r, s), res.encodeReadResourceResponse)],
    [
      `${PROVIDER}PlanResourceChange`,
      rpc(req.decodePlanResourceChangeRequest, (r, s) => h.planResourceChange(r, s), res.encodePlanResourceChangeResponse),
    ],
    [
      `${PROVIDER}ApplyResourceChange`,
      rpc(req.decodeApplyResourceChangeRequest, (r) => apply(r), res.encodeApplyResourceChangeResponse),
    ],
    [
      `${PROVIDER}ImportResourceState`,
      rpc(req.decodeImportResourceStateRequest, (r, s) => h.importResourceState(r, s), res.encodeImportResourceStateResponse),
    ],
    [`${PROVIDER}ReadDataSource`, rpc(req.decodeReadDataSourceRequest, (r, s) => h.readDataSource(r, s), res.encodeReadDataSourceResponse)],
    [
      `${PROVIDER}StopProvider`,
      async () => {
        logger.log("info", "StopProvider received: cancelling in-flight operations");
        stop.stop("Terraform asked the provider to stop (StopProvider)");
        return res.encodeStopProviderResponse("");
      },
    ],
    [
      SHUTDOWN_PATH,
      async (_bytes, call) => {
        call.onFinished(options.onShutdown);
        return EMPTY;
      },
    ],
  ]);

  if (logger.isEnabled("trace")) {
    for (const [path, handler] of unary) {
      unary.set(path, (bytes, call) => {
        logger.log("trace", `gRPC call ${path.slice(1)}`, { request_bytes: bytes.length });
        return handler(bytes, call);
      });
    }
  }

  return {
    unary,
    idleStreams: IDLE_STREAM_PATHS,
    unimplemented: (path) =>
      path.startsWith(PROVIDER)
        ? `${path.slice(1)} is not implemented by this provider (it serves the tfplugin6.8 subset Terraform 1.11 needs)`
        : `unknown gRPC method ${path}`,
    describeFailure(path, error) {
      const { code, message } = classify(error);
      const safe = secrets.scrub(`${path.slice(1)} failed: ${message}`);
      logger.log("error", safe, { stack: error instanceof Error ? error.stack ?? "" : "" });
      return { code, message: safe };
    },
  };
}

function classify(error: unknown): { code: GrpcStatusCode; message: string } {
  if (error instanceof ProtobufDecodeError) return { code: GrpcStatus.INVALID_ARGUMENT, message: error.message };
  if (error instanceof Error && error.name === "AbortError") return { code: GrpcStatus.CANCELLED, message: error.message };
  if (error instanceof Error) return { code: GrpcStatus.INTERNAL, message: error.message };
  return { code: GrpcStatus.INTERNAL, message: "the handler failed with a non-Error value" };
}
