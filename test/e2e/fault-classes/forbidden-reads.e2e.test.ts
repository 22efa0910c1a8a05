/**
 * Class b of issue 13: after a clean apply, every refresh read of one resource type is answered
 * 403 AB03 (the admin key lost a scope, or the object is gone: Portkey says the same) or a bare
 * 404 without Portkey's body (a proxy). The plan must fail naming both causes, plan no create and
 * drop nothing from state; once the fault stops the configuration converges with 0 duplicates,
 * an empty second plan and 0 orphans after destroy.
 */
import { RESOURCE_TYPES } from "../support/all-types-stack";
import { apply, expectNoProblems, type FaultSuite, runCase, startFaultSuite } from "../support/fault-class";
import { matrix } from "../support/fault-matrix";

jest.setTimeout(900_000);

const VARIANTS = [
  { name: "403 AB03", fault: { kind: "status", status: 403, code: "AB03", message: "You do not have enough permissions" } },
  { name: "404 without body", fault: { kind: "status", status: 404, envelope: "empty" } },
] as const;
const CASES = matrix(VARIANTS, [1]);
const BOTH_CAUSES = /deleted out of band, or the admin key lost the scope|still lists it, so it was not deleted/;

describe("403 AB03 and bare 404 on the reads of live objects, every resource type", () => {
  let suite: FaultSuite;
  beforeAll(async () => {
    suite = await startFaultSuite();
  });
  afterAll(() => suite?.tf.close());

  it(`fails the plan naming both causes, plans no create, then converges (${CASES.length} cases)`, async () => {
    const started = Date.now();
    const problems: string[] = [];
    for (const { type, variant, seed } of CASES) {
      const [method, path] = RESOURCE_TYPES[type].read;
      problems.push(
        ...(await runCase(suite, `${type} read answered ${variant.name}`, async () => {
          const found: string[] = [];
          const clean = await apply(suite.tf);
          if (clean.status !== 0) return [`the clean apply failed: ${clean.output.slice(-300)}`];
          suite.tf.emulator.setFaults({ seed, rules: [{ method, path, fault: variant.fault }] });
          const plan = await suite.tf.plan();
          const output = plan.output.replace(/\s+/g, " ");
          if (!suite.tf.emulator.requests().some((r) => r.fault === "status")) found.push(`the fault never fired on ${method} ${path}`);
          if (plan.status !== 1) found.push(`the plan exited ${plan.status}, not 1`);
          if (!BOTH_CAUSES.test(output)) found.push(`the plan does not name both causes: ${output.slice(-400)}`);
          if (/will be created|must be replaced|has been deleted/.test(output)) found.push("the plan drops the object or plans a create");
          return found;
        })),
      );
    }
    console.info(`forbidden reads: ${CASES.length} cases, ${problems.length} problems, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    expectNoProblems(problems, CASES.length);
  });
});
