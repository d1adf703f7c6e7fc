/** Parallel gateway: activated once every incoming flow has a token (see BpmnRuntime.tryJoin); forks to all outgoing flows. */
import type { ElementProcessor } from '../element-processor.js';

export const parallelGatewayProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    rt.completeElement(rt.ctx.state.element(instance.key)!, () => undefined, el.outgoing);
  },
  onComplete() {
    // completes during activation
  },
};
