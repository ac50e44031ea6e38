// docker's node updateNodes: each node inspected, its spec changed, sent back at its version;
// the first failure ends the run (promote, demote and update share it).
import type { Cli } from './cli.js';
import { StatusError } from './errors.js';
import { errorText } from './parallel.js';
import { inspectNode, updateNode, type NodeSpec, type SwarmNode } from '../engine/nodes.js';

/** merge returns false when nothing is to change (a role already set): the node is skipped */
export async function updateNodes(cli: Cli, refs: string[], merge: (spec: NodeSpec, node: SwarmNode) => boolean, success: (ref: string) => void): Promise<void> {
  const api = cli.api();
  for (const ref of refs) {
    let node: SwarmNode;
    try {
      node = await inspectNode(api, ref);
    } catch (e) {
      throw new StatusError(errorText(e), 1);
    }
    const s = node.Spec ?? {};
    const spec: NodeSpec = { Name: s.Name, Labels: { ...(s.Labels ?? {}) }, Role: s.Role, Availability: s.Availability };
    if (!merge(spec, node)) continue;
    // Go's encoding sorts the label keys
    spec.Labels = Object.fromEntries(Object.entries(spec.Labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    try {
      await updateNode(api, node.ID, node.Version?.Index ?? 0, spec);
    } catch (e) {
      throw new StatusError(errorText(e), 1);
    }
    success(ref);
  }
}
