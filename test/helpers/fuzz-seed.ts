// One seed for every property test (fast-check) and the crash test, so a CI run is reproducible:
// fixed by default; FUZZ_SEED=<n> repeats a run, FUZZ_SEED=random explores (npm run fuzz). The seed in use is
// printed by fast-check with any counterexample, and by the tests that use it themselves.
import fc from 'fast-check';

const DEFAULT_SEED = 20_251_125;

function chooseSeed(): number {
  const env = process.env.FUZZ_SEED;
  if (env === 'random') return Date.now() % 2_147_483_647;
  if (env !== undefined && env !== '' && Number.isSafeInteger(Number(env))) return Number(env);
  return DEFAULT_SEED;
}

export const FUZZ_SEED = chooseSeed();
fc.configureGlobal({ seed: FUZZ_SEED });
