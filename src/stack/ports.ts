// Port specs as docker's go-connections/nat.ParsePortSpec reads them ("[ip:][host:]container[/proto]").
import { isIP } from 'node:net';

export interface PortMapping {
  proto: string;
  containerPort: number;
  hostIp: string;
  /** "" (none), "8080" or a range "8000-8010" */
  hostPort: string;
}

/** nat.ParsePortRange */
export function parsePortRange(s: string): [number, number] {
  if (s === '') throw new Error('empty string specified for ports');
  const one = (p: string) => {
    if (!/^[0-9]+$/.test(p) || Number(p) > 65535) throw new Error(`invalid port: ${p}`);
    return Number(p);
  };
  if (!s.includes('-')) {
    const p = one(s);
    return [p, p];
  }
  const [a, b] = s.split('-', 2) as [string, string];
  const start = one(a);
  const end = one(b);
  if (end < start) throw new Error(`invalid range specified for port: ${s}`);
  return [start, end];
}

export function parsePortSpec(raw: string): PortMapping[] {
  const parts = raw.split(':');
  const n = parts.length;
  let ip = '';
  let hostPort = '';
  let containerPort = parts[n - 1]!;
  if (n === 2) hostPort = parts[0]!;
  else if (n === 3) { ip = parts[0]!; hostPort = parts[1]!; }
  else if (n > 3) { ip = parts.slice(0, n - 2).join(':'); hostPort = parts[n - 2]!; }
  let proto = 'tcp';
  const slash = containerPort.split('/');
  if (slash.length > 1) {
    containerPort = slash[0]!;
    proto = slash[1] === '' ? 'tcp' : slash[1]!;
  }
  if (ip !== '' && ip[0] === '[') {
    if (!ip.endsWith(']')) throw new Error(`invalid IP address ${ip}`);
    ip = ip.slice(1, -1);
  }
  if (ip !== '' && isIP(ip) === 0) throw new Error(`invalid IP address: ${ip}`);
  if (containerPort === '') throw new Error(`no port specified: ${raw}<empty>`);
  let start: number, end: number;
  try {
    [start, end] = parsePortRange(containerPort);
  } catch {
    throw new Error(`invalid containerPort: ${containerPort}`);
  }
  let hStart = 0, hEnd = 0;
  if (hostPort !== '') {
    try {
      [hStart, hEnd] = parsePortRange(hostPort);
    } catch {
      throw new Error(`invalid hostPort: ${hostPort}`);
    }
  }
  if (hostPort !== '' && end - start !== hEnd - hStart && end !== start) {
    throw new Error(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  }
  if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) throw new Error(`invalid proto: ${proto}`);
  const out: PortMapping[] = [];
  for (let i = 0; i <= end - start; i++) {
    let hp = hostPort === '' ? '' : String(hStart + i);
    if (start === end && hStart !== hEnd) hp = `${hp}-${hEnd}`;
    out.push({ proto: proto.toLowerCase(), containerPort: start + i, hostIp: ip, hostPort: hp });
  }
  return out;
}
