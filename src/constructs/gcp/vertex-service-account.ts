/**
 * VertexServiceAccount (L2): everything GCP must hold before Portkey can call Vertex AI for you.
 * Enables aiplatform.googleapis.com, creates a service account with Vertex access, and creates
 * (and optionally rotates) its key — or reads an existing key from Secret Manager where the
 * organisation policy `iam.disableServiceAccountKeyCreation` forbids creating keys.
 */
import { Annotations, Fn } from "cdktf";
import { Construct } from "constructs";
import { z } from "zod";
import { DataGoogleSecretManagerSecretVersion } from "@cdktf/provider-google/lib/data-google-secret-manager-secret-version";
import { ProjectIamCustomRole } from "@cdktf/provider-google/lib/project-iam-custom-role";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { ProjectService } from "@cdktf/provider-google/lib/project-service";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { ServiceAccountKey } from "@cdktf/provider-google/lib/service-account-key";
import { TimeRotating } from "../l1/time/time-rotating";
import { literalString, parseProps } from "../validation";

export type VertexAccess = "aiplatform-user" | "predict-only";

export interface ExistingKeySecret {
  /** Secret Manager secret id (or full `projects/…/secrets/…` name) holding the key file JSON. */
  readonly secretId: string;
  /** @default "latest" */
  readonly version?: string;
}

export interface VertexServiceAccountProps {
  /** GCP project that runs Vertex AI. */
  readonly projectId: string;
  /** Service account id: 6–30 chars, lowercase letters, digits and dashes. @default "portkey-vertex" */
  readonly accountId?: string;
  /** @default "Portkey gateway → Vertex AI (Claude Code)" */
  readonly displayName?: string;
  /**
   * `aiplatform-user` grants roles/aiplatform.user; `predict-only` creates a custom role with
   * just `aiplatform.endpoints.predict` (least privilege, opt-in).
   * @default "aiplatform-user"
   */
  readonly access?: VertexAccess;
  /** Replace the key every N days: one apply creates the new key, re-sends it, deletes the old. @default - never rotated */
  readonly keyRotationDays?: number;
  /** Bring a key from Secret Manager instead of creating one. @default - a key is created */
  readonly existingKeySecret?: ExistingKeySecret;
  /** Leave aiplatform.googleapis.com enabled on destroy (other workloads may use it). Always true. */
}

const PropsSchema = z
  .object({
    projectId: literalString(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a GCP project id: 6–30 lowercase letters, digits or dashes, starting with a letter"),
    accountId: literalString(/^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/, "must be 6–30 lowercase letters, digits or dashes, starting with a letter").default("portkey-vertex"),
    displayName: z.string().max(100, "must be at most 100 characters").default("Portkey gateway → Vertex AI (Claude Code)"),
    access: z.enum(["aiplatform-user", "predict-only"], { message: 'must be "aiplatform-user" or "predict-only"' }).default("aiplatform-user"),
    keyRotationDays: z.number().int("must be a whole number of days").min(1, "must be at least 1 day").max(3650, "must be at most 3650 days").optional(),
    existingKeySecret: z.object({ secretId: z.string().min(1, "must name the secret"), version: z.string().default("latest") }).strict().optional(),
  })
  .strict()
  .refine((p) => !(p.keyRotationDays && p.existingKeySecret), {
    message: "keyRotationDays rotates a key this construct creates; with existingKeySecret rotate the secret's versions instead (drop one of the two)",
    path: ["keyRotationDays"],
  });

/** What `google_service_account_key` fails with under the org policy; the docs explain the way out. */
export const KEY_CREATION_BLOCKED_ERROR = "FAILED_PRECONDITION: Key creation is not allowed on this service account (constraints/iam.disableServiceAccountKeyCreation)";

export class VertexServiceAccount extends Construct {
  readonly serviceAccount: ServiceAccount;
  /** The created key, when this construct creates one. */
  readonly key?: ServiceAccountKey;
  /** The service-account key file as a JSON string (a sensitive Terraform reference, never a literal). */
  readonly keyJson: string;
  /**
   * A non-secret name of the key that changes whenever the key does: the created key's id, or
   * the resolved Secret Manager version (`projects/…/secrets/…/versions/N`, "latest" resolved).
   * Never a hash of the key: a hash would put something derived from it into plan and state.
   */
  readonly keyVersion: string;
  readonly email: string;

  constructor(scope: Construct, id: string, props: VertexServiceAccountProps) {
    super(scope, id);
    const p = parseProps("VertexServiceAccount", PropsSchema, props);

    const api = new ProjectService(this, "aiplatform-api", {
      project: p.projectId,
      service: "aiplatform.googleapis.com",
      disableOnDestroy: false,
    });
    this.serviceAccount = new ServiceAccount(this, "account", {
      project: p.projectId,
      accountId: p.accountId,
      displayName: p.displayName,
      dependsOn: [api],
    });
    this.email = this.serviceAccount.email;
    const member = `serviceAccount:${this.serviceAccount.email}`;

    if (p.access === "predict-only") {
      const role = new ProjectIamCustomRole(this, "predict-role", {
        project: p.projectId,
        roleId: `${p.accountId.replace(/-/g, "_")}_predict`,
        title: "Vertex AI predict only (Portkey gateway)",
        permissions: ["aiplatform.endpoints.predict"],
      });
      new ProjectIamMember(this, "vertex-access", { project: p.projectId, role: role.name, member });
    } else {
      new ProjectIamMember(this, "vertex-access", { project: p.projectId, role: "roles/aiplatform.user", member });
    }

    if (p.existingKeySecret) {
      const secret = new DataGoogleSecretManagerSecretVersion(this, "existing-key", {
        project: p.projectId,
        secret: p.existingKeySecret.secretId,
        version: p.existingKeySecret.version,
      });
      this.keyJson = secret.secretData;
      this.keyVersion = secret.name;
      Annotations.of(this).addWarning(
        "The service-account key read from Secret Manager (data.google_secret_manager_secret_version.secret_data) is stored in Terraform state and in saved plan files: hashicorp/google 6.50 (what @cdktf/provider-google pins) has no ephemeral secret version. To keep the key out of plans, use CVP_GCP=off and pass it through the ephemeral variable (docs/provider.md, \"The service-account key\").",
      );
      return;
    }

    const rotation = p.keyRotationDays ? new TimeRotating(this, "key-rotation", { rotationDays: p.keyRotationDays }) : undefined;
    this.key = new ServiceAccountKey(this, "key", {
      serviceAccountId: this.serviceAccount.name,
      keepers: rotation ? { rotation: rotation.id } : undefined,
      // The new key must exist (and reach Portkey) before the old one is deleted.
      lifecycle: rotation ? { createBeforeDestroy: true } : undefined,
    });
    this.keyJson = Fn.base64decode(this.key.privateKey);
    this.keyVersion = this.key.id;
    Annotations.of(this).addWarning(
      "The service-account key is stored in Terraform state and in saved plan files (google_service_account_key.private_key): keep the state backend and plan artifacts encrypted and access-controlled, or create the key out of band and pass it through the platform stack's ephemeral variable (CVP_GCP=off).",
    );
  }
}
