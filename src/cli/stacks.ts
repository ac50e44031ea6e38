// What the stack verbs share (docker/cli stack/common.go, stack/swarm/common.go and list.go):
// a stack is the services, tasks, networks, secrets and configs labelled with its namespace.
import { StatusError } from './errors.js';
import { quote } from '../format/strconv.js';
import type { Service } from '../engine/service-types.js';
import type { StackSummary } from '../format/contexts/stack.js';
import { naturalLess } from '../util/sortorder.js';

/** convert.LabelNamespace */
export const LABEL_NAMESPACE = 'com.docker.stack.namespace';

/** Go's unicode.IsSpace */
function isGoSpace(c: string): boolean {
  const r = c.codePointAt(0)!;
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return r === 0x1680 || (r >= 0x2000 && r <= 0x200a) || r === 0x2028 || r === 0x2029 || r === 0x202f || r === 0x205f || r === 0x3000;
}

const quoteOrSpace = (c: string): boolean => isGoSpace(c) || c === '"' || c === "'";

/** validateStackName: a name of nothing but spaces and quotes is refused before any request */
export function validateStackName(namespace: string): void {
  const chars = [...namespace];
  if (chars.every(quoteOrSpace)) throw new StatusError(`invalid stack name: ${quote(namespace)}`, 1);
}

/** getStackFilter (with the user's filters, getStackFilterFromOpt): the namespace label added */
export function stackFilter(namespace: string, filters: Record<string, string[]> = {}): Record<string, string[]> {
  const out = { ...filters };
  const label = `${LABEL_NAMESPACE}=${namespace}`;
  out.label = [...(out.label ?? []).filter((l) => l !== label), label];
  return out;
}

/** getAllStacksFilter: every service with the namespace label */
export function allStacksFilter(): Record<string, string[]> {
  return { label: [LABEL_NAMESPACE] };
}

/** GetStacks: the services (listed with allStacksFilter) counted per namespace, in natural order of name */
export function stacksOf(services: Service[]): StackSummary[] {
  const byName = new Map<string, StackSummary>();
  for (const s of services) {
    const labels = s.Spec?.Labels ?? {};
    if (!Object.prototype.hasOwnProperty.call(labels, LABEL_NAMESPACE)) throw new StatusError(`cannot get label ${LABEL_NAMESPACE} for service ${s.ID}`, 1);
    const name = labels[LABEL_NAMESPACE]!;
    const st = byName.get(name);
    if (st) st.Services++;
    else byName.set(name, { Name: name, Services: 1 });
  }
  return [...byName.values()].sort((a, b) => (naturalLess(a.Name, b.Name) ? -1 : naturalLess(b.Name, a.Name) ? 1 : 0));
}
