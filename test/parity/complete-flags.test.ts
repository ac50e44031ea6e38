// Completion of the container, image and system verbs' flag values against docker's: run and
// create's addCompletions (fixed lists, lists shaped by the typed word, engine lists), NoComplete
// on their other flags, exec, kill/stop/restart, update, the image verbs' --platform, events
// --filter; values typed partly (cobra hands a completion function's answer over unfiltered),
// the `--flag=` and `-s=` forms, and the lists docker falls back on without an engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, docker, skipReason, uniqueName, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/complete-flags: skipped: ${reason}`);

/**
 * how a case's candidates are compared: as docker prints them; as a set (docker walks a Go map
 * for signals and log options, the engine lists networks in no fixed order); or only the lines
 * naming this run's containers (other suites add and remove theirs meanwhile)
 */
type Mode = 'exact' | 'set' | 'mine';
interface Case {
  words: string[];
  mode?: Mode;
  env?: Record<string, string>;
}

const NO_ENGINE = ['-H', 'unix:///nonexistent/docker.sock'];

describe.skipIf(reason !== '')('completion of container, image and system flag values matches docker', () => {
  const tag = uniqueName('cf');
  const names = { run: `${tag}-run`, created: `${tag}-created` };
  const ids: string[] = [];

  beforeAll(async () => {
    ids.push((await docker(['run', '-d', '--name', names.run, 'busybox', 'sleep', '300'])).stdout.trim());
    ids.push((await docker(['create', '--name', names.created, 'busybox', 'true'])).stdout.trim());
  }, 60_000);

  afterAll(async () => {
    await docker(['rm', '-f', ...Object.values(names)]);
  });

  const shape = (r: Result, mode: Mode): Result => {
    if (mode === 'exact') return r;
    let lines = r.stdout.split('\n');
    if (mode === 'mine') lines = lines.filter((l) => l.startsWith(':') || l.includes(tag) || ids.some((id) => id !== '' && l.includes(id)));
    return { ...r, stdout: lines.sort().join('\n') };
  };

  const check = async (cases: Case[]): Promise<void> => {
    for (const { words, mode = 'exact', env } of cases) {
      const { docker: d, berth: b } = await both(['__complete', ...words], env ? { env } : undefined);
      expect({ words, ...shape(b, mode) }).toEqual({ words, ...shape(d, mode) });
      // (a case whose candidates all vanished in the filtering would compare nothing)
      if (mode === 'mine' && !words.includes(NO_ENGINE[1]!)) expect(shape(d, mode).stdout).toContain(tag);
    }
  };

  it('run and create: each flag docker registers, its other flags NoComplete', async () => {
    const set = new Set(['stop-signal', 'log-opt', 'network']);
    const flags = [
      'attach', 'cap-add', 'cap-drop', 'cgroupns', 'env', 'env-file', 'ipc', 'link', 'log-driver', 'log-opt', 'network', 'pid',
      'platform', 'pull', 'restart', 'security-opt', 'stop-signal', 'storage-opt', 'ulimit', 'userns', 'uts', 'volume-driver',
      'volumes-from', 'detach-keys', 'name', 'cpus', 'rm', 'label',
    ];
    const cases: Case[] = [];
    for (const f of flags) {
      const mode: Mode = set.has(f) ? 'set' : f === 'volumes-from' || f === 'link' ? 'mine' : 'exact';
      cases.push({ words: ['run', `--${f}`, ''], mode }, { words: ['create', `--${f}=`], mode });
    }
    cases.push({ words: ['container', 'create', '--detach-keys', ''] }, { words: ['container', 'run', '-a', ''] }, { words: ['run', '-e', ''] });
    cases.push({ words: ['run', '--ipc', 'container:'], mode: 'mine' }, { words: ['run', '--pid=container:'], mode: 'mine' });
    await check(cases);
  }, 60_000);

  it('run: values typed partly, and lists shaped by what is typed', async () => {
    await check([
      { words: ['run', '--cap-add', 'NET'] }, { words: ['run', '--restart', 'o'] }, { words: ['run', '--restart=on'] },
      { words: ['run', '--log-opt', 'max'], mode: 'set' }, { words: ['run', '--log-driver', 'j'] },
      { words: ['run', '--log-driver', 'json-file', '--log-opt', ''] }, { words: ['run', '--log-driver=none', '--log-opt', 'x'] },
      { words: ['run', '--log-driver', 'bogus', '--log-opt', ''], mode: 'set' },
      { words: ['run', '--ipc', 'c'] }, { words: ['run', '--ipc', 'co'] }, { words: ['run', '--ipc', 'h'] }, { words: ['run', '--ipc', 'container'] },
      { words: ['run', '--pid', 'c'] }, { words: ['run', '--pid', 'x'] },
      { words: ['run', '--security-opt', 'a'] }, { words: ['run', '--security-opt', 'l'] }, { words: ['run', '--security-opt', 'label='] },
      { words: ['run', '--security-opt', 'label=d'] }, { words: ['run', '--security-opt', 'label=u'] }, { words: ['run', '--security-opt', 's'] },
      { words: ['run', '--security-opt', 'se'] }, { words: ['run', '--security-opt=seccomp='] }, { words: ['run', '--security-opt', 'no'] },
      { words: ['run', '--ulimit', 'no'] }, { words: ['run', '--storage-opt', 's'] }, { words: ['run', '--platform', 'linux/a'] },
      { words: ['run', '--volumes-from', 'x'], mode: 'mine' }, { words: ['run', '--detach-keys', 'ctrl-'] },
    ]);
  }, 60_000);

  it('exec, kill, stop, restart, update', async () => {
    await check([
      { words: ['exec', '--env', ''], mode: 'set' }, { words: ['exec', '-e', 'PA'], mode: 'set' }, { words: ['exec', '--env-file', ''] },
      { words: ['exec', '-u', ''] }, { words: ['exec', '--detach-keys', ''] }, { words: ['container', 'exec', '-w='] },
      { words: ['kill', '-s', ''], mode: 'set' }, { words: ['kill', '--signal', 'K'], mode: 'set' }, { words: ['kill', '-s='], mode: 'set' },
      { words: ['container', 'kill', '--signal='], mode: 'set' }, { words: ['stop', '-s', ''], mode: 'set' }, { words: ['stop', '-t', ''] },
      { words: ['restart', '--signal', 'T'], mode: 'set' }, { words: ['container', 'restart', '-t', ''] },
      { words: ['container', 'update', '--restart', ''] }, { words: ['update', '--restart=o'] }, { words: ['update', '--cpus', ''] },
    ]);
  }, 60_000);

  it('the image verbs\' --platform, build and builder build', async () => {
    const cases: Case[] = [];
    for (const v of ['build', 'history', 'import', 'inspect', 'load', 'pull', 'push', 'rm', 'save']) {
      cases.push({ words: ['image', v, '--platform', ''] });
    }
    for (const w of [['build', '--platform=l'], ['builder', 'build', '--platform', ''], ['pull', '--platform', 'w'], ['rmi', '--platform', ''],
      ['save', '--platform', ''], ['image', 'pull', '-a', ''], ['build', '-t', ''], ['image', 'build', '--build-arg', '']]) {
      cases.push({ words: w });
    }
    await check(cases);
  }, 60_000);

  it('events --filter: the keys, then each key\'s values', async () => {
    await check([
      { words: ['events', '--filter', ''] }, { words: ['system', 'events', '-f', 'c'] }, { words: ['events', '--filter=cont'] },
      { words: ['events', '--filter', 'container='], mode: 'mine' }, { words: ['events', '--filter', 'daemon='] },
      { words: ['events', '--filter', 'event='] }, { words: ['events', '--filter', 'image='] }, { words: ['events', '--filter', 'label='] },
      { words: ['events', '--filter', 'network='], mode: 'set' }, { words: ['events', '--filter', 'node='] },
      { words: ['events', '--filter', 'scope=l'] }, { words: ['events', '--filter', 'type='] }, { words: ['events', '--filter', 'volume='] },
      { words: ['events', '--filter', 'bogus='] }, { words: ['events', '--filter=type=c'] }, { words: ['events', '--since', ''] },
    ]);
  }, 60_000);

  it('without an engine, container IDs on request', async () => {
    const cases: Case[] = [
      ['run', '--log-driver', ''], ['run', '--volume-driver', ''], ['run', '--volumes-from', ''], ['run', '--link', ''],
      ['run', '--ipc', 'container:'], ['events', '--filter', 'daemon='], ['events', '--filter', 'container='], ['create', '--network', ''],
    ].map((w) => ({ words: [...NO_ENGINE, ...w], mode: 'set' as Mode }));
    cases.push({ words: ['run', '--link', ''], mode: 'mine', env: { DOCKER_COMPLETION_SHOW_CONTAINER_IDS: 'yes' } });
    cases.push({ words: ['create', '--volumes-from', ''], mode: 'mine', env: { DOCKER_COMPLETION_SHOW_CONTAINER_IDS: 'yes' } });
    await check(cases);
  }, 60_000);

  it('cobra\'s rules for the flag in the word, and where flags are over', async () => {
    await check([
      { words: ['ps', '--bogus='] }, { words: ['ps', '-Z=x'] }, { words: ['ps', '-a='] }, { words: ['ps', '--all='] },
      { words: ['run', '-d='] }, { words: ['container', 'list', '--bogus='] }, { words: ['kill', '-as='], mode: 'set' },
      { words: ['run', 'busybox', '--bogus='] }, { words: ['run', 'busybox', '--restart', ''] }, { words: ['run', 'busybox', '-'] },
      { words: ['ps', '--', '--format', ''] }, { words: ['ps', '--bogus', 'x', '--all='] }, { words: ['images', '-='] },
    ]);
  }, 60_000);
});
