/**
 * `/v1/integrations/{slug}/workspaces`: which workspaces may use an integration (fact sheet §3.5).
 * The listing is `{ total, workspaces }` (not the list envelope) and names workspaces by slug.
 */
import { z } from "zod";
import { owners, resetBudgets } from "../limits/budgets";
import { accessLimits } from "../limits/object-limits";
import { parse, type Route, route } from "../router";
import { setAccess } from "../state/access";
import { budgetView } from "../state/views";
import { asJsonArray, rateLimitsSchema, slugSchema, usageLimitsSchema } from "./shared";

const limits = {
  usage_limits: z.array(usageLimitsSchema).max(1).nullable().optional(),
  rate_limits: z.array(rateLimitsSchema).max(1).nullable().optional(),
};

const workspaceEntry = z.object({
  id: z.string().min(1),
  enabled: z.boolean(),
  ...limits,
  reset_usage: z.boolean().optional(),
  create_default_provider: z.boolean().optional(),
  default_provider_slug: slugSchema.optional(),
});

const putBody = z.object({
  workspaces: z.array(workspaceEntry).optional(),
  global_workspace_access: z.object({ enabled: z.boolean(), ...limits }).optional(),
  override_existing_workspace_access: z.boolean().optional(),
  // The Node SDK spells it in the plural (fact sheet §3.5 CONFLICT); accept both.
  override_existing_workspaces_access: z.boolean().optional(),
  create_default_provider: z.boolean().optional(),
  default_provider_slug: slugSchema.optional(),
});

const limitsChange = (value: unknown[] | null | undefined) => (value === undefined ? undefined : value === null ? null : asJsonArray(value));

export const integrationAccessRoutes: Route[] = [
  route("GET", "/v1/integrations/:slug/workspaces", ({ params, store }) => {
    const integration = store.integration(params.slug);
    const workspaces = integration.access.flatMap((entry) => {
      const workspace = store.state.workspaces.find((ws) => ws.id === entry.workspace_id);
      if (!workspace) return [];
      // `status` is an emulator addition: "exhausted" while the access budget is used up (reset_usage clears it).
      const { status } = budgetView(store, accessLimits(integration, workspace.id), "active");
      return [{ id: workspace.slug, enabled: entry.enabled, usage_limits: entry.usage_limits, rate_limits: entry.rate_limits, status }];
    });
    return { total: workspaces.length, workspaces };
  }),

  route("PUT", "/v1/integrations/:slug/workspaces", ({ params, body, store }) => {
    const integration = store.integration(params.slug);
    const input = parse(putBody, body);
    // Resolve every workspace first: an unknown one is 403 AB03 and nothing changes.
    const targets = (input.workspaces ?? []).map((entry) => ({ entry, workspace: store.workspace(entry.id) }));
    for (const { entry, workspace } of targets) {
      if (entry.reset_usage === true) resetBudgets(store, owners.access(integration.id, workspace.id));
      setAccess(store, integration, workspace, {
        enabled: entry.enabled,
        usageLimits: limitsChange(entry.usage_limits),
        rateLimits: limitsChange(entry.rate_limits),
        createDefaultProvider: entry.create_default_provider ?? input.create_default_provider ?? true,
        defaultProviderSlug: entry.default_provider_slug ?? input.default_provider_slug,
      });
    }
    const global = input.global_workspace_access;
    if (global) {
      integration.global_workspace_access_settings = {
        enabled: global.enabled,
        usage_limits: asJsonArray(global.usage_limits),
        rate_limits: asJsonArray(global.rate_limits),
      };
      const override = input.override_existing_workspace_access ?? input.override_existing_workspaces_access ?? false;
      for (const workspace of store.state.workspaces) {
        const hasEntry = integration.access.some((entry) => entry.workspace_id === workspace.id);
        if (global.enabled && (override || !hasEntry)) {
          setAccess(store, integration, workspace, { enabled: true, createDefaultProvider: input.create_default_provider ?? true });
        }
      }
    }
    return {};
  }),
];
