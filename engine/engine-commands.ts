/**
 * The engine's command side: each gRPC command runs here in one PostgreSQL transaction (lock the instance row,
 * load its state, let the runtime decide, flush the changed rows and records, commit, then wake waiters).
 */
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { Clock } from './clock.js';
import { DecisionCache } from './dmn/decision-cache.js';
import type { DeployedDecision } from './dmn/dmn-model.js';
import { evaluateDecision, type DecisionEvaluation } from './dmn/evaluate-decision.js';
import { CommandRejectedError, InvalidResourceError, ok, reject, type Rejection, type Result } from './errors.js';
import { ModelCache } from './model/model-cache.js';
import { latestCalledProcesses } from './state/pg/called-processes.js';
import { parseResource, type ParsedResource } from './model/parse-resource.js';
import type { ProcessModel } from './model/process-model.js';
import { BpmnRuntime } from './runtime/bpmn-runtime.js';
import { createInstance } from './runtime/commands/create-instance.js';
import { startSubscriptions } from './runtime/behaviors/start-events.js';
import { replaceStartSubscriptions } from './state/pg/subscriptions-repository.js';
import { KeysExhaustedError } from './runtime/key-source.js';
import { ProcessingContext } from './runtime/processing-context.js';
import { InstanceState } from './state/instance-state.js';
import {
  decisionsOfRequirements,
  findDecisionByKey,
  highestDecisionRequirementsVersion,
  highestDecisionVersion,
  insertDecision,
  insertDecisionRequirements,
  latestDecision,
  latestDecisionRequirements,
  latestDecisions,
  loadDecisionRequirementsXml,
  type StoredDecision,
} from './state/pg/decisions-repository.js';
import {
  findDefinition,
  findDefinitionByKey,
  highestDefinitionVersion,
  highestFormVersion,
  insertDefinition,
  insertDeployment,
  insertForm,
  latestForm,
  loadDefinitionXml,
  type StoredDefinition,
} from './state/pg/definitions-repository.js';
import { appendRecords, applyStatement, changesOf, lockStatement, type Changes, toState, type InstanceLocator, type LoadedState } from './state/pg/instance-repository.js';
import { isDeletedDefinitionError } from './state/pg/resource-deletion-repository.js';
import { query, withConnection, withTransaction, type Sql } from './state/pg/sql.js';
import { KeyBlocks } from './state/pg/key-blocks.js';
import type { Job, OutboxItem, RecordDraft } from './state/types.js';
import type { ActivatedJob } from './state/pg/job-activation.js';
import type { ParkedPoll } from './gateway/long-polls.js';

export interface CommandHooks {
  /** After commit: job types that became activatable (local long polls are woken at once). */
  jobsActivatable(types: readonly string[]): void;
  /** After commit: a job failed with a back-off; the scheduler should look again at this time. */
  backoffScheduled(dueAt: number): void;
  /** After commit: a timer was scheduled at this time; the scheduler should fire it then. */
  timerScheduled?(dueAt: number): void;
  /** After commit: commands for other instances were written to the outbox; deliver them. */
  outboxWritten?(items: readonly OutboxItem[]): void;
  /** A parked long poll of this node for `type` (removed from the parked ones), or null: job push. */
  takeParkedPoll?(type: string): ParkedPoll | null;
  /**
   * After commit: the command's final state, for follow-ups that need a look at it (message subscriptions it opened
   * poll the message buffer; an instance that ended frees its message start event's correlation key).
   */
  committed?(state: InstanceState): void;
}

/** Jobs pushed to one parked long poll within a batch. */
interface Push {
  type: string;
  poll: ParkedPoll;
  jobs: ActivatedJob[];
}

export type DeployedItem =
  | { kind: 'process'; bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string; tenantId: string }
  | { kind: 'form'; formId: string; version: number; formKey: string; resourceName: string; tenantId: string }
  | { kind: 'decisionRequirements'; dmnDecisionRequirementsId: string; dmnDecisionRequirementsName: string; version: number; decisionRequirementsKey: string; resourceName: string; tenantId: string }
  | { kind: 'decision'; dmnDecisionId: string; dmnDecisionName: string; version: number; decisionKey: string; dmnDecisionRequirementsId: string; decisionRequirementsKey: string; tenantId: string };

/** An EvaluateDecision outcome: the decision evaluated, and the evaluation (a failure is a value, not a rejection). */
export interface DecisionEvaluationResult {
  decision: StoredDecision;
  evaluation: DecisionEvaluation;
  /** The decisions of the same graph by id, for the keys and versions of the required decisions in the trace. */
  graphDecisions: ReadonlyMap<string, StoredDecision>;
}

export interface CreatedInstance {
  processInstanceKey: string;
  definition: StoredDefinition;
}

type Locator = InstanceLocator;

const TENANT = '<default>';

export class EngineCommands {
  readonly models = new ModelCache();
  readonly decisionGraphs = new DecisionCache();
  readonly keys: KeyBlocks;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly hooks: CommandHooks,
    private readonly maxResourceBytes: number,
  ) {
    this.keys = new KeyBlocks(db);
  }

  // ---- deployment ----

  async deploy(resources: ReadonlyArray<{ name: string; content: Uint8Array }>): Promise<Result<{ key: string; items: DeployedItem[] }>> {
    if (resources.length === 0) return reject('INVALID_ARGUMENT', 'Expected to deploy at least one resource, but none given');
    const parsed: ParsedResource[] = [];
    for (const r of resources) {
      try {
        parsed.push(await parseResource(r.name, r.content, this.maxResourceBytes));
      } catch (error) {
        if (error instanceof InvalidResourceError) return reject('INVALID_ARGUMENT', error.message);
        throw error;
      }
    }
    const ids = parsed.flatMap((p) => (p.kind === 'bpmn' ? p.models.map((m) => m.bpmnProcessId) : []));
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) return reject('INVALID_ARGUMENT', `Expected each process id to be deployed once per deployment, but '${duplicate}' is in more than one resource`);
    const graphIds = parsed.flatMap((p) => (p.kind === 'dmn' ? [p.graph.id] : []));
    const duplicateGraph = graphIds.find((id, i) => graphIds.indexOf(id) !== i);
    if (duplicateGraph) return reject('INVALID_ARGUMENT', `Expected each decision requirements id to be deployed once per deployment, but '${duplicateGraph}' is in more than one resource`);
    const decisionIds = parsed.flatMap((p) => (p.kind === 'dmn' ? p.graph.decisions.map((d) => d.id) : []));
    const duplicateDecision = decisionIds.find((id, i) => decisionIds.indexOf(id) !== i);
    if (duplicateDecision) return reject('INVALID_ARGUMENT', `Expected each decision id to be deployed once per deployment, but '${duplicateDecision}' is in more than one decision requirements graph`);
    const startEvents = parsed.reduce((n, p) => n + (p.kind === 'bpmn' ? p.models.reduce((m, model) => m + model.process.childIds.length, 0) : 0), 0);
    await this.keys.reserve(ids.length + graphIds.length + decisionIds.length + resources.length + startEvents + 1);
    const now = this.clock.now();
    const fresh: Array<{ key: string; model: ProcessModel }> = [];
    const freshGraphs: Array<{ key: string; graph: DeployedDecision['graph'] }> = [];
    let result: { key: string; items: DeployedItem[] };
    try {
      result = await withTransaction(this.db, async (trx) => {
        // Deployments are serialised so versions per process id stay gap-free across engine nodes.
        await trx("select pg_advisory_xact_lock(hashtext('engine.deploy'))");
        const deploymentKey = this.keys.next();
        await insertDeployment(trx, deploymentKey, now);
        const items: DeployedItem[] = [];
        const records: RecordDraft[] = [{ recordType: 'EVENT', valueType: 'DEPLOYMENT', intent: 'CREATED', key: deploymentKey, processInstanceKey: null, timestamp: now, payload: { resources: resources.map((r) => r.name) } }];
        for (const resource of parsed) {
          if (resource.kind === 'bpmn') {
            for (const model of resource.models) {
              const latest = await findDefinition(trx, model.bpmnProcessId, 'latest');
              if (latest && latest.checksum === resource.checksum) {
                items.push({ kind: 'process', bpmnProcessId: latest.bpmnProcessId, version: latest.version, processDefinitionKey: latest.key, resourceName: latest.resourceName, tenantId: TENANT });
                continue;
              }
              const definition = { key: this.keys.next(), bpmnProcessId: model.bpmnProcessId, version: (await highestDefinitionVersion(trx, model.bpmnProcessId)) + 1, resourceName: resource.name, checksum: resource.checksum, tenantId: TENANT };
              await insertDefinition(trx, { ...definition, deploymentKey, xml: resource.xml, createdAt: now });
              await replaceStartSubscriptions(trx, model.bpmnProcessId, startSubscriptionsOrReject(model, definition.key, now, () => this.keys.next(), resource.name));
              fresh.push({ key: definition.key, model });
              items.push({ kind: 'process', bpmnProcessId: definition.bpmnProcessId, version: definition.version, processDefinitionKey: definition.key, resourceName: resource.name, tenantId: TENANT });
              records.push({ recordType: 'EVENT', valueType: 'PROCESS', intent: 'CREATED', key: definition.key, processInstanceKey: null, timestamp: now, payload: { ...definition, deploymentKey } });
            }
          } else if (resource.kind === 'dmn') {
            const { graph } = resource;
            const latest = await latestDecisionRequirements(trx, graph.id);
            if (latest && latest.checksum === resource.checksum) {
              items.push({ kind: 'decisionRequirements', dmnDecisionRequirementsId: latest.decisionRequirementsId, dmnDecisionRequirementsName: latest.name, version: latest.version, decisionRequirementsKey: latest.key, resourceName: latest.resourceName, tenantId: TENANT });
              for (const d of await decisionsOfRequirements(trx, latest.key)) {
                items.push({ kind: 'decision', dmnDecisionId: d.decisionId, dmnDecisionName: d.name, version: d.version, decisionKey: d.key, dmnDecisionRequirementsId: d.decisionRequirementsId, decisionRequirementsKey: d.decisionRequirementsKey, tenantId: TENANT });
              }
              continue;
            }
            const requirements = { key: this.keys.next(), decisionRequirementsId: graph.id, name: graph.name, version: (await highestDecisionRequirementsVersion(trx, graph.id)) + 1, resourceName: resource.name, checksum: resource.checksum, tenantId: TENANT };
            await insertDecisionRequirements(trx, { ...requirements, deploymentKey, xml: resource.xml, createdAt: now });
            freshGraphs.push({ key: requirements.key, graph });
            items.push({ kind: 'decisionRequirements', dmnDecisionRequirementsId: graph.id, dmnDecisionRequirementsName: graph.name, version: requirements.version, decisionRequirementsKey: requirements.key, resourceName: resource.name, tenantId: TENANT });
            records.push({ recordType: 'EVENT', valueType: 'DECISION_REQUIREMENTS', intent: 'CREATED', key: requirements.key, processInstanceKey: null, timestamp: now, payload: { ...requirements, deploymentKey } });
            for (const d of graph.decisions) {
              const previous = await latestDecision(trx, d.id);
              if (previous && previous.decisionRequirementsId !== graph.id) {
                throw new CommandRejectedError({
                  kind: 'INVALID_ARGUMENT',
                  message: `Expected decision '${d.id}' of '${resource.name}' to belong to decision requirements '${graph.id}', but it is already deployed in decision requirements '${previous.decisionRequirementsId}'`,
                });
              }
              const decision = { key: this.keys.next(), decisionId: d.id, name: d.name, version: (await highestDecisionVersion(trx, d.id)) + 1, decisionRequirementsKey: requirements.key, tenantId: TENANT };
              await insertDecision(trx, { ...decision, createdAt: now });
              items.push({ kind: 'decision', dmnDecisionId: d.id, dmnDecisionName: d.name, version: decision.version, decisionKey: decision.key, dmnDecisionRequirementsId: graph.id, decisionRequirementsKey: requirements.key, tenantId: TENANT });
              records.push({ recordType: 'EVENT', valueType: 'DECISION', intent: 'CREATED', key: decision.key, processInstanceKey: null, timestamp: now, payload: { ...decision, decisionRequirementsId: graph.id } });
            }
          } else {
            const latest = await latestForm(trx, resource.formId);
            if (latest && latest.checksum === resource.checksum) {
              items.push({ kind: 'form', formId: latest.formId, version: latest.version, formKey: latest.key, resourceName: latest.resourceName, tenantId: TENANT });
              continue;
            }
            const form = { key: this.keys.next(), formId: resource.formId, version: (await highestFormVersion(trx, resource.formId)) + 1, resourceName: resource.name, checksum: resource.checksum, tenantId: TENANT };
            await insertForm(trx, { ...form, deploymentKey, content: resource.content, createdAt: now });
            items.push({ kind: 'form', formId: form.formId, version: form.version, formKey: form.key, resourceName: resource.name, tenantId: TENANT });
            records.push({ recordType: 'EVENT', valueType: 'FORM', intent: 'CREATED', key: form.key, processInstanceKey: null, timestamp: now, payload: { ...form, deploymentKey } });
          }
        }
        await appendRecords(trx, records);
        return { key: deploymentKey, items };
      });
    } catch (error) {
      if (error instanceof CommandRejectedError) return { ok: false, rejection: error.rejection };
      throw error;
    }
    for (const f of fresh) this.models.put(f.key, f.model);
    for (const g of freshGraphs) this.decisionGraphs.put(g.key, g.graph);
    this.log.info({ deploymentKey: result.key, items: result.items.length }, 'deployed');
    return ok(result);
  }

  // ---- decisions ----

  /** EvaluateDecision: the decision by key, or the latest version by id; evaluated outside any process instance. */
  async evaluateDecision(request: { decisionKey: string; decisionId: string; variables: Record<string, unknown> }): Promise<Result<DecisionEvaluationResult>> {
    const byKey = request.decisionKey !== '' && request.decisionKey !== '0';
    const byId = request.decisionId !== '';
    if (byKey === byId) {
      return reject('INVALID_ARGUMENT', `Expected either a decision key or a decision id, but ${byKey ? `both were given (key '${request.decisionKey}', id '${request.decisionId}')` : 'neither was given'}`);
    }
    const lookup: Sql = (text, values) => query(this.db, text, values);
    const decision = byKey ? await findDecisionByKey(lookup, request.decisionKey) : await latestDecision(lookup, request.decisionId);
    if (!decision) {
      return byKey
        ? reject('NOT_FOUND', `Expected to evaluate decision with key '${request.decisionKey}', but no such decision was found`)
        : reject('NOT_FOUND', `Expected to evaluate decision '${request.decisionId}', but no decision found for id '${request.decisionId}'`);
    }
    const graph = await this.decisionGraph(decision.decisionRequirementsKey, lookup);
    const evaluation = evaluateDecision(graph, decision.decisionId, request.variables);
    const graphDecisions = new Map((await decisionsOfRequirements(lookup, decision.decisionRequirementsKey)).map((d) => [d.decisionId, d]));
    await this.keys.reserve(1);
    const now = this.clock.now();
    await withTransaction(this.db, (trx) =>
      appendRecords(trx, [
        {
          recordType: 'EVENT',
          valueType: 'DECISION_EVALUATION',
          intent: evaluation.ok ? 'EVALUATED' : 'FAILED',
          key: this.keys.next(),
          processInstanceKey: null,
          timestamp: now,
          payload: { decisionKey: decision.key, decisionId: decision.decisionId, decisionVersion: decision.version, ...(evaluation.ok ? {} : { failedDecisionId: evaluation.failedDecisionId, failureMessage: evaluation.failureMessage }) },
        },
      ]),
    );
    return ok({ decision, evaluation, graphDecisions });
  }

  private decisionGraph(decisionRequirementsKey: string, sql: Sql): Promise<DeployedDecision['graph']> {
    return this.decisionGraphs.get(decisionRequirementsKey, () => loadDecisionRequirementsXml(sql, decisionRequirementsKey));
  }

  /** The latest version of each decision the model's business-rule tasks call (all decisions when an id is an expression). */
  private async decisionsFor(model: ProcessModel, sql: Sql): Promise<ReadonlyMap<string, DeployedDecision>> {
    const calls = [...model.elements.values()].flatMap((el) => (el.calledDecision ? [el.calledDecision.decisionId] : []));
    if (calls.length === 0) return NO_DECISIONS;
    const ids = calls.every((c) => c.isStatic) ? [...new Set(calls.map((c) => c.source))] : null;
    const found = new Map<string, DeployedDecision>();
    for (const d of await latestDecisions(sql, ids)) {
      found.set(d.decisionId, { ...d, graph: await this.decisionGraph(d.decisionRequirementsKey, sql) });
    }
    return found;
  }

  // ---- process instances ----

  async createInstance(request: {
    processDefinitionKey: string;
    bpmnProcessId: string;
    version: number;
    variables: Record<string, unknown>;
    startInstructions: string[];
    awaitResult: boolean;
  }): Promise<Result<CreatedInstance>> {
    const byKey = request.processDefinitionKey !== '' && request.processDefinitionKey !== '0';
    const lookup: Sql = (text, values) => query(this.db, text, values);
    const definition = byKey
      ? await findDefinitionByKey(lookup, request.processDefinitionKey)
      : await findDefinition(lookup, request.bpmnProcessId, request.version < 0 ? 'latest' : request.version);
    if (!definition) {
      if (byKey) return reject('NOT_FOUND', `Expected to find process definition with key '${request.processDefinitionKey}', but none found`);
      if (request.version < 0) return reject('NOT_FOUND', `Expected to find process definition with process ID '${request.bpmnProcessId}', but none found`);
      return reject('NOT_FOUND', `Expected to find process definition with process ID '${request.bpmnProcessId}' and version '${request.version}', but none found`);
    }
    const model = await this.model(definition.key);
    const created = await this.submit<string>({
      locator: null,
      action: 'create',
      newState: () => {
        const processInstanceKey = this.keys.next();
        const state = new InstanceState({ key: processInstanceKey, processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, version: definition.version, awaitResult: request.awaitResult, createdAt: this.clock.now() });
        state.changed.instance = 'insert';
        return { state, model };
      },
      decide: (rt) => {
        const outcome = createInstance(rt, { variables: request.variables, startInstructions: request.startInstructions });
        return outcome.ok ? ok(rt.ctx.state.instance.key) : outcome;
      },
    }).catch((error: unknown) => {
      // DeleteResource deleted the definition between the lookup above and the insert (see resource-deletion.ts)
      if (isDeletedDefinitionError(error)) return reject<string>('NOT_FOUND', `Expected to find process definition with key '${definition.key}', but it was deleted`);
      throw error;
    });
    return created.ok ? ok({ processInstanceKey: created.value, definition }) : created;
  }

  /** Runs a command (see Command) in the next batch. */
  execute<T>(command: Command<T>): Promise<Result<T>> {
    return this.submit(command);
  }

  /** Runs `decide` on the instance found by `locator`, in one transaction; a rejection changes nothing. */
  onInstance<T>(locator: Locator, action: string, decide: (rt: BpmnRuntime) => Result<T>): Promise<Result<T>> {
    return this.submit({ locator, action, decide });
  }

  // ---- batching ----
  //
  // Commands are processed in batches, like Zeebe's stream processor: whatever arrived while the previous batch
  // was being written goes into the next one, in ONE transaction and two round trips —
  //   [begin; lock_and_load(a); lock_and_load(b); …]  → decide each in memory →  [apply_batch(a + b + …); commit]
  // so a commit (and its fsync) is shared by every command of the batch, and PostgreSQL runs each write statement
  // once per batch. Jobs a command creates are pushed to this node's parked long polls in the same transaction. Up to MAX_BATCHES_IN_FLIGHT batches run
  // at once; the row lock serialises commands on one instance across them. Two commands on the same instance never
  // share a batch (the second waits for the next one). If a batch fails as a whole (a deadlock, a bug in one
  // command), it is rolled back and its commands run again one per transaction.

  private readonly queue: Pending[] = [];
  private batchesInFlight = 0;
  private scheduled = false;
  /** Process instance of each job this node handed out, so batches can take their locks in key order. */
  private readonly jobInstances = new Map<string, string>();

  /** Called with every activated job: its instance key orders the locks of later commands on it. */
  rememberJob(jobKey: string, processInstanceKey: string): void {
    if (this.jobInstances.size >= 100_000) this.jobInstances.delete(this.jobInstances.keys().next().value!);
    this.jobInstances.set(jobKey, processInstanceKey);
  }

  /** Commands queued or in a batch, including the engine's own (timers, deliveries, deletions): back-pressure reads it. */
  get commandsInFlight(): number {
    return this.submitted;
  }

  private submitted = 0;

  private submit<T>(command: Command<T>): Promise<Result<T>> {
    this.submitted++;
    return new Promise<Result<T>>((resolve, reject) => {
      this.queue.push({ command: command as Command<unknown>, resolve: resolve as (r: Result<unknown>) => void, reject });
      this.schedule();
    }).finally(() => {
      this.submitted--;
    });
  }

  private schedule(): void {
    if (this.scheduled || this.batchesInFlight >= MAX_BATCHES_IN_FLIGHT || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.batchesInFlight < MAX_BATCHES_IN_FLIGHT && this.queue.length > 0) void this.startBatch(this.queue.splice(0, MAX_BATCH));
    });
  }

  private async startBatch(items: Pending[]): Promise<void> {
    this.batchesInFlight++;
    try {
      await this.runBatch(this.inLockOrder(items));
    } catch (error) {
      this.log.warn({ err: error, commands: items.length }, 'command batch failed; running its commands one by one');
      for (const item of items) {
        try {
          await this.runBatch([item]);
        } catch (single) {
          if (!(single instanceof KeysExhaustedError)) {
            item.reject(single);
            continue;
          }
          // a very large command (a wide fan-out): run it alone with a larger key reserve
          await this.runBatch([item], KEYS_PER_COMMAND * 64).catch((again: unknown) => item.reject(again));
        }
      }
    } finally {
      this.batchesInFlight--;
      this.schedule();
    }
  }

  /**
   * Batches lock instance rows in ascending instance key (where the node knows it), so concurrent batches — on
   * this node or another — do not deadlock each other; if they still do, PostgreSQL aborts one and its commands
   * run again one by one.
   */
  private inLockOrder(items: Pending[]): Pending[] {
    const keyOf = (item: Pending): bigint => {
      const locator = item.command.locator;
      if (!locator) return -1n;
      const known = 'processInstanceKey' in locator ? locator.processInstanceKey : 'jobKey' in locator ? this.jobInstances.get(locator.jobKey) : undefined;
      return known && /^\d{1,19}$/.test(known) ? BigInt(known) : 0n;
    };
    return items
      .map((item, index) => ({ item, index, key: keyOf(item) }))
      .sort((a, b) => (a.key === b.key ? a.index - b.index : a.key < b.key ? -1 : 1))
      .map((entry) => entry.item);
  }

  private async runBatch(items: Pending[], keysPerCommand = KEYS_PER_COMMAND): Promise<void> {
    await this.keys.reserve(keysPerCommand * items.length);
    const settled: Array<{ item: Pending; result: Result<unknown>; state?: InstanceState }> = [];
    const deferred: Pending[] = [];
    const pushes: Push[] = [];
    let committed = false;
    try {
      await withConnection(this.db, async (sql, batch) => {
        const locking = items.map((item) => (item.command.locator ? lockStatement(item.command.locator) : null));
        let open = true;
        try {
          const results = await batch(['begin', ...locking.filter((l): l is string => l !== null)].join('; '));
          let next = 1;
          const statements: Changes[] = [];
          const seen = new Set<string>();
          for (let i = 0; i < items.length; i++) {
            const item = items[i]!;
            const { command } = item;
            let state: InstanceState;
            let model: ProcessModel;
            if (locking[i] === null) {
              ({ state, model } = command.newState!());
            } else {
              const loaded = results[next++]?.rows[0]?.state as LoadedState | null | undefined;
              if (!loaded) {
                settled.push({ item, result: reject('NOT_FOUND', notFoundMessage(command.locator!, command.action)) });
                continue;
              }
              state = toState(loaded);
              if (seen.has(state.instance.key)) {
                deferred.push(item);
                continue;
              }
              model = await this.model(state.instance.processDefinitionKey, sql);
            }
            seen.add(state.instance.key);
            if (command.prepare && !(await command.prepare(sql, state))) {
              settled.push({ item, result: ok(null) });
              continue;
            }
            const decisions = await this.decisionsFor(model, sql);
            const calledProcesses = await latestCalledProcesses(sql, model, (key) => this.model(key, sql));
            const rt = new BpmnRuntime(new ProcessingContext(state, model, this.clock, this.keys, decisions, calledProcesses));
            const outcome = command.decide(rt);
            if (!outcome.ok) {
              settled.push({ item, result: outcome });
              continue;
            }
            if (state.activatableJobTypes.size > 0 && this.hooks.takeParkedPoll) this.pushJobs(state, pushes);
            const changes = changesOf(state, this.clock.now());
            if (changes) statements.push(changes);
            settled.push({ item, result: outcome, state });
          }
          await batch([...(statements.length > 0 ? [applyStatement(statements)] : []), 'commit'].join('; '));
          open = false;
          committed = true;
        } finally {
          if (open) await batch('rollback').catch(() => undefined);
        }
      });
    } finally {
      // polls taken by this batch get their jobs once they are committed, or none (and park again) if it failed
      for (const push of pushes) push.poll.settle(committed ? push.jobs : []);
    }
    for (const { item, result, state } of settled) {
      if (state) this.afterCommit(state);
      if (item.command.locator && 'jobKey' in item.command.locator && result.ok) this.jobInstances.delete(item.command.locator.jobKey);
      item.resolve(result);
    }
    if (deferred.length > 0) {
      this.queue.unshift(...deferred);
      this.schedule();
    }
  }

  /**
   * Job push: activates, in this command's own changes, the jobs it made activatable for which a long poll of this
   * node is parked (up to each poll's maxJobs), with the same row changes and ACTIVATED record as ActivateJobs.
   * Only jobs changed by this command qualify: their row is either new or locked by it, so no concurrent
   * activation can claim them. A type whose jobs were all pushed is neither woken nor notified.
   */
  private pushJobs(state: InstanceState, pushes: Push[]): void {
    const now = this.clock.now();
    const leftTypes = new Set<string>();
    for (const [key, op] of state.changed.jobs) {
      if (op !== 'upsert') continue;
      const job = state.jobs.get(key)!;
      if (job.state !== 'ACTIVATABLE' || job.backoffUntil !== null || !state.activatableJobTypes.has(job.type)) continue;
      const push = this.pushTarget(job.type, pushes);
      if (!push) {
        leftTypes.add(job.type);
        continue;
      }
      const activated: Job = { ...job, state: 'ACTIVATED', worker: push.poll.worker, deadline: now + push.poll.timeoutMs };
      state.putJob(activated);
      state.records.push({
        recordType: 'EVENT',
        valueType: 'JOB',
        intent: 'ACTIVATED',
        key: job.key,
        processInstanceKey: job.processInstanceKey,
        timestamp: now,
        payload: { type: job.type, worker: activated.worker, deadline: activated.deadline, retries: job.retries, elementInstanceKey: job.elementInstanceKey },
      });
      push.jobs.push({ job: activated, variables: jobVariables(state, job, push.poll.fetchVariables) });
    }
    for (const type of [...state.activatableJobTypes]) if (!leftTypes.has(type) && !this.hasActivatable(state, type)) state.activatableJobTypes.delete(type);
  }

  private pushTarget(type: string, pushes: Push[]): Push | null {
    for (const push of pushes) if (push.type === type && push.jobs.length < push.poll.maxJobs) return push;
    const poll = this.hooks.takeParkedPoll!(type);
    if (!poll) return null;
    const push = { type, poll, jobs: [] };
    pushes.push(push);
    return push;
  }

  private hasActivatable(state: InstanceState, type: string): boolean {
    for (const job of state.jobs.values()) if (job.type === type && job.state === 'ACTIVATABLE') return true;
    return false;
  }

  async model(processDefinitionKey: string, sql?: Sql): Promise<ProcessModel> {
    return this.models.get(processDefinitionKey, () => loadDefinitionXml(sql ?? ((text, values) => query(this.db, text, values)), processDefinitionKey));
  }

  private afterCommit(state: InstanceState): void {
    for (const dueAt of state.timersDue) this.hooks.timerScheduled?.(dueAt);
    if (state.outbox.length > 0) this.hooks.outboxWritten?.(state.outbox);
    if (state.activatableJobTypes.size > 0) this.hooks.jobsActivatable([...state.activatableJobTypes]);
    for (const job of state.jobs.values()) if (job.backoffUntil !== null && state.changed.jobs.get(job.key) === 'upsert') this.hooks.backoffScheduled(job.backoffUntil);
    this.hooks.committed?.(state);
  }
}

/** The variables an activated job carries: its scopes' variables, inner scopes first, optionally only some names. */
function jobVariables(state: InstanceState, job: Job, fetch: readonly string[]): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (let i = job.scopeKeys.length - 1; i >= 0; i--) {
    const scope = state.variables.get(job.scopeKeys[i]!);
    if (!scope) continue;
    for (const [name, value] of scope) if (fetch.length === 0 || fetch.includes(name)) variables[name] = value;
  }
  return variables;
}

function notFoundMessage(locator: Locator, action: string): string {
  if ('processInstanceKey' in locator) return `Expected to ${action} a process instance with key '${locator.processInstanceKey}', but no such process was found`;
  if ('jobKey' in locator) return `Expected to ${action} job with key '${locator.jobKey}', but no such job was found (it may be completed, cancelled, or its element terminated)`;
  if ('incidentKey' in locator) return `Expected to ${action} incident with key '${locator.incidentKey}', but no such incident was found`;
  return `Expected to ${action} element with key '${locator.elementInstanceKey}', but no such element was found`;
}

export interface Command<T> {
  /** null: a new instance (nothing to lock). */
  locator: Locator | null;
  action: string;
  newState?: () => { state: InstanceState; model: ProcessModel };
  /**
   * Runs in the command's transaction after the instance is locked and loaded, before `decide`: claims rows outside
   * the instance (an outbox item, a start-event timer) so that only one node's command acts on them. Its writes
   * commit with the batch. False: nothing to do (another node got there first); the command resolves with null.
   */
  prepare?: (sql: Sql, state: InstanceState) => Promise<boolean>;
  decide(rt: BpmnRuntime): Result<T>;
}

interface Pending {
  command: Command<unknown>;
  resolve(result: Result<unknown>): void;
  reject(error: unknown): void;
}

/** A timer start event that cannot be scheduled rejects the deployment, naming the element. */
function startSubscriptionsOrReject(model: ProcessModel, definitionKey: string, now: number, nextKey: () => string, resourceName: string) {
  try {
    return startSubscriptions(model, definitionKey, now, nextKey);
  } catch (error) {
    if (error instanceof InvalidResourceError) throw new CommandRejectedError({ kind: 'INVALID_ARGUMENT', message: `Expected to deploy a valid resource '${resourceName}', but ${error.message}` });
    throw error;
  }
}

const NO_DECISIONS: ReadonlyMap<string, DeployedDecision> = new Map();

/** Commands per batch (one transaction). */
const MAX_BATCH = 64;
/** Batches (transactions) in flight per node: one is being written while the next is being decided. */
const MAX_BATCHES_IN_FLIGHT = 2;
/** Keys reserved per command before a batch; a command needing more fails its batch and runs alone. */
const KEYS_PER_COMMAND = 256;

export type { Rejection };
