import type { DeadlineExplanation, Extension, PausedInterval, PeriodUnit } from '../../legal/calendar.js';

export type DeadlineStatus = 'running' | 'met' | 'overdue' | 'cancelled';

/** A statutory deadline of a case (app.deadlines), as the legal calendar computed it. */
export interface DeadlineRecord {
  processInstanceKey: string;
  caseRef: string | null;
  /** The name the BPMN uses for it: deadlines.<kind> (hearingRequest, decision, seizure…). */
  kind: string;
  legalBasis: string;
  start: string;
  length: number;
  unit: PeriodUnit;
  paused: readonly PausedInterval[];
  extensions: readonly Extension[];
  due: string;
  dueDate: string;
  explanation: DeadlineExplanation;
  jobKey: string;
}

export interface StoredDeadline extends DeadlineRecord {
  id: string;
  status: DeadlineStatus;
}

export interface Deadlines {
  /** Inserts, or recomputes (pauses or extensions changed) the deadline of that instance and kind. */
  upsert(deadline: DeadlineRecord): Promise<StoredDeadline>;
  find(id: string): Promise<StoredDeadline | undefined>;
  findByKind(processInstanceKey: string, kind: string): Promise<StoredDeadline | undefined>;
  /** The deadline of the instance that falls due at `due` (a timer boundary event knows only the instant). */
  findByDue(processInstanceKey: string, due: string): Promise<StoredDeadline | undefined>;
  markOverdue(id: string): Promise<void>;
}
