/** The sync loop's network side: the typed API clients, their ApiError mapped to the engine's SyncRequestError. */
import { evidenceApi } from '../../api/evidence';
import { ApiError } from '../../api/problem';
import { tasksApi } from '../../api/tasks';
import { SyncRequestError, type SyncTransport } from './sync-engine.js';

function mapped(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = (error.problem.errors ?? []).map((e) => `${e.path}: ${e.message}`);
  return new SyncRequestError(error.status, error.problem.detail ?? error.problem.title ?? error.message, details);
}

export const httpSyncTransport: SyncTransport = {
  async uploadEvidence(submission, attachment) {
    try {
      const evidence = await evidenceApi.upload(submission.caseId, {
        file: attachment.blob,
        fileName: attachment.fileName,
        kind: attachment.kind,
        title: attachment.title,
        capturedAt: attachment.capturedAt,
        location: attachment.location ?? undefined,
        clientId: attachment.clientId,
        taskId: submission.taskId,
      });
      // the form's evidence fields are integers; ids of bigint columns may come as strings
      const id = typeof evidence.id === 'string' && /^\d+$/.test(evidence.id) ? Number(evidence.id) : evidence.id;
      return { id };
    } catch (error) {
      throw mapped(error);
    }
  },
  async completeTask(taskId, { variables, submissionId }) {
    try {
      await tasksApi.complete(taskId, variables, submissionId);
    } catch (error) {
      throw mapped(error);
    }
  },
};
