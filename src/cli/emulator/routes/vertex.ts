/**
 * Provider-specific checks on integration `configurations`. For Vertex (fact sheet §3.3) the
 * service-account key must be the parsed key file (an object, not a string) and `basic` /
 * `workload` auth need a project id.
 */
import { z } from "zod";
import type { JsonObject } from "../json";
import { parse } from "../router";

const region = z.string().min(1);

const serviceAccountKey = z.looseObject(
  { client_email: z.string().min(1), private_key: z.string().min(1) },
  { error: "must be the parsed service-account key file (a JSON object with client_email and private_key), not a string" },
);

const vertexConfigurations = z.discriminatedUnion(
  "vertex_auth_type",
  [
    z.looseObject({ vertex_auth_type: z.literal("serviceAccount"), vertex_region: region, vertex_service_account_json: serviceAccountKey }),
    z.looseObject({ vertex_auth_type: z.literal("basic"), vertex_region: region, vertex_project_id: z.string().min(1) }),
    z.looseObject({ vertex_auth_type: z.literal("workload"), vertex_region: region, vertex_project_id: z.string().min(1) }),
  ],
  { error: 'must be "serviceAccount", "basic" or "workload"' },
);

export function validateConfigurations(aiProviderId: string, configurations: JsonObject): void {
  if (aiProviderId === "vertex-ai") parse(z.object({ configurations: vertexConfigurations }), { configurations });
}
