/** ThrowError: caught by the nearest matching error boundary (exact code before catch-all); uncaught → incident on the task. */
import { ok, type Result } from '../../errors.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { catchError, findErrorCatch, uncaughtErrorMessage } from '../behaviors/error-catch.js';
import { throwErrorToParent } from '../behaviors/call-activities.js';
import { raiseIncident } from '../behaviors/incidents.js';
import { requireJob } from './job-checks.js';

export interface ThrowErrorCommand {
  jobKey: string;
  errorCode: string;
  errorMessage: string;
  variables: Record<string, unknown>;
}

export function throwError(rt: BpmnRuntime, command: ThrowErrorCommand): Result<void> {
  const checked = requireJob(rt.ctx.state, command.jobKey, 'throw an error for', ['ACTIVATED']);
  if (!checked.ok) return checked;
  const job = checked.value;
  rt.ctx.write({ valueType: 'JOB', intent: 'ERROR_THROWN', key: job.key, value: { type: job.type, errorCode: command.errorCode, errorMessage: command.errorMessage, elementInstanceKey: job.elementInstanceKey } });
  const instance = rt.ctx.state.element(job.elementInstanceKey);
  if (!instance) return ok(undefined);
  const caught = findErrorCatch(rt, instance.key, command.errorCode);
  if (caught) {
    catchError(rt, caught, command.variables);
    rt.run();
  } else if (!throwErrorToParent(rt, { elementInstanceKey: instance.key, jobKey: job.key }, { errorCode: command.errorCode, errorMessage: command.errorMessage, variables: command.variables })) {
    raiseIncident(rt.ctx, instance, 'UNHANDLED_ERROR_EVENT', uncaughtErrorMessage(command.errorCode, command.errorMessage), job.key);
  }
  return ok(undefined);
}
