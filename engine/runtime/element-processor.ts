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
  /**
   * Containers that decide themselves what follows a completed child (the multi-instance body). Called while the
   * child is COMPLETING and its variables still exist; what it returns is handed to onChildCompleted. Throws
   * EvaluationError → incident on the child, whose completion is re-run when the incident is resolved.
   */
  beforeChildCompleted?(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>, child: Readonly<ElementInstance>): unknown;
  /** The child has COMPLETED: called instead of the child taking its outgoing flows. Must not throw EvaluationError. */
  onChildCompleted?(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>, child: Readonly<ElementInstance>, decided: unknown): void;
}
