/** A team's change touches only its own stack: what lets CI plan and apply teams in parallel. */
import { exampleFile, synth, writeTeamsFile } from "./support";

function changedStacks(edit: (file: ReturnType<typeof exampleFile>) => void): string[] {
  const before = synth(writeTeamsFile(exampleFile()));
  const edited = exampleFile();
  edit(edited);
  const after = synth(writeTeamsFile(edited));
  const names = new Set([...Object.keys(before.text), ...Object.keys(after.text)]);
  return [...names].filter((name) => before.text[name] !== after.text[name]).sort();
}

describe("changing one team", () => {
  it("a metadata change changes only that team's stack", () => {
    expect(changedStacks((file) => (file.teams[1].metadata.cost_center = "cc-2001"))).toEqual(["team-data-science"]);
  });

  it("a model change changes only that team's stack", () => {
    expect(changedStacks((file) => (file.teams[1].models.default = "sonnet"))).toEqual(["team-data-science"]);
  });

  it("a new key changes only that team's stack", () => {
    expect(changedStacks((file) => file.teams[0].keys.push({ name: "reviewer" }))).toEqual(["team-payments"]);
  });

  it("a new team adds its stack and changes no other", () => {
    expect(changedStacks((file) => file.teams.push({ name: "search", models: { default: "haiku" } }))).toEqual(["team-search"]);
  });

  it("routing to a new region also changes the platform (it adds that region's integration)", () => {
    expect(changedStacks((file) => (file.teams[0].routing.targets[1].region = "asia-southeast1"))).toEqual(["platform", "team-payments"]);
  });
});
