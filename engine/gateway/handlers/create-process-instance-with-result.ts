/**
 * CreateProcessInstanceWithResult: answers when the instance completes, with its root variables (or only
 * fetchVariables). Honours any requestTimeout (0 → the gateway default); on timeout 4 DEADLINE_EXCEEDED naming
 * the instance key so the caller can follow up.
 */
import { ok, reject, type Result } from '../../errors.js';
import { abandonResult, takeResult } from '../../state/pg/results-repository.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { intOf } from '../request-values.js';
import { unary } from '../unary.js';
import { create, createdResponse, type CreateRequest } from './create-process-instance.js';

interface Request {
  request: CreateRequest;
  requestTimeout?: string | number;
  fetchVariables?: string[];
}

export function createProcessInstanceWithResult(deps: GatewayDeps) {
  return unary<Request, unknown>(deps, 'CreateProcessInstanceWithResult', async (request, call, release) => {
    const created = await create(deps, request.request ?? {}, true);
    if (!created.ok) return created;
    // the command is done; waiting for the instance to complete is no command in flight (see unary.ts)
    release();
    const key = created.value.processInstanceKey;
    const timeoutMs = intOf(request.requestTimeout) > 0 ? intOf(request.requestTimeout) : deps.config.withResultDefaultMs;
    const variables = await waitForResult(deps, key, timeoutMs, () => call.cancelled);
    if (!variables.ok) return variables;
    const fetch = request.fetchVariables ?? [];
    const picked = fetch.length === 0 ? variables.value : Object.fromEntries(Object.entries(variables.value).filter(([name]) => fetch.includes(name)));
    return ok({ ...createdResponse(created.value), variables: JSON.stringify(picked) });
  });
}

function waitForResult(deps: GatewayDeps, key: string, timeoutMs: number, cancelled: () => boolean): Promise<Result<Record<string, unknown>>> {
  return new Promise((resolve) => {
    let done = false;
    let checking = false;
    let again = false;
    const finish = (result: Result<Record<string, unknown>>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      remove();
      resolve(result);
    };
    const check = async () => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          const variables = await takeResult(deps.db, key);
          if (variables) return finish(ok(variables));
          if (cancelled()) {
            await abandonResult(deps.db, key);
            return finish(reject('DEADLINE_EXCEEDED', `Expected to wait for process instance '${key}' to complete, but the call was cancelled`));
          }
        } while (again && !done);
      } catch (error) {
        deps.log.error({ err: error, processInstanceKey: key }, 'reading the instance result failed');
      } finally {
        checking = false;
      }
    };
    const remove = deps.resultWaiters.add(key, () => void check());
    const timer = setTimeout(() => {
      void (async () => {
        await abandonResult(deps.db, key).catch(() => undefined);
        finish(reject('DEADLINE_EXCEEDED', `Expected process instance '${key}' to complete within ${timeoutMs} ms, but it is still running; follow it up by its key '${key}'`));
      })();
    }, timeoutMs);
    void check();
  });
}
