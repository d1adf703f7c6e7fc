/** Incidents: raised when processing cannot go on (no silent defaults), resolved by ResolveIncident or termination. */
import type { IncidentErrorType } from '../../errors.js';
import type { ElementInstance } from '../../state/types.js';
import type { ProcessingContext } from '../processing-context.js';

export function raiseIncident(ctx: ProcessingContext, instance: Readonly<ElementInstance>, errorType: IncidentErrorType, errorMessage: string, jobKey: string | null = null): string {
  const key = ctx.nextKey();
  ctx.write({
    valueType: 'INCIDENT',
    intent: 'CREATED',
    key,
    value: { errorType, errorMessage, elementInstanceKey: instance.key, elementId: instance.elementId, jobKey, processInstanceKey: instance.processInstanceKey },
  });
  return key;
}

export function resolveIncident(ctx: ProcessingContext, key: string): void {
  const incident = ctx.state.incident(key);
  if (!incident) return;
  const { errorType, errorMessage, elementInstanceKey, elementId, jobKey, processInstanceKey } = incident;
  ctx.write({ valueType: 'INCIDENT', intent: 'RESOLVED', key, value: { errorType, errorMessage, elementInstanceKey, elementId, jobKey, processInstanceKey } });
}

/** On termination an element's incidents are resolved. */
export function resolveIncidentsOf(ctx: ProcessingContext, elementInstanceKey: string): void {
  for (const incident of ctx.state.incidentsOf(elementInstanceKey)) resolveIncident(ctx, incident.key);
}
