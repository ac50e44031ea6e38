// events.Message as docker CLI 28.2 vendors it (github.com/docker/docker v28.2.2
// api/types/events): what `docker events --format` templates run on.
import { f, int, map, str, struct } from './schema.js';

const Actor = struct('events.Actor', [f('ID', str()), f('Attributes', map(str()))]);

export const EventMessage = struct('events.Message', [
  f('Status', str(), { json: 'status', omitempty: true }),
  f('ID', str(), { json: 'id', omitempty: true }),
  f('From', str(), { json: 'from', omitempty: true }),
  f('Type', str('events.Type')),
  f('Action', str('events.Action')),
  f('Actor', Actor),
  f('Scope', str(), { json: 'scope', omitempty: true }),
  f('Time', int('int64'), { json: 'time', omitempty: true }),
  f('TimeNano', int('int64'), { json: 'timeNano', omitempty: true }),
]);
