// Ink asks is-in-ci once, when it is first loaded: with CI (or CI_*) in the environment it
// stops drawing live and prints its last frame again at the end. berth shows its live views
// only on a terminal, which it has checked itself; so Ink is loaded with CI=false.

/** runs `load` (an import() that may evaluate ink) with CI=false, then puts CI back */
export async function withoutCiDetection<T>(load: () => Promise<T>): Promise<T> {
  const had = Object.prototype.hasOwnProperty.call(process.env, 'CI');
  const saved = process.env.CI;
  process.env.CI = 'false';
  try {
    return await load();
  } finally {
    if (had) process.env.CI = saved;
    else delete process.env.CI;
  }
}
