/** ResolveIncident: a job incident makes its job activatable again (only with retries left); others re-run the failed step. */
import { ok, reject, type Result } from '../../errors.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { resolveIncident as writeResolved } from '../behaviors/incidents.js';

export function resolveIncident(rt: BpmnRuntime, incidentKey: string): Result<void> {
  const incident = rt.ctx.state.incident(incidentKey);
  if (!incident) return reject('NOT_FOUND', `Expected to resolve incident with key '${incidentKey}', but no such incident was found`);
  const job = incident.jobKey ? rt.ctx.state.job(incident.jobKey) : undefined;
  if (incident.errorType === 'JOB_NO_RETRIES' && job && job.retries <= 0) {
    return reject('INVALID_STATE', `Expected to resolve incident with key '${incidentKey}', but job with key '${job.key}' has no retries left; update its retries first`);
  }
  writeResolved(rt.ctx, incidentKey);
  if (!incident.jobKey) {
    rt.retry(incident.elementInstanceKey);
    rt.run();
  }
  return ok(undefined);
}
