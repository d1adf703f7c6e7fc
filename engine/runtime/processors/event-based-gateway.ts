/**
 * Event-based gateway: waits for the first of the catch events after it (their subscriptions are the gateway's);
 * the first one triggered completes the gateway and takes its flow (catch-events.ts), the others are closed.
 */
import type { ElementProcessor } from '../element-processor.js';

export const eventBasedGatewayProcessor: ElementProcessor = {
  onActivate(rt, _el, instance) {
    rt.transition(instance, 'ELEMENT_ACTIVATED');
  },
  onComplete() {
    // completed by the triggered event, never by a complete step
  },
};
