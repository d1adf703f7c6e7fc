/**
 * bpmn:escalationEventDefinition → the escalation code of an event, as Zeebe reads it: a throw event (intermediate
 * or end) must name a code, static or FEEL, evaluated when the event is reached; a catch event (boundary, event
 * sub-process start) has a static code, or no escalation at all and then catches every escalation.
 */
import { compileExpression, ExpressionSyntaxError, type Expression } from './expressions.js';
import type { ElementType } from './process-model.js';
import type { ModdleElement } from './read-definitions.js';

export interface EscalationDefinition {
  /** Catch events: the static code, or null for a catch-all. */
  escalationCode?: string | null;
  /** Throw events: the code (static or FEEL). */
  escalationCodeExpression?: Expression;
}

const THROW_TYPES: ReadonlySet<ElementType> = new Set(['INTERMEDIATE_THROW_EVENT', 'END_EVENT']);

export function readEscalation(item: ModdleElement, id: string, type: ElementType, problems: string[]): EscalationDefinition {
  const p = (message: string) => problems.push(`Element '${id}': ${message}`);
  const definition = (Array.isArray(item.eventDefinitions) ? (item.eventDefinitions as ModdleElement[]) : [])[0];
  const escalation = definition?.escalationRef as ModdleElement | undefined;
  const code = typeof escalation?.escalationCode === 'string' ? escalation.escalationCode.trim() : '';
  if (THROW_TYPES.has(type)) {
    if (code === '' || code === '=') {
      p('expected the escalation throw event to reference an escalation with an escalationCode, but it has none');
      return {};
    }
    try {
      return { escalationCodeExpression: compileExpression(code) };
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      p(`expected the escalation code to be a valid expression, but ${error.message}`);
      return {};
    }
  }
  // a catch event matches the thrown code literally, so an expression could never be evaluated against anything
  if (code.startsWith('=')) p(`expected the escalation code of a catch event to be static, but it is the expression '${code}'`);
  return { escalationCode: code === '' ? null : code };
}
