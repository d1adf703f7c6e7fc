/** End events: none (the path ends), terminate (ends its flow scope), error (thrown to the nearest catch; uncaught → incident). */
import { EvaluationError } from '../../errors.js';
import type { ElementProcessor } from '../element-processor.js';
import { catchError, findErrorCatch, uncaughtErrorMessage } from '../behaviors/error-catch.js';
import { visibleVariables } from '../behaviors/variables.js';
import { applyInputs, completeWithOutputs } from './activity-steps.js';

export const endEventProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    applyInputs(rt, el, instance);
    if (el.eventType === 'ERROR') {
      const code = String(el.errorCodeExpression!.evaluate(visibleVariables(rt.ctx, instance.key)) ?? '');
      const caught = findErrorCatch(rt, instance.key, code);
      if (!caught) throw new EvaluationError(uncaughtErrorMessage(code, ''), 'UNHANDLED_ERROR_EVENT');
      return catchError(rt, caught, {});
    }
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    rt.complete(instance.key);
  },
  onComplete(rt, el, instance) {
    if (el.eventType !== 'TERMINATE') return completeWithOutputs(rt, el, instance, []);
    completeWithOutputs(rt, el, instance, null);
    const scopeKey = instance.flowScopeKey!;
    for (const sibling of rt.ctx.state.children(scopeKey)) rt.terminate(sibling.key);
    rt.complete(scopeKey);
  },
};
