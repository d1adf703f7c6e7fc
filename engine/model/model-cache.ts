/** Deployed models, parsed and compiled once per process definition key on each engine node. */
import type { ProcessModel } from './process-model.js';
import { readDefinitions } from './read-definitions.js';
import { buildProcessModels } from './build-process-model.js';

export class ModelCache {
  private readonly models = new Map<string, Promise<ProcessModel>>();

  put(processDefinitionKey: string, model: ProcessModel): void {
    this.models.set(processDefinitionKey, Promise.resolve(model));
  }

  /** The model of a stored definition; `load` fetches its XML and id on first use. */
  get(processDefinitionKey: string, load: () => Promise<{ xml: string; bpmnProcessId: string }>): Promise<ProcessModel> {
    let found = this.models.get(processDefinitionKey);
    if (!found) {
      found = (async () => {
        const { xml, bpmnProcessId } = await load();
        const problems: string[] = [];
        const models = buildProcessModels(await readDefinitions(xml, bpmnProcessId), problems);
        const model = models.find((m) => m.bpmnProcessId === bpmnProcessId);
        if (!model || problems.length > 0) throw new Error(`Expected stored definition '${processDefinitionKey}' to parse, but: ${problems.join('; ')}`);
        return model;
      })();
      found.catch(() => this.models.delete(processDefinitionKey));
      this.models.set(processDefinitionKey, found);
    }
    return found;
  }
}
