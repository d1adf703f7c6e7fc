/**
 * Drives element instances through their lifecycle for one command (Zeebe's BpmnStreamProcessor): a FIFO queue of
 * follow-up steps (activate, complete, child ended) processed in the same transaction until nothing is left.
 */
import { EvaluationError, IllegalStateError } from '../errors.js';
import { element as modelElement, type FlowElement, type SequenceFlow } from '../model/process-model.js';
import { ALL_WAITING_TOKENS } from '../state/appliers/element-activating.js';
import type { ElementIntent, ElementValue } from '../state/events.js';
import type { ElementInstance } from '../state/types.js';
import { closeSubscriptions, openSubscriptions, prepareSubscriptions } from './behaviors/catch-events.js';
import { raiseIncident, resolveIncidentsOf } from './behaviors/incidents.js';
import { instanceElementType } from './behaviors/multi-instance.js';
import { activateElement } from './behaviors/element-activation.js';
import { setLocalVariables } from './behaviors/variables.js';
import type { ElementProcessor } from './element-processor.js';
import type { ProcessingContext } from './processing-context.js';
import { processorFor } from './processors/index.js';

type Step =
  | { kind: 'activate'; key: string; elementId: string; flowScopeKey: string | null; consumedFlows: string[]; localVariables?: Record<string, unknown>; triggered?: boolean }
  | { kind: 'continue'; key: string }
  | { kind: 'complete'; key: string }
  | { kind: 'child-ended'; flowScopeKey: string };

export class BpmnRuntime {
  private readonly queue: Step[] = [];
  /** CreateProcessInstance.startInstructions: elements the process starts at instead of its none start event. */
  startInstructions: string[] | null = null;

  /**
   * The process was started at a message start event: its own event subscriptions (event sub-process starts) open
   * when that start event completes, after the message variables reached the process (start-event.ts), not when the
   * process becomes ACTIVATED — so a correlation key such as `=caseId` can use them, as in Zeebe since camunda/camunda
   * #9047 (#4099, #8672).
   */
  processSubscriptionsAtStartEvent = false;

  /**
   * Catch events activated because their event already happened (after an event-based gateway, an event
   * sub-process start): they complete at once instead of subscribing. Only within this command.
   */
  private readonly triggered = new Set<string>();

  constructor(readonly ctx: ProcessingContext) {}

  // ---- commands ----

  /** Queues the activation of `elementId` in `flowScopeKey`; returns the new element instance key. */
  activate(elementId: string, flowScopeKey: string | null, options: { key?: string; consumedFlows?: string[]; localVariables?: Record<string, unknown>; triggered?: boolean } = {}): string {
    const key = options.key ?? this.ctx.nextKey();
    this.queue.push({ kind: 'activate', key, elementId, flowScopeKey, consumedFlows: options.consumedFlows ?? [], localVariables: options.localVariables, triggered: options.triggered });
    return key;
  }

  /** Whether the catch event instance was activated by its event (it completes without subscribing). */
  isTriggered(key: string): boolean {
    return this.triggered.has(key);
  }

  /** Takes `flow` to a catch event whose event already happened (event-based gateway); it completes with `variables`. */
  takeFlowTriggering(instance: Readonly<ElementInstance>, flow: SequenceFlow, variables: Record<string, unknown>): void {
    const scopeKey = instance.flowScopeKey!;
    this.ctx.write({ valueType: 'PROCESS_INSTANCE', intent: 'SEQUENCE_FLOW_TAKEN', key: this.ctx.nextKey(), value: { ...this.valueOf(flow.sourceId, scopeKey), elementId: flow.id, targetId: flow.targetId, joining: false } });
    this.activate(flow.targetId, scopeKey, { localVariables: variables, triggered: true });
  }

  /**
   * Activates an event sub-process in `scopeKey`, starting at its (already triggered) start event. An interrupting one
   * also consumes the tokens waiting at joins of the scope (the caller has terminated the scope's other children).
   */
  activateEventSubProcess(eventSubProcess: FlowElement, scopeKey: string, variables: Record<string, unknown>, interrupting = false): void {
    const key = this.activate(eventSubProcess.id, scopeKey, interrupting ? { consumedFlows: [ALL_WAITING_TOKENS] } : {});
    this.eventSubProcessStarts.set(key, variables);
  }

  /** The event sub-process instance's triggering variables, handed to its start event (see the event sub-process processor). */
  takeEventSubProcessStart(key: string): Record<string, unknown> | undefined {
    const variables = this.eventSubProcessStarts.get(key);
    this.eventSubProcessStarts.delete(key);
    return variables;
  }

  private readonly eventSubProcessStarts = new Map<string, Record<string, unknown>>();

  /** Activates an element given by a start instruction, creating the sub-process scopes above it (activated, without their start events). */
  activateWithScopes(elementId: string): void {
    // a new instance holds at most one instance of each scope (the ones earlier start instructions created), so
    // the scope to use is never ambiguous and every scope is ACTIVATED
    const activated = activateElement(this, { elementId, ancestorKey: null });
    if (!activated.ok) throw new IllegalStateError(activated.rejection.message);
  }

  /** Queues the completion of an element instance (job completed, container done, pass-through). */
  complete(key: string): void {
    this.queue.push({ kind: 'complete', key });
  }

  /** Re-runs the step an incident interrupted. */
  retry(key: string): void {
    const instance = this.ctx.state.element(key);
    if (!instance) return;
    if (instance.state === 'ACTIVATING') this.queue.push({ kind: 'continue', key });
    else if (instance.state === 'COMPLETING' || instance.state === 'ACTIVATED') this.queue.push({ kind: 'complete', key });
  }

  run(): void {
    for (let step = this.queue.shift(); step; step = this.queue.shift()) this.process(step);
  }

  /** Terminates an element instance and everything below it, children first (synchronously). */
  terminate(key: string): void {
    const instance = this.ctx.state.element(key);
    if (!instance || instance.state === 'TERMINATING') return;
    this.transition(instance, 'ELEMENT_TERMINATING');
    for (const child of this.ctx.state.children(key)) this.terminate(child.key);
    const el = this.elementOf(instance);
    processorFor(el, instance.elementType).onTerminate?.(this, el, this.ctx.state.element(key)!);
    resolveIncidentsOf(this.ctx, key);
    this.transition(this.ctx.state.element(key)!, 'ELEMENT_TERMINATED');
  }

  // ---- helpers for processors and behaviours ----

  elementOf(instance: Readonly<ElementInstance>): FlowElement {
    return modelElement(this.ctx.model, instance.elementId);
  }

  /**
   * Writes the element's next lifecycle event. Becoming ACTIVATED opens the element's event subscriptions (evaluated
   * first, so a failure writes nothing and becomes an incident on the ACTIVATING element); leaving closes them.
   */
  transition(instance: Readonly<ElementInstance>, intent: ElementIntent, consumedFlows: readonly string[] = []): void {
    if (intent === 'ELEMENT_ACTIVATED' && !this.triggered.has(instance.key)) {
      const subscriptions = this.processSubscriptionsAtStartEvent && instance.key === this.ctx.state.instance.key ? [] : prepareSubscriptions(this, instance);
      this.ctx.write({ valueType: 'PROCESS_INSTANCE', intent, key: instance.key, value: this.valueOf(instance.elementId, instance.flowScopeKey) }, consumedFlows);
      openSubscriptions(this, subscriptions);
      return;
    }
    if (intent === 'ELEMENT_COMPLETING' || intent === 'ELEMENT_TERMINATING') closeSubscriptions(this, instance.key);
    this.ctx.write({ valueType: 'PROCESS_INSTANCE', intent, key: instance.key, value: this.valueOf(instance.elementId, instance.flowScopeKey) }, consumedFlows);
  }

  valueOf(elementId: string, flowScopeKey: string | null): ElementValue {
    const el = modelElement(this.ctx.model, elementId);
    const pi = this.ctx.state.instance;
    return {
      bpmnProcessId: pi.bpmnProcessId,
      version: pi.version,
      processDefinitionKey: pi.processDefinitionKey,
      processInstanceKey: pi.key,
      elementId,
      flowScopeKey,
      bpmnElementType: instanceElementType(this.ctx.state, el, flowScopeKey),
      bpmnEventType: el.eventType,
      // as in Zeebe's process instance records: an instance a call activity started names its caller
      ...(pi.parentProcessInstanceKey && pi.parentElementInstanceKey ? { parentProcessInstanceKey: pi.parentProcessInstanceKey, parentElementInstanceKey: pi.parentElementInstanceKey } : {}),
    };
  }

  /** Takes the given outgoing flows; with none, the flow scope is told that a path ended. */
  takeFlows(instance: Readonly<ElementInstance>, flows: readonly SequenceFlow[]): void {
    const scopeKey = instance.flowScopeKey!;
    if (flows.length === 0) {
      this.queue.push({ kind: 'child-ended', flowScopeKey: scopeKey });
      return;
    }
    for (const flow of flows) {
      const target = modelElement(this.ctx.model, flow.targetId);
      const joining = (target.type === 'PARALLEL_GATEWAY' || target.type === 'INCLUSIVE_GATEWAY') && target.incoming.length > 1;
      this.ctx.write({ valueType: 'PROCESS_INSTANCE', intent: 'SEQUENCE_FLOW_TAKEN', key: this.ctx.nextKey(), value: { ...this.valueOf(flow.sourceId, scopeKey), elementId: flow.id, targetId: flow.targetId, joining } });
      if (!joining) this.activate(flow.targetId, scopeKey);
      else this.tryJoin(scopeKey, target);
    }
  }

  /** Completes the element: COMPLETING (unless already), output step, COMPLETED, outgoing flows. */
  completeElement(instance: Readonly<ElementInstance>, outputs: () => void, flows: readonly SequenceFlow[] | null): void {
    if (instance.state === 'ACTIVATED') this.transition(instance, 'ELEMENT_COMPLETING');
    outputs();
    const container = flows !== null ? this.managingContainer(instance) : null;
    const decided = container?.processor.beforeChildCompleted?.(this, container.el, container.instance, this.ctx.state.element(instance.key)!);
    const current = this.ctx.state.element(instance.key)!;
    this.transition(current, 'ELEMENT_COMPLETED');
    if (container) return container.processor.onChildCompleted!(this, container.el, container.instance, current, decided);
    if (flows !== null && current.flowScopeKey) this.takeFlows(current, flows);
  }

  /** The flow scope of `instance` when it decides itself what follows a completed child (a multi-instance body), else null. */
  private managingContainer(instance: Readonly<ElementInstance>): { el: FlowElement; instance: Readonly<ElementInstance>; processor: ElementProcessor } | null {
    const scope = instance.flowScopeKey ? this.ctx.state.element(instance.flowScopeKey) : undefined;
    if (!scope) return null;
    const el = this.elementOf(scope);
    const processor = processorFor(el, scope.elementType);
    return processor.onChildCompleted ? { el, instance: scope, processor } : null;
  }

  // ---- internals ----

  private process(step: Step): void {
    switch (step.kind) {
      case 'activate': {
        if (step.flowScopeKey) {
          const scope = this.ctx.state.element(step.flowScopeKey);
          if (!scope || scope.state !== 'ACTIVATED') return; // the scope ended (terminate end event, interruption)
        }
        this.ctx.write({ valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATING', key: step.key, value: this.valueOf(step.elementId, step.flowScopeKey) }, step.consumedFlows);
        if (step.localVariables) setLocalVariables(this.ctx, step.key, step.localVariables);
        if (step.triggered) this.triggered.add(step.key);
        return this.runHook(step.key, 'onActivate');
      }
      case 'continue':
        return this.runHook(step.key, 'onActivate');
      case 'complete': {
        const instance = this.ctx.state.element(step.key);
        if (!instance || (instance.state !== 'ACTIVATED' && instance.state !== 'COMPLETING')) return;
        return this.runHook(step.key, 'onComplete');
      }
      case 'child-ended':
        return this.childEnded(step.flowScopeKey);
    }
  }

  private runHook(key: string, hook: 'onActivate' | 'onComplete'): void {
    const instance = this.ctx.state.element(key);
    if (!instance) return;
    const el = this.elementOf(instance);
    const processor: ElementProcessor = processorFor(el, instance.elementType);
    try {
      processor[hook](this, el, instance);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      raiseIncident(this.ctx, this.ctx.state.element(key) ?? instance, error.errorType, error.message);
    }
  }

  private childEnded(scopeKey: string): void {
    const scope = this.ctx.state.element(scopeKey);
    if (!scope || scope.state !== 'ACTIVATED') return;
    for (const gatewayId of Object.keys(scope.data.takenFlows ?? {})) {
      const gateway = modelElement(this.ctx.model, gatewayId);
      if (gateway.type === 'INCLUSIVE_GATEWAY') this.tryJoin(scopeKey, gateway);
    }
    const current = this.ctx.state.element(scopeKey)!;
    const tokensWaiting = Object.keys(current.data.takenFlows ?? {}).length > 0;
    if (this.ctx.state.children(scopeKey).length === 0 && !this.hasQueuedActivation(scopeKey) && !tokensWaiting) this.complete(scopeKey);
  }

  private hasQueuedActivation(scopeKey: string, reaching?: (elementId: string) => boolean): boolean {
    return this.queue.some((s) => s.kind === 'activate' && s.flowScopeKey === scopeKey && (!reaching || reaching(s.elementId)));
  }

  /** A joining gateway activates once its tokens are complete (parallel: one per incoming flow; inclusive: no other path can still arrive). */
  private tryJoin(scopeKey: string, gateway: FlowElement): void {
    const scope = this.ctx.state.element(scopeKey)!;
    const tokens = scope.data.takenFlows?.[gateway.id] ?? {};
    const arrived = gateway.incoming.map((f) => f.id).filter((id) => (tokens[id] ?? 0) > 0);
    if (arrived.length === 0) return;
    if (gateway.type === 'PARALLEL_GATEWAY') {
      if (arrived.length === gateway.incoming.length) this.activate(gateway.id, scopeKey, { consumedFlows: arrived });
      return;
    }
    const reaches = (elementId: string) => elementId === gateway.id || (this.ctx.model.reachable.get(elementId)?.has(gateway.id) ?? false);
    const pending = this.ctx.state.children(scopeKey).some((c) => reaches(c.elementId)) || this.hasQueuedActivation(scopeKey, reaches);
    if (!pending) this.activate(gateway.id, scopeKey, { consumedFlows: arrived });
  }
}
