/** `/v1/configs` (fact sheet §8): saved gateway configs, versioned on every change. */
import { z } from "zod";
import { gatewayConfigSchema } from "../config-schema";
import { configSlug, now, uuid } from "../ids";
import { parse, type Route, route } from "../router";
import type { ConfigRecord } from "../state/records";
import { configView } from "../state/views";
import { asJsonObject, listEnvelope, optionalWorkspaceFilter, requireWorkspace } from "./shared";

const configField = z.unknown().superRefine((value, ctx) => {
  if (typeof value === "string") ctx.addIssue({ code: "custom", message: "must be a JSON object (the gateway config), not a string" });
});
const configObject = configField.pipe(gatewayConfigSchema);
const zeroOrOne = z.union([z.literal(0), z.literal(1), z.boolean().transform((flag) => (flag ? 1 : 0))]);

const createBody = z.object({
  name: z.string().min(1),
  config: configObject,
  workspace_id: z.string().optional(),
  // The create body spells it camelCase; it reads back as is_default (fact sheet §1.7 #8).
  isDefault: zeroOrOne.optional(),
  is_default: zeroOrOne.optional(),
});

const updateBody = z.object({ name: z.string().min(1).optional(), config: configObject.optional(), status: z.enum(["active", "archived"]).optional() });

export const configRoutes: Route[] = [
  route("POST", "/v1/configs", ({ body, store }) => {
    const input = parse(createBody, body);
    const workspace = requireWorkspace(store, input.workspace_id, "in the body");
    const at = now();
    const version = { version_id: uuid(), name: input.name, config: asJsonObject(input.config), created_at: at };
    const isDefault = input.isDefault ?? input.is_default ?? 0;
    if (isDefault === 1) for (const other of store.state.configs) if (other.workspace_id === workspace.id) other.is_default = 0;
    const config: ConfigRecord = {
      id: uuid(),
      slug: configSlug(input.name),
      name: input.name,
      workspace_id: workspace.id,
      is_default: isDefault,
      status: "active",
      config: version.config,
      version_id: version.version_id,
      versions: [version],
      created_at: at,
      last_updated_at: at,
    };
    store.state.configs.push(config);
    return { id: config.id, slug: config.slug, version_id: config.version_id };
  }),

  route("GET", "/v1/configs", ({ query, store }) => {
    const workspace = optionalWorkspaceFilter(store, query);
    const items = store.state.configs.filter((item) => !workspace || item.workspace_id === workspace.id);
    return listEnvelope(
      items.map((item) => configView(item, store, false)),
      query,
    );
  }),

  route("GET", "/v1/configs/:slug", ({ params, store }) => configView(store.config(params.slug), store, true)),

  route("PUT", "/v1/configs/:slug", ({ params, body, store }) => {
    const config = store.config(params.slug);
    const input = parse(updateBody, body);
    if (input.name !== undefined) config.name = input.name;
    if (input.status !== undefined) config.status = input.status;
    if (input.config !== undefined) {
      const version = { version_id: uuid(), name: config.name, config: asJsonObject(input.config), created_at: now() };
      config.versions.push(version);
      config.config = version.config;
      config.version_id = version.version_id;
    }
    config.last_updated_at = now();
    return { version_id: config.version_id };
  }),

  route("DELETE", "/v1/configs/:slug", ({ params, store }) => {
    const config = store.config(params.slug);
    store.state.configs = store.state.configs.filter((item) => item !== config);
    return {};
  }),

  route("GET", "/v1/configs/:slug/versions", ({ params, query, store }) => {
    const config = store.config(params.slug);
    const base = configView(config, store, false);
    const versions = [...config.versions]
      .reverse()
      .map((version) => ({ ...base, name: version.name, config: JSON.stringify(version.config), version_id: version.version_id, created_at: version.created_at }));
    return listEnvelope(versions, query);
  }),
];
