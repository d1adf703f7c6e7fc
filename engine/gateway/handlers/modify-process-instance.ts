/** ModifyProcessInstance: activate and terminate instructions, applied atomically to one instance. */
import { ok, type Result } from '../../errors.js';
import { modifyInstance, type ActivateInstruction, type ModifyInstanceCommand } from '../../runtime/commands/modify-instance.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { keyOf, parseVariables } from '../request-values.js';
import { unary } from '../unary.js';

interface Request {
  processInstanceKey: string;
  activateInstructions?: Array<{ elementId?: string; ancestorElementInstanceKey?: string | number; variableInstructions?: Array<{ variables?: string; scopeId?: string }> }>;
  terminateInstructions?: Array<{ elementInstanceKey?: string | number }>;
}

export function modifyProcessInstance(deps: GatewayDeps) {
  return unary<Request, unknown>(deps, 'ModifyProcessInstance', async (request) => {
    const command = commandOf(request, deps.config.maxVariablesBytes);
    if (!command.ok) return command;
    const result = await deps.commands.onInstance({ processInstanceKey: keyOf(request.processInstanceKey) }, 'modify', (rt) => modifyInstance(rt, command.value));
    return result.ok ? ok({}) : result;
  });
}

function commandOf(request: Request, maxVariablesBytes: number): Result<ModifyInstanceCommand> {
  const activateInstructions: ActivateInstruction[] = [];
  for (const a of request.activateInstructions ?? []) {
    const variableInstructions: Array<ActivateInstruction['variableInstructions'][number]> = [];
    for (const v of a.variableInstructions ?? []) {
      const variables = parseVariables(v.variables, maxVariablesBytes, `the variables of a variable instruction for element '${a.elementId ?? ''}'`);
      if (!variables.ok) return variables;
      variableInstructions.push({ scopeId: v.scopeId ?? '', variables: variables.value });
    }
    activateInstructions.push({ elementId: a.elementId ?? '', ancestorElementInstanceKey: ancestorOf(a.ancestorElementInstanceKey), variableInstructions });
  }
  const terminateInstructions = (request.terminateInstructions ?? []).map((t) => ({ elementInstanceKey: keyOf(t.elementInstanceKey) }));
  return ok({ activateInstructions, terminateInstructions });
}

/** As in Zeebe, only a positive key selects an ancestor; zeebe-node sends -1 (and proto3 defaults to 0) for none. */
function ancestorOf(raw: string | number | undefined): string | null {
  const key = keyOf(raw);
  return /^\d{1,19}$/.test(key) && BigInt(key) > 0n ? key : null;
}
