/**
 * The app and the model catalogue: with models_catalogue.from_portkey (as in the example) every
 * team stack reads Portkey's list of each of its integrations' models at plan time; without it
 * nothing is read (the built-in catalogue, checked at synth, is the offline fallback). A retired
 * model kept as a team's exception reaches the platform's allow-list, evaluated on one date.
 */
import { EXAMPLE_FILE, exampleFile, synth, writeTeamsFile } from "./support";

/** The data portkeyadmin_integration_models blocks of a stack, without cdktf's "//" metadata. */
const modelReads = (stack: { data?: Record<string, Record<string, Record<string, unknown>>> }) =>
  Object.values(stack.data?.portkeyadmin_integration_models ?? {}).map(({ "//": _metadata, ...read }) => read);

describe("team stacks and Portkey's model list", () => {
  const example = synth(EXAMPLE_FILE, "off");

  it("check each team's models against each integration it routes to (the example takes the list from Portkey)", () => {
    expect(modelReads(example.stack("team-data-science"))).toEqual([
      { integration_slug: "vertex-claude", require_models: ["claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5"] },
    ]);
    const payments = modelReads(example.stack("team-payments"));
    expect(payments.map((read) => read.integration_slug).sort()).toEqual(["vertex-claude-europe-west1", "vertex-claude-us-east5"]);
    expect(modelReads(example.stack("team-mobile"))).toEqual([{ integration_slug: "vertex-claude", require_models: ["claude-opus-5-5", "claude-sonnet-4-6", "claude-haiku-5-5"] }]);
  });

  it("read nothing from Portkey without models_catalogue.from_portkey", () => {
    const file = exampleFile();
    delete file.models_catalogue;
    const app = synth(writeTeamsFile(file), "off");
    for (const team of ["team-payments", "team-data-science", "team-mobile"]) expect(app.stack(team).data).toBeUndefined();
  });

  it("accept a model only Portkey knows, and put it on the platform's allow-list", () => {
    const file = exampleFile();
    file.teams[1].models = { opus: "claude-opus-6", default: "opus" };
    const app = synth(writeTeamsFile(file), "off");
    expect(modelReads(app.stack("team-data-science"))[0]).toMatchObject({ require_models: ["claude-opus-6", "claude-sonnet-5-5", "claude-haiku-5-5"] });
    expect(app.stack("platform").output?.allowed_models?.value).toContain("claude-opus-6");
  });
});

describe("a retired model kept as a team's exception", () => {
  it("reaches the platform's allow-list and the team's settings, on the date the app is synthesized for", () => {
    const file = exampleFile();
    file.teams[2].models = { sonnet: "claude-sonnet-4-5@20250929", allow_retired_models: ["claude-sonnet-4-5@20250929"] };
    const app = synth(writeTeamsFile(file), "off", "2026-12-03");
    expect(app.stack("platform").output?.allowed_models?.value).toContain("claude-sonnet-4-5@20250929");
    expect(app.text["team-mobile"]).toContain("claude-sonnet-4-5@20250929");
  });

  it("is refused without the exception", () => {
    const file = exampleFile();
    file.teams[2].models = { sonnet: "claude-sonnet-4-5@20250929" };
    expect(() => synth(writeTeamsFile(file), "off", "2026-12-03")).toThrow(/teams\[2\]\.models\.sonnet: "claude-sonnet-4-5@20250929" \(Claude Sonnet 4\.5\) was retired on 2026-11-30/);
  });
});
