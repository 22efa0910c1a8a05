/**
 * Integrations, workspace access, model allow-lists, providers and legacy virtual keys:
 * ids-only creates, write-only Vertex credentials, duplicate slugs, the provider auto-created
 * on an access grant, and 403 for a provider whose integration is not enabled.
 */
import { type Api, SERVICE_ACCOUNT, useEmulator } from "./harness";

const suite = useEmulator();
const api: Api = (...args) => suite.api(...args);

const vertexBody = (slug: string) => ({
  name: "Vertex prod",
  ai_provider_id: "vertex-ai",
  slug,
  configurations: { vertex_auth_type: "serviceAccount", vertex_region: "us-east5", vertex_service_account_json: SERVICE_ACCOUNT },
});

async function workspace(name: string) {
  return (await api("POST", "/v1/admin/workspaces", { name })).body as { id: string; slug: string };
}

describe("integrations", () => {
  it("answers a create with only {id, slug} and never returns the service-account key", async () => {
    const created = await api("POST", "/v1/integrations", vertexBody("vertex-prod"));
    expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), slug: "vertex-prod" });
    const read = await api("GET", "/v1/integrations/vertex-prod");
    expect(read.body).toMatchObject({ slug: "vertex-prod", type: "organisation", allow_all_models: true, object: "integration" });
    expect(read.body.configurations).toEqual({
      vertex_auth_type: "serviceAccount",
      vertex_region: "us-east5",
      masked_vertex_service_account_json: { type: "service_account", project_id: "demo-project", client_email: SERVICE_ACCOUNT.client_email },
    });
    expect(JSON.stringify(read.body)).not.toContain("PRIVATE KEY");
    expect(JSON.stringify(suite.emulator.snapshot())).not.toContain("PRIVATE KEY");
  });

  it("rejects a service-account key sent as a string, naming the field", async () => {
    const body = vertexBody("vertex-bad");
    const response = await api("POST", "/v1/integrations", { ...body, configurations: { ...body.configurations, vertex_service_account_json: JSON.stringify(SERVICE_ACCOUNT) } });
    expect(response.status).toBe(400);
    expect(response.body.data.message).toContain("configurations.vertex_service_account_json: must be the parsed service-account key file");
    expect(response.body.data.message).not.toContain("PRIVATE KEY");
  });

  it("answers 409 AB07 to a duplicate slug and 404 AB08 to an unknown one", async () => {
    await api("POST", "/v1/integrations", vertexBody("vertex-prod"));
    const again = await api("POST", "/v1/integrations", vertexBody("vertex-prod"));
    expect(again.status).toBe(409);
    expect(again.body.data.errorCode).toBe("AB07");
    const unknown = await api("GET", "/v1/integrations/nope");
    expect(unknown).toMatchObject({ status: 404, body: { success: false, data: { errorCode: "AB08" } } });
    expect(suite.emulator.counts().integrations).toBe(1);
  });

  it("updates partially and answers {}", async () => {
    await api("POST", "/v1/integrations", vertexBody("vertex-prod"));
    expect((await api("PUT", "/v1/integrations/vertex-prod", { description: "prod" })).body).toEqual({});
    expect((await api("GET", "/v1/integrations/vertex-prod")).body).toMatchObject({ description: "prod", name: "Vertex prod" });
  });
});

describe("workspace access", () => {
  it("auto-creates a provider whose slug is the integration slug, and lists access by workspace slug", async () => {
    const ws = await workspace("Team A");
    await api("POST", "/v1/integrations", vertexBody("vertex-prod"));
    const put = await api("PUT", "/v1/integrations/vertex-prod/workspaces", { workspaces: [{ id: ws.id, enabled: true }] });
    expect(put.body).toEqual({});
    const access = await api("GET", "/v1/integrations/vertex-prod/workspaces");
    expect(access.body).toEqual({ total: 1, workspaces: [{ id: ws.slug, enabled: true, usage_limits: null, rate_limits: null, status: "active" }] });
    const providers = await api("GET", `/v1/providers?workspace_id=${ws.id}`);
    expect(providers.body.data).toEqual([
      expect.objectContaining({ slug: "vertex-prod", integration_id: "vertex-prod", status: "active", note: "Created automatically on integration access grant" }),
    ]);
  });

  it("creates no provider with create_default_provider:false, and disabling access disables the provider", async () => {
    const ws = await workspace("Team A");
    const other = await workspace("Team B");
    await api("POST", "/v1/integrations", vertexBody("vertex-prod"));
    await api("PUT", "/v1/integrations/vertex-prod/workspaces", { workspaces: [{ id: ws.id, enabled: true }, { id: other.slug, enabled: true, create_default_provider: false }] });
    expect((await api("GET", `/v1/providers?workspace_id=${other.id}`)).body.total).toBe(0);

    await api("PUT", "/v1/integrations/vertex-prod/workspaces", { workspaces: [{ id: ws.id, enabled: false }] });
    expect((await api("GET", `/v1/providers/vertex-prod?workspace_id=${ws.id}`)).body.status).toBe("disabled");
    await api("PUT", "/v1/integrations/vertex-prod/workspaces", { workspaces: [{ id: ws.id, enabled: true }] });
    expect((await api("GET", `/v1/providers/vertex-prod?workspace_id=${ws.id}`)).body.status).toBe("active");
    expect(suite.emulator.counts().providers).toBe(1);
  });

  it("answers 403 AB03 for an unknown workspace and changes nothing", async () => {
    const ws = await workspace("Team A");
    await api("POST", "/v1/integrations", vertexBody("vertex-prod"));
    const response = await api("PUT", "/v1/integrations/vertex-prod/workspaces", { workspaces: [{ id: ws.id, enabled: true }, { id: "ws-ghost-000000", enabled: true }] });
    expect(response.status).toBe(403);
    expect(suite.emulator.counts().providers).toBe(0);
  });
});

describe("model allow-list", () => {
  it("upserts, lists in {allow_all_models, models, total} and deletes custom models by ?slugs=", async () => {
    await api("POST", "/v1/integrations", vertexBody("vertex-prod"));
    await api("PUT", "/v1/integrations/vertex-prod/models", {
      allow_all_models: false,
      models: [
        { slug: "claude-sonnet-4-5@20250929", enabled: true },
        { slug: "my-tuned", enabled: true, is_custom: true },
      ],
    });
    const listed = await api("GET", "/v1/integrations/vertex-prod/models");
    expect(listed.body).toMatchObject({ allow_all_models: false, total: 2 });
    expect(listed.body.models[0]).toMatchObject({ slug: "claude-sonnet-4-5@20250929", enabled: true, is_custom: false });
    expect((await api("DELETE", "/v1/integrations/vertex-prod/models?slugs=claude-sonnet-4-5@20250929")).status).toBe(400);
    expect((await api("DELETE", "/v1/integrations/vertex-prod/models?slugs=my-tuned")).status).toBe(200);
    expect((await api("GET", "/v1/integrations/vertex-prod/models")).body.total).toBe(1);
  });
});

describe("providers", () => {
  it("refuses a provider whose integration is not enabled for the workspace with 403 AB03", async () => {
    const ws = await workspace("Team A");
    await api("POST", "/v1/integrations", vertexBody("vertex-prod"));
    const response = await api("POST", "/v1/providers", { name: "p", integration_id: "vertex-prod", workspace_id: ws.id });
    expect(response.status).toBe(403);
    expect(response.body.data).toMatchObject({ errorCode: "AB03", message: expect.stringContaining("PUT /v1/integrations/vertex-prod/workspaces") });
  });

  it("creates, reads, updates and deletes; a slug taken in the workspace is 409", async () => {
    const ws = await workspace("Team A");
    await api("POST", "/v1/integrations", vertexBody("vertex-prod"));
    await api("PUT", "/v1/integrations/vertex-prod/workspaces", { workspaces: [{ id: ws.id, enabled: true }] });
    const clash = await api("POST", "/v1/providers", { name: "again", integration_id: "vertex-prod", workspace_id: ws.id, slug: "vertex-prod" });
    expect(clash.status).toBe(409);

    const created = await api("POST", "/v1/providers", { name: "Vertex EU", integration_id: "vertex-prod", workspace_id: ws.id, slug: "vertex-eu" });
    expect(created.body).toEqual({ id: expect.any(String), slug: "vertex-eu" });
    const byId = await api("GET", `/v1/providers/${created.body.id}?workspace_id=${ws.id}`);
    expect(byId.body).toMatchObject({ slug: "vertex-eu", ai_provider_name: "vertex-ai", workspace_id: ws.id, usage_limits: null, object: "provider" });
    expect((await api("PUT", `/v1/providers/${created.body.id}?workspace_id=${ws.id}`, { note: "eu" })).body).toEqual({ id: created.body.id, slug: "vertex-eu" });
    expect((await api("DELETE", `/v1/providers/${created.body.id}?workspace_id=${ws.id}`)).body).toEqual({});
    expect((await api("GET", `/v1/providers/${created.body.id}?workspace_id=${ws.id}`)).status).toBe(404);
  });

  it("requires workspace_id on list, naming the parameter", async () => {
    const response = await api("GET", "/v1/providers");
    expect(response.status).toBe(400);
    expect(response.body.data.message).toContain("workspace_id");
  });
});

describe("legacy virtual keys", () => {
  it("see the same objects as providers and never return the key", async () => {
    const ws = await workspace("Team A");
    const created = await api("POST", "/v1/virtual-keys", { name: "legacy", provider: "vertex-ai", key: "ya29.secret-token-value", vertexRegion: "us-east5", workspace_id: ws.id });
    expect(created.body).toMatchObject({ id: expect.any(String), slug: expect.any(String), object: "virtual-key" });
    const read = await api("GET", `/v1/virtual-keys/${created.body.slug}`);
    expect(read.body).toMatchObject({ key: "", masked_api_key: "ya*****ue", model_config: { vertexRegion: "us-east5" }, object: "virtual-key" });
    expect((await api("GET", `/v1/providers?workspace_id=${ws.id}`)).body.total).toBe(1);
  });
});
