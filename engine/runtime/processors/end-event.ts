/**
 * End events: none (the path ends), terminate (ends its flow scope), error (thrown to the nearest catch; uncaught →
 * incident), signal (broadcasts, then the path ends), escalation (thrown to an enclosing scope; caught or not, the
 * path ends, unless an interrupting catch terminated the event).
 */
import { EvaluationError } from '../../errors.js';
import type { ElementProcessor } from '../element-processor.js';
import { throwErrorToParent } from '../behaviors/call-activities.js';
import { catchError, findErrorCatch, uncaughtErrorMessage } from '../behaviors/error-catch.js';
import { visibleVariables } from '../behaviors/variables.js';
import { applyInputs, completeWithOutputs } from './activity-steps.js';
import { throwAndComplete } from './throw-event.js';

export const endEventProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    applyInputs(rt, el, instance);
    if (el.eventType === 'ERROR') {
      const code = String(el.errorCodeExpression!.evaluate(visibleVariables(rt.ctx, instance.key)) ?? '');
      const caught = findErrorCatch(rt, instance.key, code);
      if (!caught) {
        // a call activity's child asks its caller first; the end event waits for the answer (see call-activities.ts)
        if (throwErrorToParent(rt, { elementInstanceKey: instance.key, jobKey: null }, { errorCode: code, errorMessage: '', variables: {} })) return;
        throw new EvaluationError(uncaughtErrorMessage(code, ''), 'UNHANDLED_ERROR_EVENT');
      }
      return catchError(rt, caught, {});
    }
    throwAndComplete(rt, el, instance);
  },
  onComplete(rt, el, instance) {
    if (el.eventType !== 'TERMINATE') return completeWithOutputs(rt, el, instance, []);
    completeWithOutputs(rt, el, instance, null);
    const scopeKey = instance.flowScopeKey!;
    for (const sibling of rt.ctx.state.children(scopeKey)) rt.terminate(sibling.key);
    rt.complete(scopeKey);
  },
};
