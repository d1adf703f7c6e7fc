/** Deployed decision requirements graphs, parsed and compiled once per decision requirements key on each engine node. */
import type { DecisionRequirementsGraph } from './dmn-model.js';
import { parseDmn } from './parse-dmn.js';

export class DecisionCache {
  private readonly graphs = new Map<string, Promise<DecisionRequirementsGraph>>();

  put(decisionRequirementsKey: string, graph: DecisionRequirementsGraph): void {
    this.graphs.set(decisionRequirementsKey, Promise.resolve(graph));
  }

  /** The graph of stored decision requirements; `load` fetches their XML on first use. */
  get(decisionRequirementsKey: string, load: () => Promise<string>): Promise<DecisionRequirementsGraph> {
    let found = this.graphs.get(decisionRequirementsKey);
    if (!found) {
      found = (async () => {
        const parsed = await parseDmn(await load());
        if (!parsed.ok) {
          throw new Error(`Expected stored decision requirements '${decisionRequirementsKey}' to parse, but: ${parsed.problems.map((p) => `${p.elementId}: ${p.message}`).join('; ')}`);
        }
        return parsed.graph;
      })();
      found.catch(() => this.graphs.delete(decisionRequirementsKey));
      this.graphs.set(decisionRequirementsKey, found);
    }
    return found;
  }
}
