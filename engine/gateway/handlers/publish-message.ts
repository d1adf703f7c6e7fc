/** PublishMessage: name, correlation key, time to live (ms), optional message id and variables → the message key. */
import { ok } from '../../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { intOf, parseVariables } from '../request-values.js';
import { unary } from '../unary.js';

interface PublishMessageRequest {
  name?: string;
  correlationKey?: string;
  timeToLive?: string | number;
  messageId?: string;
  variables?: string;
  tenantId?: string;
}

export function publishMessage(deps: GatewayDeps) {
  return unary<PublishMessageRequest, unknown>(deps, 'PublishMessage', async (request) => {
    const variables = parseVariables(request.variables, deps.config.maxVariablesBytes);
    if (!variables.ok) return variables;
    const published = await deps.messages.publish({
      name: request.name ?? '',
      correlationKey: request.correlationKey ?? '',
      timeToLive: intOf(request.timeToLive),
      messageId: request.messageId ?? '',
      variables: variables.value,
    });
    return published.ok ? ok({ key: published.value.key, tenantId: '<default>' }) : published;
  });
}
