/**
 * 同意 / 不同意 from the phone, with the submissionId the routes accept (docs/case-handling.md, "Tasks": approve and
 * reject take `submissionId` like complete), so a request sent again after a lost answer decides the task once.
 */
import { http, seg } from '../../api/http';
import type { TaskDetail } from '../../api/tasks';
import type { Id } from '../../api/types';

export interface ApproveBody {
  opinion?: string;
  variables: Record<string, unknown>;
  submissionId: string;
}

export interface RejectBody {
  reason: string;
  variables: Record<string, unknown>;
  submissionId: string;
}

export function decideTask(id: Id, decision: 'approve', body: ApproveBody): Promise<TaskDetail>;
export function decideTask(id: Id, decision: 'reject', body: RejectBody): Promise<TaskDetail>;
export function decideTask(id: Id, decision: 'approve' | 'reject', body: ApproveBody | RejectBody): Promise<TaskDetail> {
  return http.post<TaskDetail>(`/tasks/${seg(id)}/${decision}`, body);
}
