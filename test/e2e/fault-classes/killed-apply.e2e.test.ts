/**
 * Class 3 of issue 13: terraform killed with SIGKILL mid-apply (a CI runner killed), the whole
 * process group at once, so nothing is recorded or undone. Two ways of choosing the moment:
 * - each type's create is performed and then left unanswered (the emulator's `hang`), and the
 *   kill comes while it hangs: the object exists, no process knows it, state does not have it;
 * - after the k-th object appeared in the emulator, whatever was in flight then.
 * The next applies, without faults, must converge to exactly the configuration: 0 duplicates,
 * an empty second plan, 0 orphans after destroy.
 */
import { RESOURCE_TYPES } from "../support/all-types-stack";
import { expectNoProblems, type FaultSuite, runCase, startFaultSuite } from "../support/fault-class";
import { FULL, TYPES } from "../support/fault-matrix";

jest.setTimeout(1_200_000);

const APPLY = ["apply", "-auto-approve", "-input=false"];
/** After how many objects the kill comes; every count up to the stack's size with FAULT_SUITE_FULL. */
const KILL_AFTER = FULL ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : [2, 5, 8];

const objectsIn = (suite: FaultSuite): number => Object.values(suite.tf.emulator.counts()).reduce((sum, n) => sum + n, 0);

describe("terraform killed mid-apply, every resource type", () => {
  let suite: FaultSuite;
  beforeAll(async () => {
    suite = await startFaultSuite();
  });
  afterAll(() => suite?.tf.close());

  it(`a kill while a create hangs, performed but unanswered, converges (${TYPES.length} cases)`, async () => {
    const started = Date.now();
    const problems: string[] = [];
    for (const type of TYPES) {
      const [method, path] = RESOURCE_TYPES[type].create;
      problems.push(
        ...(await runCase(suite, `killed while the ${type} create hung`, async () => {
          suite.tf.emulator.setFaults({ rules: [{ method, path, fault: { kind: "hang" }, times: 1 }] });
          const run = await suite.tf.runKilled(APPLY, () => suite.tf.emulator.requests().some((r) => r.fault === "hang"));
          return run.killed ? [] : [`the kill never came (the ${method} ${path} never hung): exit ${run.status}`];
        })),
      );
    }
    console.info(`killed while a create hung: ${TYPES.length} cases, ${problems.length} problems, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    expectNoProblems(problems, TYPES.length);
  });

  it(`a kill after the k-th object appeared converges (${KILL_AFTER.length} cases)`, async () => {
    const started = Date.now();
    const problems: string[] = [];
    for (const k of KILL_AFTER) {
      problems.push(
        ...(await runCase(suite, `killed after object ${k}`, async () => {
          const run = await suite.tf.runKilled(APPLY, () => objectsIn(suite) >= k);
          return run.killed ? [] : [`the kill never came (${objectsIn(suite)} objects): exit ${run.status}`];
        })),
      );
    }
    console.info(`killed after the k-th object: ${KILL_AFTER.length} cases, ${problems.length} problems, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    expectNoProblems(problems, KILL_AFTER.length);
  });
});
