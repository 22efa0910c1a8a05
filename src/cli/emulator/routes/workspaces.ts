/** `/v1/admin/workspaces` (fact sheet §7.1). */
import { z } from "zod";
import { conflict, invalid } from "../errors";
import { now, uuid, workspaceSlug } from "../ids";
import { parse, type Route, route } from "../router";
import { applyGlobalAccess } from "../state/access";
import type { WorkspaceRecord } from "../state/records";
import { workspaceView } from "../state/views";
import { asJsonArray, asJsonObject, listEnvelope, rateLimitsSchema, usageLimitsSchema } from "./shared";

/** Live workspaces usually carry an icon; a default one keeps the name-prefix quirk visible. */
export const DEFAULT_WORKSPACE_ICON = "🚀";

const defaultsSchema = z.looseObject({ metadata: z.record(z.string(), z.string()).optional() });

const createBody = z.object({
  name: z.string().min(1).max(255),
  description: z.string().nullable().optional(),
  icon: z.string().nullable().optional(),
  defaults: defaultsSchema.nullable().optional(),
  users: z.array(z.string()).optional(),
  usage_limits: z.array(usageLimitsSchema).nullable().optional(),
  rate_limits: z.array(rateLimitsSchema).nullable().optional(),
});

const updateBody = createBody.partial();

const deleteBody = z.object({ name: z.string({ error: "required: the workspace's current name (without the icon)" }), force_delete: z.boolean().optional() });

export const workspaceRoutes: Route[] = [
  route("POST", "/v1/admin/workspaces", ({ body, store }) => {
    const input = parse(createBody, body);
    const at = now();
    const workspace: WorkspaceRecord = {
      id: uuid(),
      slug: workspaceSlug(input.name),
      name: input.name,
      description: input.description ?? null,
      icon: input.icon === undefined ? DEFAULT_WORKSPACE_ICON : input.icon || null,
      defaults: input.defaults ? asJsonObject(input.defaults) : null,
      usage_limits: asJsonArray(input.usage_limits),
      rate_limits: asJsonArray(input.rate_limits),
      status: "active",
      created_at: at,
      last_updated_at: at,
    };
    store.state.workspaces.push(workspace);
    applyGlobalAccess(store, workspace);
    // Unlike most creates, the workspace create answers with the full object (fact sheet §7.1).
    return workspaceView(workspace, store);
  }),

  route("GET", "/v1/admin/workspaces", ({ query, store }) => {
    const name = query.get("name");
    const exact = query.get("exact_name");
    const statuses = query.get("status")?.split(",");
    const items = store.state.workspaces.filter(
      (ws) => (!name || ws.name.includes(name)) && (!exact || ws.name === exact) && (!statuses || statuses.includes(ws.status)),
    );
    return listEnvelope(
      items.map((ws) => workspaceView(ws, store)),
      query,
    );
  }),

  route("GET", "/v1/admin/workspaces/:id", ({ params, store }) => workspaceView(store.workspace(params.id), store)),

  route("PUT", "/v1/admin/workspaces/:id", ({ params, body, store }) => {
    const workspace = store.workspace(params.id);
    const input = parse(updateBody, body);
    if (input.name !== undefined) workspace.name = input.name;
    if (input.description !== undefined) workspace.description = input.description;
    if (input.icon !== undefined) workspace.icon = input.icon || null;
    if (input.defaults !== undefined) workspace.defaults = input.defaults ? asJsonObject(input.defaults) : null;
    if (input.usage_limits !== undefined) workspace.usage_limits = asJsonArray(input.usage_limits);
    if (input.rate_limits !== undefined) workspace.rate_limits = asJsonArray(input.rate_limits);
    workspace.last_updated_at = now();
    return {};
  }),

  route("DELETE", "/v1/admin/workspaces/:id", ({ params, body, store }) => {
    const workspace = store.workspace(params.id);
    const input = parse(deleteBody, body ?? {});
    if (input.name !== workspace.name) {
      throw invalid(`name: Invalid value; send the workspace's current name exactly as created, without the icon prefix.`);
    }
    const dependents = store.dependents(workspace.id);
    const total = dependents.providers + dependents.configs + dependents.apiKeys;
    if (total > 0 && input.force_delete !== true) {
      throw conflict(
        `Workspace still has ${dependents.providers} provider(s), ${dependents.configs} config(s) and ${dependents.apiKeys} API key(s); ensure all Virtual Keys are deleted, or send force_delete: true.`,
      );
    }
    store.deleteWorkspaceCascade(workspace);
    return {};
  }),
];
