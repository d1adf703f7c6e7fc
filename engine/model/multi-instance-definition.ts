/**
 * bpmn:multiInstanceLoopCharacteristics + zeebe:loopCharacteristics → MultiInstanceDefinition, validated as Zeebe
 * does at deployment. Standard loops and loop cardinality have no Zeebe equivalent, so they are refused by name.
 */
import { compileExpression, ExpressionSyntaxError, type Expression } from './expressions.js';
import type { ElementType, MultiInstanceDefinition } from './process-model.js';
import type { ModdleElement } from './read-definitions.js';

/** The activities a multi-instance body can wrap (call activities are listed for when the model accepts them). */
const MULTI_INSTANCE_TYPES: ReadonlySet<ElementType> = new Set([
  'SERVICE_TASK',
  'SEND_TASK',
  'BUSINESS_RULE_TASK',
  'SCRIPT_TASK',
  'USER_TASK',
  'MANUAL_TASK',
  'TASK',
  'SUB_PROCESS',
  'CALL_ACTIVITY',
  'RECEIVE_TASK',
]);

const VARIABLE_NAME = /^[A-Za-z_$][\w$]*$/;

export function readMultiInstance(item: ModdleElement, id: string, type: ElementType, problems: string[]): MultiInstanceDefinition | undefined {
  const loop = item.loopCharacteristics as ModdleElement | undefined;
  if (!loop) return undefined;
  const p = (message: string) => problems.push(`Element '${id}': ${message}`);
  if (loop.$type === 'bpmn:StandardLoopCharacteristics') {
    p('expected multi-instance loop characteristics, but standard loops (bpmn:standardLoopCharacteristics) are not supported; use a multi-instance marker with zeebe:loopCharacteristics');
    return undefined;
  }
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    p(`expected multi-instance loop characteristics, but '${loop.$type}' is not supported`);
    return undefined;
  }
  if (!MULTI_INSTANCE_TYPES.has(type)) {
    p(`expected multi-instance only on tasks, embedded sub-processes and call activities, but it is set on a ${type}`);
    return undefined;
  }
  if (loop.loopCardinality) p('expected the multi-instance to iterate over zeebe:loopCharacteristics inputCollection, but loopCardinality is not supported (use e.g. inputCollection "=for i in 1..n return i")');
  const extensions = list((loop.extensionElements as ModdleElement | undefined)?.values).filter((e) => e.$type === 'zeebe:LoopCharacteristics');
  if (extensions.length !== 1) {
    p(`expected the multi-instance to have one zeebe:loopCharacteristics with an inputCollection, but it has ${extensions.length === 0 ? 'none' : extensions.length}`);
    return undefined;
  }
  const zeebe = extensions[0]!;
  const inputCollection = str(zeebe.inputCollection)?.trim() ?? '';
  if (inputCollection === '' || inputCollection === '=') {
    p('expected zeebe:loopCharacteristics to have an inputCollection, but it is missing');
    return undefined;
  }
  const inputElement = variableName(zeebe.inputElement, 'inputElement', p);
  const outputCollection = variableName(zeebe.outputCollection, 'outputCollection', p);
  const outputElementSource = str(zeebe.outputElement)?.trim() || undefined;
  if (outputCollection && !outputElementSource) p(`expected zeebe:loopCharacteristics with the outputCollection '${outputCollection}' to have an outputElement, but it has none`);
  if (outputElementSource && !outputCollection) p('expected zeebe:loopCharacteristics with an outputElement to have an outputCollection, but it has none');
  const condition = str((loop.completionCondition as ModdleElement | undefined)?.body)?.trim();
  let completionCondition: Expression | undefined;
  if (condition !== undefined && condition !== '') {
    if (!condition.startsWith('=')) p(`expected the completionCondition to be a FEEL expression starting with '=', but got '${condition}'`);
    else completionCondition = expression(condition, 'completionCondition', p);
  }
  return {
    isSequential: loop.isSequential === true,
    inputCollection: expression(inputCollection, 'inputCollection', p),
    inputElement,
    outputCollection,
    outputElement: outputElementSource ? expression(outputElementSource, 'outputElement', p) : undefined,
    completionCondition,
  };
}

function variableName(raw: unknown, what: string, p: (message: string) => void): string | undefined {
  const name = str(raw)?.trim();
  if (!name) return undefined;
  if (!VARIABLE_NAME.test(name)) p(`expected the ${what} of zeebe:loopCharacteristics to be a variable name, but got '${name}'`);
  return name;
}

function expression(raw: string, what: string, p: (message: string) => void): Expression {
  try {
    return compileExpression(raw);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    p(`expected the ${what} to be a valid expression, but ${error.message}`);
    return compileExpression('=null');
  }
}

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
