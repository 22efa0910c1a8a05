/**
 * portkeyadmin_integration: a Google Vertex AI integration (fact sheet §3.3), the credential
 * store every team's provider is made from. Org-scoped unless `workspace_id` is set.
 * Import id: the integration slug.
 *
 * The service-account key is write-only: it is sent on create, and on update only when
 * `service_account_json_version` changes (or a Vertex setting changes, because Portkey takes
 * `configurations` as a whole). It never enters the plan or the state.
 */
import type { Integration, PortkeyClient } from "../../portkey";
import { attr, type BaseContext, defineResource, isUnknown, type Model, type PlanModel } from "../framework";
import { withImportHint } from "./conflict";
import { deleteUnlessGone, readUnlessGone } from "./gone";
import { integrationCheck } from "./gone-checks";
import { checkAuthType, checkNotBlank, checkServiceAccountJson, checkSlug, checkVertexRegion, parseServiceAccountJson, type ServiceAccountKey } from "./integration-checks";
import { VERTEX_AI, vertexConfigurations, vertexSettingsFromWire } from "./integration-vertex";
import { integrationLeftover } from "./leftover-lookups";

const attributes = {
  id: attr.string().computed().useStateForUnknown().describe("Integration id (UUID)."),
  slug: attr
    .string()
    .required()
    .requiresReplace()
    .describe("Integration slug, unique in the organisation (letters, digits, `_`, `-`); changing it replaces the integration.")
    .validate(checkSlug("slug")),
  name: attr.string().required().describe("Display name.").validate(checkNotBlank("name")),
  description: attr.string().optional().describe("Free text."),
  workspace_id: attr
    .string()
    .optional()
    .requiresReplace()
    .describe("Workspace UUID or slug for a workspace-scoped integration; unset means organisation-scoped (granted to workspaces with portkeyadmin_integration_workspace_access). Changing it replaces the integration."),
  vertex_region: attr
    .string()
    .required()
    .describe('Vertex AI location, e.g. "us-east5", "europe-west1" or "global". Claude models must be enabled in Model Garden for it.')
    .validate(checkVertexRegion),
  vertex_project_id: attr
    .string()
    .optional()
    .describe("Google Cloud project that serves Vertex AI. Required for `workload` and `basic` auth; with a service-account key Portkey uses the key's project unless this is set.")
    .validate(checkNotBlank("vertex_project_id")),
  auth_type: attr
    .string()
    .optionalComputed()
    .default("serviceAccount")
    .describe('"serviceAccount" (default: a key file in service_account_json), "workload" (Workload Identity Federation) or "basic".')
    .validate(checkAuthType),
  service_account_json: attr
    .string()
    .optional()
    .writeOnly()
    .sensitive()
    .describe("Content of the service-account key file (JSON). Write-only: never stored in state or shown in plans; bump service_account_json_version to send a new key.")
    .validate(checkServiceAccountJson),
  service_account_json_version: attr
    .string()
    .optional()
    .describe("Any string; changing it re-sends service_account_json (key rotation). Terraform cannot see changes of a write-only value by itself."),
  status: attr.string().computed().useStateForUnknown().describe('"active" or "archived".'),
  created_at: attr.string().computed().useStateForUnknown().describe("Creation time (RFC 3339)."),
};

type IntegrationModel = Model<typeof attributes>;

/** Cross-attribute rules of the auth types; each message names the attribute to set or remove. */
function validateAuth(config: PlanModel<typeof attributes>, ctx: BaseContext): void {
  const authType = isUnknown(config.auth_type) ? undefined : (config.auth_type ?? "serviceAccount");
  const key = config.service_account_json;
  if (authType === "serviceAccount" && key === null) {
    ctx.diagnostics.error(
      "Missing service_account_json",
      'auth_type "serviceAccount" needs the key file: set service_account_json = file("key.json") (or a secret variable), or choose auth_type "workload".',
      ["service_account_json"],
    );
  }
  if ((authType === "workload" || authType === "basic") && key !== null && !isUnknown(key)) {
    ctx.diagnostics.error("Unexpected service_account_json", `auth_type "${authType}" does not use a key file: remove service_account_json, or set auth_type = "serviceAccount".`, ["service_account_json"]);
  }
  if ((authType === "workload" || authType === "basic") && config.vertex_project_id === null) {
    ctx.diagnostics.error("Missing vertex_project_id", `auth_type "${authType}" needs vertex_project_id: set it to the Google Cloud project that serves Vertex AI.`, ["vertex_project_id"]);
  }
}

/** The key for a request, or undefined when the auth type uses none. Validation already ran. */
function serviceAccountKey(model: IntegrationModel): ServiceAccountKey | undefined {
  if (model.auth_type !== "serviceAccount") return undefined;
  if (model.service_account_json === null) {
    throw new Error('service_account_json is needed to send the Vertex settings: set it (it is write-only, so it must stay in the configuration) for auth_type "serviceAccount".');
  }
  const { key, problems } = parseServiceAccountJson(model.service_account_json);
  if (key === undefined) throw new Error(problems.join("; "));
  return key;
}

function toModel(integration: Integration, prior: Partial<IntegrationModel>): Partial<IntegrationModel> {
  const vertex = vertexSettingsFromWire(integration.configurations);
  return {
    id: integration.id,
    slug: integration.slug,
    name: integration.name ?? prior.name,
    description: integration.description || (prior.description === "" ? "" : null),
    // The API may answer the UUID for a workspace given by slug (fact sheet §1.7 #2): keep the caller's form.
    workspace_id: integration.workspace_id ? (prior.workspace_id ?? integration.workspace_id) : null,
    vertex_region: vertex.vertex_region ?? prior.vertex_region,
    vertex_project_id: vertex.vertex_project_id,
    auth_type: vertex.auth_type ?? prior.auth_type ?? "serviceAccount",
    service_account_json_version: prior.service_account_json_version ?? null,
    status: integration.status ?? null,
    created_at: integration.created_at ?? prior.created_at ?? null,
  };
}

const vertexSettings = (model: IntegrationModel) => ({ auth_type: model.auth_type, vertex_region: model.vertex_region, vertex_project_id: model.vertex_project_id });

export const integrationResource = defineResource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_integration",
  schema: { description: "A Google Vertex AI integration in Portkey: the Vertex credentials that workspace providers are made from.", attributes },

  validate: validateAuth,

  findLeftover: (planned, ctx) => integrationLeftover(planned, ctx),

  async create(planned, ctx) {
    const created = await ctx.client.integrations
      .create(
        {
          name: planned.name,
          ai_provider_id: VERTEX_AI,
          slug: planned.slug,
          ...(planned.description === null ? {} : { description: planned.description }),
          ...(planned.workspace_id === null ? {} : { workspace_id: planned.workspace_id }),
          configurations: vertexConfigurations(vertexSettings(planned), serviceAccountKey(planned)),
        },
        { signal: ctx.signal },
      )
      .catch((error: unknown) => {
        throw withImportHint(error, planned.slug);
      });
    return toModel(created, planned);
  },

  async read(state, ctx) {
    const remote = await readUnlessGone(
      () => ctx.client.integrations.get(state.slug, { signal: ctx.signal }),
      integrationCheck(ctx.client, state.slug, state.workspace_id, "read", ctx.signal),
    );
    return remote === undefined ? null : toModel(remote, state);
  },

  async update({ planned, prior, adopted }, ctx) {
    // An adopted leftover gets the configured key too: what it holds cannot be read to compare.
    const rotate = adopted === true || planned.service_account_json_version !== prior.service_account_json_version;
    const vertexChanged =
      planned.auth_type !== prior.auth_type || planned.vertex_region !== prior.vertex_region || planned.vertex_project_id !== prior.vertex_project_id;
    const updated = await ctx.client.integrations.update(
      prior.slug,
      {
        name: planned.name,
        description: planned.description ?? "",
        ...(rotate || vertexChanged ? { configurations: vertexConfigurations(vertexSettings(planned), serviceAccountKey(planned)) } : {}),
      },
      { signal: ctx.signal },
    );
    return toModel(updated, planned);
  },

  async delete(state, ctx) {
    await deleteUnlessGone(
      () => ctx.client.integrations.delete(state.slug, { signal: ctx.signal }),
      integrationCheck(ctx.client, state.slug, state.workspace_id, "delete", ctx.signal),
    );
  },

  async import(id) {
    return { slug: id };
  },
});
