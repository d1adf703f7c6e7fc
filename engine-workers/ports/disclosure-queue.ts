import type { DeadlineExplanation } from '../../legal/calendar.js';

/** What is to be disclosed (信息公示): 'penalty-decision' within 7 WD, 'other-decision' within 20 WD, 'withdrawal' within 3 WD. */
export type DisclosureKind = 'penalty-decision' | 'other-decision' | 'withdrawal';

export interface NewDisclosure {
  processInstanceKey: string;
  caseRef: string | null;
  kind: DisclosureKind;
  /** The summary to publish: 文号, party, violation, penalty, authority, date (市场监督管理行政处罚信息公示规定). */
  subject: Record<string, unknown>;
  decidedAt: string;
  dueBy: string;
  dueDate: string;
  explanation: DeadlineExplanation;
  jobKey: string;
}

export interface StoredDisclosure extends NewDisclosure {
  id: string;
  status: 'pending' | 'published' | 'withdrawn';
}

export interface DisclosureQueue {
  enqueue(item: NewDisclosure): Promise<StoredDisclosure>;
}
