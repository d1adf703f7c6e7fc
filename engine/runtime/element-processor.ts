/** The hooks every element processor has (Zeebe's BpmnElementProcessor). Processors decide; appliers write. */
import type { FlowElement } from '../model/process-model.js';
import type { ElementInstance } from '../state/types.js';
import type { BpmnRuntime } from './bpmn-runtime.js';

export interface ElementProcessor {
  /** The element instance is ACTIVATING. Runs again when an activation incident is resolved. Throws EvaluationError → incident. */
  onActivate(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>): void;
  /** Complete the element (after its job, its children, or at once for pass-through elements). Runs again after an incident. */
  onComplete(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>): void;
  /** The element is TERMINATING, its children already terminated: release what it holds (jobs). */
  onTerminate?(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>): void;
}
