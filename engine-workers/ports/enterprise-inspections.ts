/** 涉企行政检查 counted against the annual frequency cap (app.enterprise_inspections). */
export type InspectionType = 'routine' | 'case' | 'campaign';

/** Whose inspections are counted together: one enterprise, inspected by one body, in one calendar year (China time). */
export interface InspectionCounter {
  partyKey: string;
  bodyId: number;
  year: number;
}

export interface NewEnterpriseInspection extends InspectionCounter {
  processInstanceKey: string;
  partyName: string;
  field: string;
  inspectionType: InspectionType;
  plannedAt: string;
  jobKey: string;
}

export interface EnterpriseInspections {
  /**
   * Locks the counter until the job's transaction ends (two checks of one enterprise at once queue) and counts the
   * inspections on record for it, leaving out the one of `processInstanceKey` (a re-planned inspection).
   */
  lockAndCount(counter: InspectionCounter, processInstanceKey: string): Promise<number>;
  /** Records the inspection; a process instance has one, so checking it again replaces it. */
  record(inspection: NewEnterpriseInspection): Promise<{ id: string }>;
}
