/**
 * What a command sees while it is processed: the instance state (read through the Readonly view), the model, the
 * clock and keys, and `write`, which applies an event through its applier and appends it to the record stream.
 */
import type { Clock } from '../clock.js';
import type { DeployedDecision } from '../dmn/dmn-model.js';
import type { ProcessModel } from '../model/process-model.js';
import type { CalledProcess } from '../state/pg/called-processes.js';
import { applyEvent } from '../state/appliers/index.js';
import type { EngineEvent } from '../state/events.js';
import type { InstanceState, ReadonlyInstanceState } from '../state/instance-state.js';
import type { ValueType } from '../state/types.js';
import type { KeySource } from './key-source.js';

export class ProcessingContext {
  constructor(
    private readonly mutableState: InstanceState,
    readonly model: ProcessModel,
    readonly clock: Clock,
    private readonly keys: KeySource,
    /** The latest version of each decision the model's business-rule tasks may call, loaded before the command runs. */
    private readonly decisions: ReadonlyMap<string, DeployedDecision> = new Map(),
    /** The latest version of each process the model's call activities may start, loaded before the command runs. */
    private readonly calledProcesses: ReadonlyMap<string, CalledProcess> = new Map(),
  ) {}

  /** The latest deployed version of a decision, or undefined. */
  decision(decisionId: string): DeployedDecision | undefined {
    return this.decisions.get(decisionId);
  }

  /** The latest deployed version of a process (for call activities), or undefined. */
  calledProcess(bpmnProcessId: string): CalledProcess | undefined {
    return this.calledProcesses.get(bpmnProcessId);
  }

  get state(): ReadonlyInstanceState {
    return this.mutableState;
  }

  nextKey(): string {
    return this.keys.next();
  }

  now(): number {
    return this.clock.now();
  }

  write(event: EngineEvent, consumedFlows: readonly string[] = []): void {
    const timestamp = this.clock.now();
    applyEvent(this.mutableState, event, timestamp, consumedFlows);
    this.mutableState.records.push({
      recordType: 'EVENT',
      valueType: event.valueType,
      intent: event.intent,
      key: event.key,
      processInstanceKey: this.mutableState.instance.key,
      timestamp,
      payload: event.value as unknown as Record<string, unknown>,
    });
  }

  /** Sends a command to another process instance (engine.outbox): delivered after this command commits. */
  send(kind: string, processInstanceKey: string | null, payload: Record<string, unknown>): void {
    this.mutableState.outbox.push({ key: this.keys.next(), kind, processInstanceKey, payload, createdAt: this.clock.now() });
  }

  /**
   * Appends a record of a command that is no state change by itself (Zeebe's PROCESS_INSTANCE_MODIFICATION MODIFIED:
   * the element records it causes follow it), so the history shows what was asked for.
   */
  record(valueType: ValueType, intent: string, key: string, payload: Record<string, unknown>): void {
    this.mutableState.records.push({ recordType: 'EVENT', valueType, intent, key, processInstanceKey: this.mutableState.instance.key, timestamp: this.clock.now(), payload });
  }

  /** Hands the completed instance's root variables to a waiting CreateProcessInstanceWithResult call. */
  setResult(variables: Record<string, unknown>): void {
    this.mutableState.result = variables;
  }
}
