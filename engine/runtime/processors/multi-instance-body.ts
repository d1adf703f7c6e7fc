/**
 * Multi-instance body: iterates the activity over its input collection, in parallel (all inner instances at once)
 * or sequentially (the next one when the previous completed). The body takes the activity's place in its flow
 * scope: the sequence flows and the boundary events are the body's, the input and output mappings the inner
 * instances'. It completes when no inner instance is left (at once for an empty collection), or as soon as the
 * completion condition holds, terminating the rest; its output collection then goes to its flow scope.
 */
import type { ElementProcessor } from '../element-processor.js';
import {
  activateInnerInstance,
  completionConditionMet,
  evaluateInputCollection,
  initializeOutputCollection,
  outputCollectionOf,
  updateOutputCollection,
} from '../behaviors/multi-instance.js';
import { propagateVariables } from '../behaviors/variables.js';

/** What the body decided while the inner instance was completing, for after it completed. */
interface InnerCompletion {
  conditionMet: boolean;
  /** Sequential: the collection, re-evaluated for the next item (as Zeebe does); null otherwise. */
  items: unknown[] | null;
}

export const multiInstanceBodyProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    const items = evaluateInputCollection(rt, el, instance.key);
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    initializeOutputCollection(rt, el, instance, items.length);
    if (items.length === 0) return rt.complete(instance.key);
    const first = el.multiInstance!.isSequential ? items.slice(0, 1) : items;
    first.forEach((item, i) => activateInnerInstance(rt, el, instance.key, i + 1, item));
  },
  onComplete(rt, el, instance) {
    rt.completeElement(instance, () => propagateVariables(rt.ctx, instance.flowScopeKey!, outputCollectionOf(rt, el, instance)), el.outgoing);
  },
  // Failures here are incidents on the inner instance, which stays COMPLETING; resolving them re-runs its completion.
  beforeChildCompleted(rt, el, instance, child): InnerCompletion {
    updateOutputCollection(rt, el, instance, child);
    const conditionMet = completionConditionMet(rt, el, instance, child);
    const items = el.multiInstance!.isSequential && !conditionMet ? evaluateInputCollection(rt, el, instance.key) : null;
    return { conditionMet, items };
  },
  onChildCompleted(rt, el, instance, _child, decided) {
    const { conditionMet, items } = decided as InnerCompletion;
    const body = rt.ctx.state.element(instance.key)!;
    if (conditionMet) {
      for (const child of rt.ctx.state.children(body.key)) rt.terminate(child.key);
      return rt.complete(body.key);
    }
    const created = body.data.innerInstances?.created ?? 0;
    if (items && created < items.length) return activateInnerInstance(rt, el, body.key, created + 1, items[created]);
    if (rt.ctx.state.children(body.key).length === 0) rt.complete(body.key);
  },
};
