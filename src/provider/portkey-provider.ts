/**
 * The portkeyadmin provider: configuration, the client it builds, and its resources.
 * The HTTP client is loaded on ConfigureProvider, not at start-up: Terraform starts 3–5
 * provider processes per command, several of which never configure.
 */
import type { PortkeyClient } from "../portkey";
import type { SecretRegistry } from "../portkey/redact";
import { attr, defineProvider, type ProviderDefinition } from "./framework";
import { PROVIDER_TYPE } from "./install/address";
import { apiKeyResource } from "./resources/api-key";
import { integrationDataSource } from "./data-sources/integration";
import { integrationModelsDataSource } from "./data-sources/integration-models";
import { providerDataSource } from "./data-sources/provider";
import { integrationResource } from "./resources/integration";
import { integrationModelsResource } from "./resources/integration-models";
import { integrationWorkspaceAccessResource } from "./resources/integration-workspace-access";
import { configResource } from "./resources/config";
import { providerResource } from "./resources/provider";
import { rateLimitsPolicyResource } from "./resources/rate-limits-policy";
import { usageLimitsPolicyResource } from "./resources/usage-limits-policy";
import { virtualKeyResource } from "./resources/virtual-key";
import { workspaceResource } from "./resources/workspace";

export const DEFAULT_BASE_URL = "https://api.portkey.ai/v1";

const attributes = {
  api_key: attr.string().optional().sensitive().describe("Portkey Admin API key. Default: the PORTKEY_API_KEY environment variable."),
  base_url: attr
    .string()
    .optional()
    .describe(`Admin API base URL. Default: PORTKEY_BASE_URL, else ${DEFAULT_BASE_URL}.`)
    .validate((url) => (/^https?:\/\/[^\s/]+/.test(url) ? undefined : `base_url must be an http(s) URL such as ${DEFAULT_BASE_URL}`)),
  max_retries: attr
    .number()
    .optional()
    .describe("Retries after the first attempt for 429, 5xx and network errors. Default: PORTKEY_MAX_RETRIES, else 4.")
    .validate((n) => (Number.isInteger(n) && n >= 0 && n <= 20 ? undefined : "max_retries must be a whole number from 0 to 20")),
  request_timeout_ms: attr
    .number()
    .optional()
    .describe("Timeout of one HTTP attempt, in milliseconds. Default: 30000.")
    .validate((n) => (Number.isInteger(n) && n >= 100 ? undefined : "request_timeout_ms must be a whole number of at least 100")),
};

export function portkeyProvider(secrets: SecretRegistry, env: NodeJS.ProcessEnv = process.env): ProviderDefinition<typeof attributes, PortkeyClient> {
  return defineProvider<typeof attributes, PortkeyClient>({
    typeName: PROVIDER_TYPE,
    schema: { description: "Portkey objects for Claude Code on Vertex AI, through Portkey's Admin API.", attributes },
    secrets,
    configure(config, ctx) {
      const apiKey = config.api_key ?? env.PORTKEY_API_KEY;
      if (!apiKey) {
        ctx.diagnostics.error("Missing Portkey Admin API key", "Set api_key in the provider block or the PORTKEY_API_KEY environment variable to an Admin API key.", ["api_key"]);
        return undefined as unknown as PortkeyClient;
      }
      secrets.add(apiKey);
      const retries = config.max_retries ?? (env.PORTKEY_MAX_RETRIES ? Number(env.PORTKEY_MAX_RETRIES) : 4);
      const { PortkeyClient: Client } = require("../portkey") as typeof import("../portkey");
      return new Client({
        apiKey,
        baseUrl: config.base_url ?? env.PORTKEY_BASE_URL ?? DEFAULT_BASE_URL,
        maxAttempts: retries + 1,
        timeoutMs: config.request_timeout_ms ?? 30_000,
        logger: ctx.log,
        secrets,
      });
    },
    resources: [
      workspaceResource,
      integrationResource,
      integrationWorkspaceAccessResource,
      integrationModelsResource,
      providerResource,
      configResource,
      apiKeyResource,
      usageLimitsPolicyResource,
      rateLimitsPolicyResource,
      virtualKeyResource,
    ],
    dataSources: [integrationDataSource, integrationModelsDataSource, providerDataSource],
  });
}
