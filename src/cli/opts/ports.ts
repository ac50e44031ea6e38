// docker/go-connections/nat: -p/--publish and --expose specs, with docker's error texts.
import { goParseUint } from './goparse.js';
import { parseIP, splitHostPort } from './netaddr.js';

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

export interface PortMapping {
  /** "80/tcp", "8000-8001/udp" */
  port: string;
  binding: PortBinding;
}

/** nat.ParsePortRange: "80" or "8000-8010" */
export function parsePortRange(ports: string): [number, number] {
  if (ports === '') throw new Error('empty string specified for ports');
  if (!ports.includes('-')) {
    const start = goParseUint(ports, 10, 16);
    return [start, start];
  }
  const parts = ports.split('-');
  const start = goParseUint(parts[0]!, 10, 16);
  const end = goParseUint(parts[1]!, 10, 16);
  if (end < start) throw new Error(`invalid range specified for port: ${ports}`);
  return [start, end];
}

/** nat.SplitProtoPort: "80/udp" → ["udp", "80"] */
export function splitProtoPort(rawPort: string): [string, string] {
  const parts = rawPort.split('/');
  if (rawPort.length === 0 || parts[0]!.length === 0) return ['', ''];
  if (parts.length === 1) return ['tcp', rawPort];
  if (parts[1]!.length === 0) return ['tcp', parts[0]!];
  return [parts[1]!, parts[0]!];
}

/** nat.NewPort */
export function newPort(proto: string, port: string): string {
  let start = 0;
  let end = 0;
  if (port.length > 0) [start, end] = parsePortRange(port);
  return start === end ? `${start}/${proto}` : `${start}-${end}/${proto}`;
}

function splitParts(rawport: string): [string, string, string] {
  const parts = rawport.split(':');
  const n = parts.length;
  const containerPort = parts[n - 1]!;
  switch (n) {
    case 1:
      return ['', '', containerPort];
    case 2:
      return ['', parts[0]!, containerPort];
    case 3:
      return [parts[0]!, parts[1]!, containerPort];
    default:
      return [parts.slice(0, n - 2).join(':'), parts[n - 2]!, containerPort];
  }
}

/** nat.ParsePortSpec: `[ip:][hostPort:]containerPort[/proto]` with ranges */
export function parsePortSpec(rawPort: string): PortMapping[] {
  let [ip, hostPort, containerPort] = splitParts(rawPort);
  let proto: string;
  [proto, containerPort] = splitProtoPort(containerPort);
  if (ip !== '' && ip[0] === '[') {
    try {
      ip = splitHostPort(`${ip}:`)[0];
    } catch (e) {
      throw new Error(`invalid IP address ${ip}: ${(e as Error).message}`);
    }
  }
  if (ip !== '' && parseIP(ip) === null) throw new Error(`invalid IP address: ${ip}`);
  if (containerPort === '') throw new Error(`no port specified: ${rawPort}<empty>`);
  let startPort: number;
  let endPort: number;
  try {
    [startPort, endPort] = parsePortRange(containerPort);
  } catch {
    throw new Error(`invalid containerPort: ${containerPort}`);
  }
  let startHostPort = 0;
  let endHostPort = 0;
  if (hostPort.length > 0) {
    try {
      [startHostPort, endHostPort] = parsePortRange(hostPort);
    } catch {
      throw new Error(`invalid hostPort: ${hostPort}`);
    }
  }
  if (hostPort !== '' && endPort - startPort !== endHostPort - startHostPort) {
    if (endPort !== startPort) {
      throw new Error(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
    }
  }
  if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) throw new Error(`invalid proto: ${proto}`);
  const out: PortMapping[] = [];
  for (let i = 0; i <= endPort - startPort; i++) {
    containerPort = String(startPort + i);
    if (hostPort.length > 0) hostPort = String(startHostPort + i);
    if (startPort === endPort && startHostPort !== endHostPort) hostPort = `${hostPort}-${endHostPort}`;
    out.push({ port: newPort(proto.toLowerCase(), containerPort), binding: { HostIp: ip, HostPort: hostPort } });
  }
  return out;
}

/** nat.ParsePortSpecs: exposed ports and bindings, in first-seen order */
export function parsePortSpecs(ports: string[]): { exposed: Map<string, true>; bindings: Map<string, PortBinding[]> } {
  const exposed = new Map<string, true>();
  const bindings = new Map<string, PortBinding[]>();
  for (const raw of ports) {
    for (const m of parsePortSpec(raw)) {
      exposed.set(m.port, true);
      const list = bindings.get(m.port) ?? [];
      list.push(m.binding);
      bindings.set(m.port, list);
    }
  }
  return { exposed, bindings };
}

/** docker's convertToStandardNotation: the `target=80,published=8080,protocol=udp` form */
export function convertToStandardNotation(ports: string[]): string[] {
  const out: string[] = [];
  for (const publish of ports) {
    if (publish.includes('=')) {
      const params: Record<string, string> = { protocol: 'tcp' };
      for (const param of publish.split(',')) {
        const eq = param.indexOf('=');
        if (eq < 0 || eq === 0) throw new Error(`invalid publish opts format (should be name=value but got '${param}')`);
        params[param.slice(0, eq)] = param.slice(eq + 1);
      }
      out.push(`${params.published ?? ''}:${params.target ?? ''}/${params.protocol}`);
    } else {
      out.push(publish);
    }
  }
  return out;
}
