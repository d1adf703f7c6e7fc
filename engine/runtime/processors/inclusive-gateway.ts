/** Inclusive gateway: forks to every flow whose condition is true (else the default flow); joins when no other path can arrive. */
import type { ElementProcessor } from '../element-processor.js';
import { chooseFlows } from './exclusive-gateway.js';

export const inclusiveGatewayProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    const chosen = chooseFlows(rt, el, instance, false);
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    rt.completeElement(rt.ctx.state.element(instance.key)!, () => undefined, chosen);
  },
  onComplete() {
    // completes during activation
  },
};
