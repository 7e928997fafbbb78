// Every fast-check property runs from a recorded seed: FC_SEED when set (a number, or `random`),
// else a fixed one, so that CI is repeatable. On failure fast-check prints the seed and the path;
// replay with FC_SEED=<seed> npx vitest run <file>.
import fc from 'fast-check';

const FIXED_SEED = 20261205;

function seedFrom(text: string | undefined): number {
  if (text === undefined || text === '') return FIXED_SEED;
  if (text === 'random') return Date.now() ^ (Math.random() * 0x100000000);
  const seed = Number(text);
  if (!Number.isSafeInteger(seed))
    throw new Error(`FC_SEED must be an integer or random, not ${text}`);
  return seed;
}

const seed = seedFrom(process.env['FC_SEED']);
fc.configureGlobal({ seed });
if (process.env['FC_SEED'] === 'random') process.stderr.write(`fast-check seed: ${seed}\n`);
