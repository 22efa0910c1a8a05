/**
 * The app synthesizes without cdktf's per-token stack traces (stacks/app/token-stack-traces.ts):
 * the patch must reach cdktf's real capture function, be undone afterwards, stay off when
 * CVP_TOKEN_STACK_TRACES=1, and change nothing in what is written.
 */
import { Lazy } from "cdktf";
import { withoutTokenStackTraces } from "../../../stacks/app/token-stack-traces";
import { exampleFile, synth, writeTeamsFile } from "./support";

const creationStack = () => (Lazy.anyValue({ produce: () => "x" }) as unknown as { creationStack: string[] }).creationStack;

describe("token stack traces while the app synthesizes", () => {
  it("are not captured inside, and are again afterwards (cdktf's capture function was found and patched)", () => {
    expect(creationStack().length).toBeGreaterThan(0);
    expect(withoutTokenStackTraces(creationStack, {})).toEqual([]);
    expect(creationStack().length).toBeGreaterThan(0);
  });

  it("are captured with CVP_TOKEN_STACK_TRACES=1", () => {
    expect(withoutTokenStackTraces(creationStack, { CVP_TOKEN_STACK_TRACES: "1" }).length).toBeGreaterThan(0);
  });

  it("are restored when the synthesis throws", () => {
    expect(() =>
      withoutTokenStackTraces(() => {
        throw new Error("bad teams file");
      }, {}),
    ).toThrow("bad teams file");
    expect(creationStack().length).toBeGreaterThan(0);
  });

  it("change nothing in the synthesized stacks", () => {
    const file = writeTeamsFile(exampleFile());
    const without = synth(file);
    process.env.CVP_TOKEN_STACK_TRACES = "1";
    try {
      expect(synth(file).text).toEqual(without.text);
    } finally {
      delete process.env.CVP_TOKEN_STACK_TRACES;
    }
  });
});
