/**
 * The start-up every live cross-check against real Flask shares: whether to skip on purpose
 * (SKIP_FLASK_CROSSCHECK=1), the seed of its random samples, and one oracle process started before
 * a suite's tests and stopped after them. A suite whose oracle could not start fails, saying why.
 */
import { afterAll, beforeAll } from "vitest";
import { FlaskOracle, oracleUnavailableMessage, SKIP_ENV } from "@/scripts/fixtures/flask-oracle";

/** Skip the live cross-checks only when asked to. */
export const skipLiveCrosscheck = process.env[SKIP_ENV] === "1";

/** The seed of the cross-checks' random samples (CROSSCHECK_SEED replays another run). */
export const crosscheckSeed = Number(process.env.CROSSCHECK_SEED ?? 20160406);

/**
 * Call inside a `describe`: starts the oracle in its `beforeAll`, stops it in its `afterAll`, and
 * returns the accessor the tests use, which throws why the oracle is unavailable.
 */
export function useFlaskOracle(): () => FlaskOracle {
  let oracle: FlaskOracle | undefined;
  let startError: unknown;
  beforeAll(async () => {
    try {
      oracle = await FlaskOracle.start();
    } catch (e) {
      startError = e;
    }
  });
  afterAll(() => oracle?.stop());
  return () => {
    if (!oracle) throw new Error(oracleUnavailableMessage(startError));
    return oracle;
  };
}
