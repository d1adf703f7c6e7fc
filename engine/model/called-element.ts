/**
 * bpmn:callActivity + zeebe:calledElement → CalledElementDefinition, validated as Zeebe does at deployment: the
 * process id is required (static or FEEL, evaluated when the call activity is activated); both propagation flags
 * default to true.
 */
import { compileExpression, ExpressionSyntaxError } from './expressions.js';
import type { CalledElementDefinition } from './process-model.js';
import type { ModdleElement } from './read-definitions.js';

export function readCalledElement(calledElement: ModdleElement | undefined, id: string, problems: string[]): CalledElementDefinition | undefined {
  const p = (message: string) => problems.push(`Element '${id}': ${message}`);
  if (!calledElement) {
    p('expected the call activity to have a zeebe:calledElement with a processId, but it has none');
    return undefined;
  }
  const raw = typeof calledElement.processId === 'string' ? calledElement.processId.trim() : '';
  if (raw === '' || raw === '=') {
    p('expected zeebe:calledElement to have a processId, but it is missing');
    return undefined;
  }
  let processId;
  try {
    processId = compileExpression(raw);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    p(`expected the processId of zeebe:calledElement to be a valid expression, but ${error.message}`);
    return undefined;
  }
  return {
    processId,
    // moddle leaves an absent attribute undefined; Zeebe's default for both is true
    propagateAllChildVariables: calledElement.propagateAllChildVariables !== false,
    propagateAllParentVariables: calledElement.propagateAllParentVariables !== false,
  };
}
