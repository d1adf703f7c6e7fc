/** INCIDENT RESOLVED: the incident is gone; a job incident makes its job activatable again. */
import type { InstanceState } from '../instance-state.js';

export function applyIncidentResolved(state: InstanceState, key: string): void {
  const incident = state.incident(key);
  if (!incident) return;
  state.removeIncident(key);
  const job = incident.jobKey ? state.job(incident.jobKey) : undefined;
  if (job && (job.state === 'FAILED' || job.state === 'ERROR_THROWN') && job.retries > 0) {
    state.putJob({ ...job, state: 'ACTIVATABLE', backoffUntil: null });
    state.activatableJobTypes.add(job.type);
  }
}
