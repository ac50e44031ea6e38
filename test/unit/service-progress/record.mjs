// Records what docker's convergence progress reads of a swarm while something converges:
// every POLL_MS the service (GET /services/NAME), its up-to-date tasks and the nodes, as
// frames, into a JSON file the unit tests replay (through berth, and through the reference
// docker CLI with replay.mjs, which made the golden files beside them).
//
//   [RECORD_AFTER=1] node record.mjs SOCKET NAME SECONDS OUT.json -- docker ARGS...   (the trigger, run at t=0)
import http from 'node:http';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [sock, name, seconds, out, dash, ...trigger] = process.argv.slice(2);
if (dash !== '--' || trigger.length === 0) throw new Error('usage: record.mjs SOCKET NAME SECONDS OUT.json -- CMD ARGS...');
const POLL_MS = 100;

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: sock, path: `/v1.41${path}`, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body: body === '' ? null : JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** only the members the progress reads (docker's JSON decoding leaves the rest at zero) */
function trim(s, tasks, nodes) {
  const pick = (o, keys) => Object.fromEntries(keys.filter((k) => o && o[k] !== undefined).map((k) => [k, o[k]]));
  return {
    service: { ...pick(s, ['ID', 'UpdateStatus', 'JobStatus']), Spec: pick(s.Spec, ['Name', 'Mode', 'UpdateConfig']) },
    tasks: tasks
      .map((t) => ({ ...pick(t, ['ID', 'Slot', 'NodeID', 'DesiredState', 'JobIteration']), Status: pick(t.Status, ['State', 'Err']) }))
      .sort((a, b) => (a.ID < b.ID ? -1 : 1)),
    nodes: nodes.map((n) => ({ ID: n.ID, Status: pick(n.Status, ['State']) })).sort((a, b) => (a.ID < b.ID ? -1 : 1)),
  };
}

const child = spawn(trigger[0], trigger.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DOCKER_HOST: `unix://${sock}` } });
const frames = [];
// RECORD_AFTER=1: from the trigger's end on (a `scale -d` whose service was there before)
if (process.env.RECORD_AFTER === '1') await new Promise((r) => child.on('exit', r));
const end = Date.now() + Number(seconds) * 1000;
while (Date.now() < end) {
  const svc = await get(`/services/${encodeURIComponent(name)}`);
  if (svc.status === 200) {
    const filters = encodeURIComponent(JSON.stringify({ service: { [svc.body.ID]: true }, '_up-to-date': { true: true } }));
    const tasks = await get(`/tasks?filters=${filters}`);
    const nodes = await get('/nodes');
    const frame = trim(svc.body, tasks.body, nodes.body);
    // a frame only when something the progress reads changed
    if (frames.length === 0 || JSON.stringify(frames.at(-1)) !== JSON.stringify(frame)) frames.push(frame);
  }
  await new Promise((r) => setTimeout(r, POLL_MS));
}
await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
writeFileSync(out, `${JSON.stringify({ name, frames })}\n`);
console.error(`record: ${frames.length} frames of ${name} -> ${out}`);
