/** Every Admin API route, in match order (the rotate route precedes `/:type/:subType`). */
import type { Route } from "../router";
import { apiKeyRoutes } from "./api-keys";
import { configRoutes } from "./configs";
import { integrationAccessRoutes } from "./integration-access";
import { integrationModelRoutes } from "./integration-models";
import { integrationRoutes } from "./integrations";
import { memberRoutes } from "./members";
import { policyRoutesAll } from "./policies";
import { providerRoutes } from "./providers";
import { virtualKeyRoutes } from "./virtual-keys";
import { workspaceRoutes } from "./workspaces";

export const adminRoutes: readonly Route[] = [
  // Before the workspace routes: `/admin/users/invites` must not match `/admin/users/:id`.
  ...memberRoutes,
  ...workspaceRoutes,
  ...integrationRoutes,
  ...integrationAccessRoutes,
  ...integrationModelRoutes,
  ...providerRoutes,
  ...virtualKeyRoutes,
  ...configRoutes,
  ...apiKeyRoutes,
  ...policyRoutesAll,
];
