/** DeleteResource: a process definition (its running instances are cancelled), a decision requirements graph or a form. */
import { ok } from '../../errors.js';
import { deleteResource as deleteByKey } from '../../resource-deletion.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { keyOf } from '../request-values.js';
import { unary } from '../unary.js';

export function deleteResource(deps: GatewayDeps) {
  return unary<{ resourceKey: string }, unknown>(deps, 'DeleteResource', async (request) => {
    const result = await deleteByKey(deps, keyOf(request.resourceKey));
    return result.ok ? ok({}) : result;
  });
}
