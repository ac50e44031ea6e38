// A stand-in engine that replays a recording (record.mjs) to a CLI running
// `service rollback NAME`: GET /services/NAME answers the first frame until the rollback's
// POST, then the next frame on every poll (the last one from then on); /tasks and /nodes answer
// the current frame's. The update monitor is cut to 1 ns, so that the wait ends on the poll
// after convergence whatever the clock: no "Waiting N seconds" countdown, which depends on
// the time each poll takes (the parity suite compares that one against the oracle live).
import http from 'node:http';
import { readFileSync } from 'node:fs';

export function loadRecording(file) {
  const rec = JSON.parse(readFileSync(file, 'utf8'));
  for (const f of rec.frames) f.service.Spec.UpdateConfig = { ...f.service.Spec.UpdateConfig, Monitor: 1 };
  return rec;
}

export function replay(rec, socketPath) {
  // the frame last answered for the service: the tasks and nodes are that frame's
  let i = 0;
  let started = false;
  let served = false;
  const frame = () => rec.frames[Math.min(i, rec.frames.length - 1)];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname.replace(/^\/v[0-9.]+/, '');
    const send = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Api-Version': '1.41', 'Ostype': 'linux' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    req.resume();
    if (path === '/_ping') return send(200, 'OK');
    if (req.method === 'POST' && /^\/services\/[^/]+\/update$/.test(path)) {
      started = true;
      return send(200, { Warnings: null });
    }
    if (path === `/services/${rec.name}` || path === `/services/${rec.frames[0].service.ID}`) {
      if (started && served) i++;
      if (started) served = true;
      return send(200, { Version: { Index: 1 }, ...frame().service });
    }
    if (path === '/tasks') return send(200, frame().tasks);
    if (path === '/nodes') return send(200, frame().nodes);
    return send(404, { message: `replay: no ${req.method} ${path}` });
  });
  return new Promise((resolve) => server.listen(socketPath, () => resolve(server)));
}
