// `network create`'s IPAM options as docker/cli consolidates them (--subnet, --ip-range,
// --gateway, --aux-address), with Go's net.ParseCIDR / IPNet.Contains and docker's error
// texts; and pflag's StringSlice values.
import { readCsvRecord } from './csv.js';
import { parseIP } from './netaddr.js';
import type { IPAMConfig } from '../../engine/networks.js';

/** pflag's StringSlice: one value is a CSV record ("" is no value) */
export function parseStringSlice(raw: string): string[] {
  return raw === '' ? [] : readCsvRecord(raw);
}

interface IPNet {
  ip: number[];
  mask: number[];
}

function cidrError(s: string): Error {
  return new Error(`invalid CIDR address: ${s}`);
}

/** net.ParseCIDR: the address (as 16 bytes) and its network */
export function parseCIDR(s: string): { ip: number[]; net: IPNet } {
  const slash = s.indexOf('/');
  if (slash < 0) throw cidrError(s);
  const addr = parseIP(s.slice(0, slash));
  const maskText = s.slice(slash + 1);
  if (!addr) throw cidrError(s);
  const bits = addr.length * 8;
  // dtoi: decimal digits only, at least one
  if (!/^[0-9]+$/.test(maskText)) throw cidrError(s);
  const n = Number(maskText.length > 7 ? 'Infinity' : maskText);
  if (n > bits) throw cidrError(s);
  const mask: number[] = [];
  for (let i = 0; i < bits / 8; i++) {
    const take = Math.max(0, Math.min(8, n - i * 8));
    mask.push((0xff << (8 - take)) & 0xff);
  }
  const net = addr.map((b, i) => b & mask[i]!);
  return { ip: addr, net: { ip: net, mask } };
}

function to4(ip: number[]): number[] | undefined {
  if (ip.length === 4) return ip;
  if (ip.length === 16 && ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff) return ip.slice(12);
  return undefined;
}

/** IPNet.Contains */
function contains(n: IPNet, ip: number[] | null): boolean {
  if (!ip) return false;
  let nn = n.ip;
  let m = n.mask;
  const v4 = to4(nn);
  if (v4) {
    nn = v4;
    if (m.length === 16) m = m.slice(12);
  }
  const x = to4(ip) ?? ip;
  if (x.length !== nn.length) return false;
  return x.every((b, i) => (nn[i]! & m[i]!) === (b & m[i]!));
}

/** docker/cli subnetMatches */
function subnetMatches(subnet: string, data: string): boolean {
  let n: IPNet;
  try {
    n = parseCIDR(subnet).net;
  } catch (e) {
    throw new Error(`invalid subnet: ${(e as Error).message}`);
  }
  const ip = data.includes('/') ? parseCIDR(data).ip : parseIP(data);
  return contains(n, ip);
}

export interface IPAMOptions {
  subnets: string[];
  ipRanges: string[];
  gateways: string[];
  auxAddresses: [string, string][];
}

/**
 * docker/cli createIPAMConfig: one config per subnet, each range, gateway and auxiliary
 * address placed in the subnet that holds it. docker walks Go maps here (the subnets' and
 * the auxiliary addresses' order varies from run to run); berth keeps the command line's.
 */
export function createIPAMConfig(o: IPAMOptions): IPAMConfig[] {
  if (o.subnets.length < o.ipRanges.length || o.subnets.length < o.gateways.length) {
    throw new Error('every ip-range or gateway must have a corresponding subnet');
  }
  const data = new Map<string, { Subnet: string; IPRange: string; Gateway: string; AuxAddress: Map<string, string> }>();
  for (const s of o.subnets) {
    for (const k of data.keys()) {
      const ok1 = subnetMatches(s, k);
      const ok2 = subnetMatches(k, s);
      if (ok1 || ok2) throw new Error('multiple overlapping subnet configuration is not supported');
    }
    data.set(s, { Subnet: s, IPRange: '', Gateway: '', AuxAddress: new Map() });
  }
  for (const r of o.ipRanges) {
    let match = false;
    for (const s of o.subnets) {
      parseCIDR(r);
      if (!subnetMatches(s, r)) continue;
      const d = data.get(s)!;
      if (d.IPRange !== '') throw new Error(`cannot configure multiple ranges (${r}, ${d.IPRange}) on the same subnet (${s})`);
      d.IPRange = r;
      match = true;
    }
    if (!match) throw new Error(`no matching subnet for range ${r}`);
  }
  for (const g of o.gateways) {
    let match = false;
    for (const s of o.subnets) {
      if (!subnetMatches(s, g)) continue;
      const d = data.get(s)!;
      if (d.Gateway !== '') throw new Error(`cannot configure multiple gateways (${g}, ${d.Gateway}) for the same subnet (${s})`);
      d.Gateway = g;
      match = true;
    }
    if (!match) throw new Error(`no matching subnet for gateway ${g}`);
  }
  // a map: the last value of a key wins
  const aux = new Map(o.auxAddresses);
  for (const [key, aa] of aux) {
    let match = false;
    for (const s of o.subnets) {
      if (!subnetMatches(s, aa)) continue;
      data.get(s)!.AuxAddress.set(key, aa);
      match = true;
    }
    if (!match) throw new Error(`no matching subnet for aux-address ${aa}`);
  }
  return [...data.values()].map((d) => {
    // encoding/json with omitempty: empty fields are left out
    const c: IPAMConfig = {};
    if (d.Subnet) c.Subnet = d.Subnet;
    if (d.IPRange) c.IPRange = d.IPRange;
    if (d.Gateway) c.Gateway = d.Gateway;
    if (d.AuxAddress.size > 0) c.AuxiliaryAddresses = Object.fromEntries([...d.AuxAddress].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return c;
  });
}
