/** The GCP side from the teams file: the service account Portkey calls Vertex AI as, and its key. */
import type { Construct } from "constructs";
import type { TeamsConfig } from "../config";
import { VertexServiceAccount } from "../../src/constructs/gcp/vertex-service-account";

/** Construct id "vertex" is API: renaming it would replace the service account and its key. */
export function addVertexServiceAccount(scope: Construct, config: TeamsConfig): VertexServiceAccount {
  const { project_id, service_account_id, key } = config.gcp;
  return new VertexServiceAccount(scope, "vertex", {
    projectId: project_id,
    accountId: service_account_id,
    ...(key.source === "existing-secret" ? { existingKeySecret: { secretId: key.secret, version: key.version } } : {}),
    ...(key.source === "create" && key.rotation_days !== undefined ? { keyRotationDays: key.rotation_days } : {}),
  });
}
