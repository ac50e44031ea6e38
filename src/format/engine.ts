// The Go template engine is ~150 KB of code: listings whose format needs no more than field
// lookups (docker's default tables) never load it (see simple.ts); the rest load it here.
import type * as TemplateModule from './template/index.js';
import type * as FuncsModule from './funcs.js';

export type Engine = typeof TemplateModule & Pick<typeof FuncsModule, 'dockerFuncs' | 'dockerHeaderFuncs'>;

let loaded: Engine | undefined;

export async function loadEngine(): Promise<Engine> {
  if (!loaded) {
    const [t, f] = await Promise.all([import('./template/index.js'), import('./funcs.js')]);
    loaded = { ...t, dockerFuncs: f.dockerFuncs, dockerHeaderFuncs: f.dockerHeaderFuncs };
  }
  return loaded;
}

/** the engine, once loaded: for code that only runs inside a template execution */
export function loadedEngine(): Engine {
  if (!loaded) throw new Error('template engine used before it was loaded');
  return loaded;
}
