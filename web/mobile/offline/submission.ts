/**
 * A task completion captured on the phone and kept on the device until the server has it: the form's variables, the
 * photos and the signature as blobs, and the ids that make every step idempotent (`submissionId` for the completion,
 * one `clientId` per blob for the evidence upload). Pure and DOM-free, so the sync logic is unit tested in Node.
 */

export type AttachmentKind = 'photo' | 'signature';

export interface PendingAttachment {
  /** uuid chosen on the phone: the server stores the blob once however often it is uploaded. */
  clientId: string;
  kind: AttachmentKind;
  /** Variable the evidence id goes to: an array (`photos`) or a single value (`partySignature`). */
  field: string;
  multiple: boolean;
  title: string;
  fileName: string;
  mediaType: string;
  blob: Blob;
  capturedAt: string;
  location: GeoPoint | null;
  /** Set once the upload succeeded; a retry skips the blob. */
  evidenceId: string | number | null;
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
  accuracy?: number;
}

/**
 * The officer signed in when the submission was saved. Only their session sends it (the queue belongs to the phone,
 * and another officer signing in on it must not complete the task in their name) and only they may discard it.
 */
export interface SubmissionOwner {
  /** The user's id as a string (ids of bigint columns may come as numbers or strings). */
  userId: string;
  /** For 待同步: 等待 <displayName> 登录后同步. */
  displayName: string;
}

/**
 * queued: waiting for its turn; syncing: being sent now; retrying: the last attempt failed for a reason that passes
 * (offline, server error) and waits until `nextAttemptAt`; attention: the server refused it (validation, permission,
 * task gone): kept for the officer, not retried until they ask.
 */
export type SubmissionState = 'queued' | 'syncing' | 'retrying' | 'attention';

export interface SubmissionError {
  status: number;
  message: string;
  /** problem+json error paths and messages, for the officer. */
  details: string[];
}

export interface PendingSubmission {
  submissionId: string;
  taskId: string;
  caseId: string;
  /** For the 待同步 list. */
  taskName: string;
  caseRef: string;
  partyName: string;
  createdAt: string;
  /**
   * Who saved it. Absent on records saved by a version before owners were recorded: those are put in 'attention' and
   * sent only when a signed-in officer taps 重试, which makes them theirs.
   */
  owner?: SubmissionOwner;
  /** The form's variables without the evidence fields, which are filled from the attachments. */
  variables: Record<string, unknown>;
  attachments: PendingAttachment[];
  state: SubmissionState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: SubmissionError | null;
}

export interface NewSubmission {
  taskId: string;
  caseId: string;
  taskName: string;
  caseRef: string;
  partyName: string;
  variables: Record<string, unknown>;
  attachments: Omit<PendingAttachment, 'clientId' | 'evidenceId'>[];
}

/** A queued submission of `owner` with fresh ids (`newId` is crypto.randomUUID in the browser, a counter in tests). */
export function createSubmission(input: NewSubmission, owner: SubmissionOwner, now: Date, newId: () => string): PendingSubmission {
  return {
    submissionId: newId(),
    owner: { userId: owner.userId, displayName: owner.displayName },
    taskId: input.taskId,
    caseId: input.caseId,
    taskName: input.taskName,
    caseRef: input.caseRef,
    partyName: input.partyName,
    createdAt: now.toISOString(),
    variables: input.variables,
    attachments: input.attachments.map((a) => ({ ...a, clientId: newId(), evidenceId: null })),
    state: 'queued',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
  };
}

/**
 * The variables sent with the completion: the form's own plus, per evidence field, the uploaded evidence ids (in the
 * order taken for array fields). Throws when a blob has not been uploaded yet: completing without it would lose it.
 */
export function resolveVariables(submission: Pick<PendingSubmission, 'variables' | 'attachments'>): Record<string, unknown> {
  const variables: Record<string, unknown> = { ...submission.variables };
  for (const attachment of submission.attachments) {
    if (attachment.evidenceId === null) {
      throw new Error(`Expected attachment '${attachment.clientId}' to be uploaded before the completion, but it is not`);
    }
    if (attachment.multiple) {
      const current = variables[attachment.field];
      variables[attachment.field] = [...(Array.isArray(current) ? current : []), attachment.evidenceId];
    } else {
      variables[attachment.field] = attachment.evidenceId;
    }
  }
  return variables;
}

/**
 * Whose the submission is, seen by the signed-in user (`userId` null: no one is signed in): 'own' (their session sends
 * it), 'other' (another officer's: it waits for them), 'unknown' (no owner recorded: an older version saved it).
 */
export type Ownership = 'own' | 'other' | 'unknown';

export function ownership(submission: Pick<PendingSubmission, 'owner'>, userId: string | null): Ownership {
  if (!submission.owner) return 'unknown';
  return userId !== null && submission.owner.userId === userId ? 'own' : 'other';
}

export interface SubmissionCounts {
  total: number;
  attachments: number;
  pendingAttachments: number;
  attention: number;
  /** Records of other officers, kept until they sign in on this phone. */
  waiting: number;
}

export function countSubmissions(items: readonly PendingSubmission[], userId: string | null = null): SubmissionCounts {
  return {
    total: items.length,
    attachments: items.reduce((n, s) => n + s.attachments.length, 0),
    pendingAttachments: items.reduce((n, s) => n + s.attachments.filter((a) => a.evidenceId === null).length, 0),
    attention: items.filter((s) => s.state === 'attention' && ownership(s, userId) !== 'other').length,
    waiting: items.filter((s) => ownership(s, userId) === 'other').length,
  };
}
