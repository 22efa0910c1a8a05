/**
 * Class 4 of issue 13: a create the server performs after the client gave up. With the
 * provider's `request_timeout_ms` at 1 s, each type's first create is performed 1.6 or 2 s after
 * it arrived (the emulator's performLate): after the client's timeout, its look-up and its
 * re-send, before its settle wait ends. By default one lateness per type and seed (rotating),
 * both with FAULT_SUITE_FULL=1, which also adds a second seed. After the apply and re-applies without faults there must be
 * exactly the configured objects, an empty second plan, and no orphan after destroy.
 */
import { RESOURCE_TYPES } from "../support/all-types-stack";
import { apply, expectNoProblems, type FaultSuite, runCase, startFaultSuite } from "../support/fault-class";
import { FULL, matrix } from "../support/fault-matrix";

jest.setTimeout(900_000);

const TIMEOUT_MS = 1_000;
const CASES = matrix([1_600, 2_000], FULL ? [1, 2] : [1]);

describe("creates performed after the client gave up, every resource type", () => {
  let suite: FaultSuite;
  beforeAll(async () => {
    suite = await startFaultSuite();
  });
  afterAll(() => suite?.tf.close());

  it(`converges to exactly the configuration with 0 duplicates and 0 orphans (${CASES.length} cases)`, async () => {
    const started = Date.now();
    const problems: string[] = [];
    for (const { type, variant: lateMs, seed } of CASES) {
      const [method, path] = RESOURCE_TYPES[type].create;
      problems.push(
        ...(await runCase(
          suite,
          `${type} create performed ${lateMs} ms late (seed ${seed})`,
          async () => {
            suite.tf.emulator.setFaults({ seed, rules: [{ method, path, fault: { kind: "performLate", ms: lateMs }, times: 1 }] });
            await apply(suite.tf);
            // Let the late attempt land before the faults stop and convergence is judged.
            await new Promise((resolve) => setTimeout(resolve, lateMs));
            const fired = suite.tf.emulator.requests().some((r) => r.fault === "performLate");
            return fired ? [] : [`the fault never fired on ${method} ${path}`];
          },
          TIMEOUT_MS,
        )),
      );
    }
    console.info(`late creates: ${CASES.length} cases, ${problems.length} problems, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    expectNoProblems(problems, CASES.length);
  });
});
