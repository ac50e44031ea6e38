// Completion of container names, per verb, against docker's: which states each verb offers
// (running only, paused only, stopped only, all; rm's --force), container IDs on request
// (DOCKER_COMPLETION_SHOW_CONTAINER_IDS), names handed over whatever the typed prefix (as
// cobra does with a completion function), and the error directive without an engine.
// docker lists every container of the engine, so the comparison keeps to this run's names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, docker, skipReason, uniqueName, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/complete-containers: skipped: ${reason}`);

describe.skipIf(reason !== '')('container name completion matches docker', () => {
  const tag = uniqueName('cc');
  const names = { run: `${tag}-run`, paused: `${tag}-paused`, created: `${tag}-created`, exited: `${tag}-exited` };
  const ids: string[] = [];

  beforeAll(async () => {
    ids.push((await docker(['run', '-d', '--name', names.run, 'busybox', 'sleep', '300'])).stdout.trim());
    ids.push((await docker(['run', '-d', '--name', names.paused, 'busybox', 'sleep', '300'])).stdout.trim());
    await docker(['pause', names.paused]);
    ids.push((await docker(['create', '--name', names.created, 'busybox', 'true'])).stdout.trim());
    await docker(['run', '--name', names.exited, 'busybox', 'true']);
    ids.push((await docker(['inspect', '-f', '{{.Id}}', names.exited])).stdout.trim());
  }, 60_000);

  afterAll(async () => {
    await docker(['rm', '-f', ...Object.values(names)]);
  });

  /** the lines about this run's containers, sorted, and the directive lines */
  const mine = (r: Result): { lines: string[]; stderr: string; code: number | null } => ({
    lines: r.stdout
      .split('\n')
      .filter((l) => l.startsWith(tag) || ids.includes(l) || l.startsWith(':'))
      .sort(),
    stderr: r.stderr,
    code: r.code,
  });

  const verbs = ['attach', 'commit', 'exec', 'kill', 'logs', 'pause', 'port', 'rename', 'restart', 'rm', 'start', 'stats', 'stop', 'top', 'unpause', 'wait', 'inspect', 'container inspect', 'container rm'];
  for (const verb of verbs) {
    it(verb, async () => {
      const { docker: d, berth: b } = await both(['__complete', ...verb.split(' '), '']);
      expect(mine(b)).toEqual(mine(d));
    });
  }
  for (const words of [['rm', '-f', ''], ['rm', '--force', ''], ['rm', '-vf', ''], ['rm', '--force=false', ''], ['logs', 'zzz'], ['top', tag.slice(0, 3)]]) {
    it(words.join(' '), async () => {
      const { docker: d, berth: b } = await both(['__complete', ...words]);
      expect(mine(b)).toEqual(mine(d));
    });
  }
  it('with container IDs', async () => {
    const { docker: d, berth: b } = await both(['__complete', 'logs', ''], { env: { DOCKER_COMPLETION_SHOW_CONTAINER_IDS: 'yes' } });
    expect(mine(b)).toEqual(mine(d));
    expect(mine(d).lines.length).toBeGreaterThan(8);
  });
  it('without an engine', async () => {
    const { docker: d, berth: b } = await both(['__complete', 'logs', ''], { env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
    expect(b).toEqual(d);
  });
});
