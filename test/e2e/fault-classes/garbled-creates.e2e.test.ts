/**
 * Class a of issue 13: a create (or upsert) is performed and answered 2xx with a body the client
 * cannot use (HTML, empty, null, [], cut off, no id, wrong types). After re-applying without
 * faults there must be exactly the configured objects, an empty plan, and no orphan after destroy.
 */
import { garbledVariants } from "../../../src/cli/emulator/faults";
import { RESOURCE_TYPES } from "../support/all-types-stack";
import { apply, expectNoProblems, type FaultSuite, runCase, startFaultSuite } from "../support/fault-class";
import { matrix } from "../support/fault-matrix";

jest.setTimeout(900_000);

const CASES = matrix(garbledVariants, [1, 2]);

describe("garbled 2xx answers to creates, every resource type", () => {
  let suite: FaultSuite;
  beforeAll(async () => {
    suite = await startFaultSuite();
  });
  afterAll(() => suite?.tf.close());

  it(`converges to exactly the configuration with 0 duplicates and 0 orphans (${CASES.length} cases)`, async () => {
    const started = Date.now();
    const problems: string[] = [];
    for (const { type, variant, seed } of CASES) {
      const [method, path] = RESOURCE_TYPES[type].create;
      problems.push(
        ...(await runCase(suite, `${type} create answered ${variant} (seed ${seed})`, async () => {
          suite.tf.emulator.setFaults({ seed, rules: [{ method, path, fault: { kind: "garbled", variant }, times: 1 }] });
          await apply(suite.tf);
          const fired = suite.tf.emulator.requests().some((r) => r.fault === "garbled");
          return fired ? [] : [`the fault never fired on ${method} ${path}`];
        })),
      );
    }
    console.info(`garbled creates: ${CASES.length} cases, ${problems.length} problems, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    expectNoProblems(problems, CASES.length);
  });
});
