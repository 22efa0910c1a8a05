/**
 * A widget's life as Terraform drives it: validate, plan, apply, refresh, update, replace, import,
 * destroy — all through `createProviderHandlers` with msgpack values.
 */
import { SecretRegistry } from "../../../src/portkey/redact";
import { type CtyObjectValue, unknown } from "../../../src/provider/cty";
import type { ProviderHandlers } from "../../../src/provider/protocol/types";
import { signal, TerraformLike, summarize, terraform111 } from "./fixtures/terraform-like";
import { WidgetStore, widgetProvider } from "./fixtures/widget-provider";

const TYPE = "fake_widget";

function widgetConfig(values: CtyObjectValue): CtyObjectValue {
  const empty = { id: null, name: null, region: null, size: null, revision: null, created_at: null, api_token: null };
  return { ...empty, labels: null, ports: null, owners: null, ...values };
}

async function setUp() {
  const store = new WidgetStore();
  const handlers = widgetProvider(store, new SecretRegistry());
  const tf = await TerraformLike.forResource(handlers, TYPE);
  const configured = await handlers.configureProvider(
    { terraformVersion: "1.11.4", config: (await providerValue(handlers)).config, clientCapabilities: terraform111 },
    signal,
  );
  expect(configured.diagnostics).toEqual([]);
  return { store, handlers, tf };
}

async function providerValue(handlers: ProviderHandlers) {
  const schema = (await handlers.getProviderSchema()).provider;
  const tf = new TerraformLike(handlers, schema);
  return { config: tf.value({ endpoint: "memory://test", token: null }) };
}

/** Plan + apply, as `terraform apply` does; returns the new state. */
async function apply(tf: TerraformLike, config: CtyObjectValue, prior: CtyObjectValue | null) {
  const plan = await tf.handlers.planResourceChange(
    {
      typeName: TYPE,
      priorState: tf.value(prior),
      proposedNewState: tf.value(tf.proposedNewState(config, prior)),
      config: tf.value(config),
      priorPrivate: new Uint8Array(),
      clientCapabilities: terraform111,
    },
    signal,
  );
  expect(plan.diagnostics).toEqual([]);
  const applied = await tf.handlers.applyResourceChange(
    {
      typeName: TYPE,
      priorState: tf.value(prior),
      plannedState: plan.plannedState,
      config: tf.value(config),
      plannedPrivate: plan.plannedPrivate,
    },
    signal,
  );
  return { plan, planned: tf.read(plan.plannedState), applied, state: applied.newState ? tf.read(applied.newState) : undefined };
}

async function plan(tf: TerraformLike, config: CtyObjectValue, prior: CtyObjectValue | null) {
  const answer = await tf.handlers.planResourceChange(
    {
      typeName: TYPE,
      priorState: tf.value(prior),
      proposedNewState: tf.value(tf.proposedNewState(config, prior)),
      config: tf.value(config),
      priorPrivate: new Uint8Array(),
      clientCapabilities: terraform111,
    },
    signal,
  );
  return { ...answer, planned: answer.plannedState ? tf.read(answer.plannedState) : undefined };
}

describe("creating a widget", () => {
  it("plans computed attributes as unknown, applies defaults and leaves write-only values out", async () => {
    const { tf } = await setUp();
    const { planned, requiresReplace } = await plan(tf, widgetConfig({ name: "blue", api_token: "tok-123456" }), null);
    expect(planned).toMatchObject({ id: unknown, revision: unknown, created_at: unknown, size: 1, name: "blue", api_token: null });
    expect(requiresReplace).toEqual([]);
  });

  it("applies: the API gets the write-only token, the state never holds it", async () => {
    const { tf, store } = await setUp();
    const { state } = await apply(tf, widgetConfig({ name: "blue", api_token: "tok-123456" }), null);
    expect(state).toMatchObject({ id: "w-1", name: "blue", size: 1, revision: 1, created_at: "2026-01-01T00:00:00Z", api_token: null });
    expect(store.tokens.get("w-1")).toBe("tok-123456");
  });

  it("fills nested defaults in list elements", async () => {
    const { tf } = await setUp();
    const { state } = await apply(tf, widgetConfig({ name: "blue", ports: [{ number: 80, protocol: null }] }), null);
    expect(state?.ports).toEqual([{ number: 80, protocol: "tcp" }]);
  });
});

describe("refreshing", () => {
  it("reports drift from the remote object", async () => {
    const { tf, store, handlers } = await setUp();
    const { state } = await apply(tf, widgetConfig({ name: "blue" }), null);
    (store.widgets.get("w-1") as { name: string }).name = "green";
    const read = await handlers.readResource({ typeName: TYPE, currentState: tf.value(state ?? null), private: new Uint8Array() }, signal);
    expect(read.diagnostics).toEqual([]);
    expect(tf.read(read.newState)).toMatchObject({ name: "green", id: "w-1" });
  });

  it("answers a null state when the remote object is gone", async () => {
    const { tf, store, handlers } = await setUp();
    const { state } = await apply(tf, widgetConfig({ name: "blue" }), null);
    store.widgets.clear();
    const read = await handlers.readResource({ typeName: TYPE, currentState: tf.value(state ?? null), private: new Uint8Array() }, signal);
    expect(Buffer.from(read.newState?.msgpack ?? []).toString("hex")).toBe("c0");
  });
});

describe("updating", () => {
  it("keeps useStateForUnknown values and marks other computed values unknown", async () => {
    const { tf } = await setUp();
    const { state } = await apply(tf, widgetConfig({ name: "blue" }), null);
    const { planned, requiresReplace } = await plan(tf, widgetConfig({ name: "navy" }), state ?? null);
    expect(planned).toMatchObject({ id: "w-1", created_at: "2026-01-01T00:00:00Z", revision: unknown, name: "navy" });
    expect(requiresReplace).toEqual([]);
  });

  it("plans no change at all when nothing changed", async () => {
    const { tf } = await setUp();
    const { state } = await apply(tf, widgetConfig({ name: "blue" }), null);
    const { planned } = await plan(tf, widgetConfig({ name: "blue" }), state ?? null);
    expect(planned).toEqual(state);
  });

  it("applies the update", async () => {
    const { tf } = await setUp();
    const created = await apply(tf, widgetConfig({ name: "blue" }), null);
    const { state } = await apply(tf, widgetConfig({ name: "navy", size: 3 }), created.state ?? null);
    expect(state).toMatchObject({ id: "w-1", name: "navy", size: 3, revision: 2 });
  });

  it("round-trips maps and sets of objects without planning a change", async () => {
    const { tf } = await setUp();
    const config = widgetConfig({
      name: "blue",
      labels: { team: "core", tier: "gold" },
      owners: [
        { email: "b@example.com", role: null },
        { email: "a@example.com", role: "admin" },
      ],
    });
    const { state } = await apply(tf, config, null);
    expect(state?.owners).toHaveLength(2);
    const { planned } = await plan(tf, config, state ?? null);
    expect(planned).toEqual(state);
  });

  it("reports requiresReplace paths when a replace-only attribute changes", async () => {
    const { tf } = await setUp();
    const { state } = await apply(tf, widgetConfig({ name: "blue", region: "eu" }), null);
    const { requiresReplace } = await plan(tf, widgetConfig({ name: "blue", region: "us" }), state ?? null);
    expect(requiresReplace).toEqual([{ steps: [{ attributeName: "region" }] }]);
  });
});

describe("importing and destroying", () => {
  it("imports by id; the follow-up read fills the state", async () => {
    const { tf, handlers } = await setUp();
    await apply(tf, widgetConfig({ name: "blue" }), null);
    const imported = await handlers.importResourceState({ typeName: TYPE, id: "w-1", clientCapabilities: terraform111 }, signal);
    expect(imported.diagnostics).toEqual([]);
    const importedState = tf.read(imported.importedResources[0]?.state);
    expect(importedState).toMatchObject({ id: "w-1", name: null });
    const read = await handlers.readResource({ typeName: TYPE, currentState: tf.value(importedState), private: new Uint8Array() }, signal);
    expect(tf.read(read.newState)).toMatchObject({ id: "w-1", name: "blue", revision: 1 });
  });

  it("explains an import of a missing object", async () => {
    const { handlers } = await setUp();
    const imported = await handlers.importResourceState({ typeName: TYPE, id: "w-9" }, signal);
    expect(imported.importedResources).toEqual([]);
    expect(imported.diagnostics[0]).toMatchObject({ summary: 'fake_widget: import of "w-9" failed', detail: 'no widget "w-9"' });
  });

  it("plans destroy as null and deletes on apply", async () => {
    const { tf, store, handlers } = await setUp();
    const { state } = await apply(tf, widgetConfig({ name: "blue" }), null);
    const planned = await handlers.planResourceChange(
      { typeName: TYPE, priorState: tf.value(state ?? null), proposedNewState: tf.value(null), config: tf.value(null), priorPrivate: new Uint8Array() },
      signal,
    );
    expect(tf.read(planned.plannedState)).toBeNull();
    const applied = await handlers.applyResourceChange(
      { typeName: TYPE, priorState: tf.value(state ?? null), plannedState: planned.plannedState, config: tf.value(null), plannedPrivate: new Uint8Array() },
      signal,
    );
    expect(applied.diagnostics).toEqual([]);
    expect(tf.read(applied.newState)).toBeNull();
    expect(store.widgets.size).toBe(0);
  });
});

describe("upgrading stored state", () => {
  it("turns version-0 JSON into msgpack for the current schema through the resource's hook", async () => {
    const { tf, handlers } = await setUp();
    const json = Buffer.from('{"id":"w-7","title":"old","size":2,"retired_field":true}');
    const upgraded = await handlers.upgradeResourceState({ typeName: TYPE, version: 0, rawState: { json } }, signal);
    expect(upgraded.diagnostics).toEqual([]);
    expect(tf.read(upgraded.upgradedState)).toMatchObject({ id: "w-7", name: "old", size: 2, revision: null });
  });

  it("refuses state from a newer schema version", async () => {
    const { handlers } = await setUp();
    const upgraded = await handlers.upgradeResourceState({ typeName: TYPE, version: 5, rawState: { json: Buffer.from("{}") } }, signal);
    expect(summarize(upgraded.diagnostics)).toEqual([{ severity: "error", summary: "fake_widget: state is from a newer provider" }]);
  });
});

describe("data sources", () => {
  it("reads computed values and keeps the configured ones", async () => {
    const { tf, handlers } = await setUp();
    await apply(tf, widgetConfig({ name: "blue", region: "eu" }), null);
    await apply(tf, widgetConfig({ name: "red", region: "us" }), null);
    const data = await TerraformLike.forResource(handlers, "fake_widget_count");
    const answer = await handlers.readDataSource({ typeName: "fake_widget_count", config: data.value({ region: "eu", total: null }) }, signal);
    expect(answer.diagnostics).toEqual([]);
    expect(data.read(answer.state)).toEqual({ region: "eu", total: 1 });
  });
});
