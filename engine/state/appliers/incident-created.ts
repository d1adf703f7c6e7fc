/** INCIDENT CREATED. */
import type { InstanceState } from '../instance-state.js';
import type { Incident } from '../types.js';

export function applyIncidentCreated(state: InstanceState, incident: Incident): void {
  state.putIncident(incident);
}
