/**
 * The rotation mode's key store: a GCP Secret Manager secret holding one Portkey API key, its
 * current version, and `roles/secretmanager.secretAccessor` for the team. Claude Code's
 * apiKeyHelper reads the latest version, so a rotated key reaches developers without
 * re-onboarding (it re-runs on a 401 or after CLAUDE_CODE_API_KEY_HELPER_TTL_MS).
 */
import { Construct } from "constructs";
import { SecretManagerSecret } from "@cdktf/provider-google/lib/secret-manager-secret";
import { SecretManagerSecretIamMember } from "@cdktf/provider-google/lib/secret-manager-secret-iam-member";
import { SecretManagerSecretVersion } from "@cdktf/provider-google/lib/secret-manager-secret-version";

export interface KeySecretProps {
  readonly projectId: string;
  /** Secret id: letters, digits, `_` and `-`. */
  readonly secretId: string;
  /** The key secret, a Terraform reference. */
  readonly key: string;
  /** IAM members allowed to read it, e.g. "group:payments-devs@acme.com". */
  readonly accessorMembers: readonly string[];
}

export class KeySecret extends Construct {
  readonly secret: SecretManagerSecret;
  readonly version: SecretManagerSecretVersion;
  /** The apiKeyHelper command: prints the latest key. */
  readonly helperCommand: string;

  constructor(scope: Construct, id: string, props: KeySecretProps) {
    super(scope, id);
    this.secret = new SecretManagerSecret(this, "secret", {
      project: props.projectId,
      secretId: props.secretId,
      replication: { auto: {} },
      labels: { "managed-by": "claude-vertex-portkey" },
    });
    this.version = new SecretManagerSecretVersion(this, "version", { secret: this.secret.id, secretData: props.key });
    for (const member of props.accessorMembers) {
      // Named by member (construct ids are API): reordering the list changes nothing.
      new SecretManagerSecretIamMember(this, `accessor-${member.replace(/\//g, "_")}`, {
        project: props.projectId,
        secretId: this.secret.secretId,
        role: "roles/secretmanager.secretAccessor",
        member,
      });
    }
    this.helperCommand = `gcloud secrets versions access latest --secret=${props.secretId} --project=${props.projectId}`;
  }
}
