import type { ComputedRef, InjectionKey, Ref } from 'vue';
import type { FormData, FormSchema } from '../../domain/form-schema.js';

/** Props of TaskForm (web/README.md, "Task forms"). */
export interface TaskFormProps {
  /** The form-js schema (GET /api/forms/:formId or a task's `form`). */
  schema: FormSchema;
  /** The form data (v-model); TaskForm emits only the values of visible fields. */
  modelValue?: FormData;
  readonly?: boolean;
  /** Process variables: FEEL conditions and templates see them, fields without data are prefilled from them, `valuesKey` options come from them. */
  variables?: FormData;
  /** The case (cases.id) uploads go to: filepicker and signature components need it. */
  caseId?: number | string;
  /** The task the uploads belong to (evidence.taskId), optional. */
  taskId?: number | string;
}

/** What the nested field components share with TaskForm. */
export interface TaskFormContext {
  data: Ref<FormData>;
  variables: ComputedRef<FormData>;
  locale: ComputedRef<string>;
  readonly: ComputedRef<boolean>;
  caseId: ComputedRef<number | string | undefined>;
  taskId: ComputedRef<number | string | undefined>;
  setValue(path: readonly string[], value: unknown): void;
  /** The API's error for the form item at this data path (set by `setServerErrors`), or '' . */
  serverError(path: readonly string[]): string;
  /** A field or dynamic list announces the form item it renders at a data path; returns the unregister function. */
  register(path: readonly string[]): () => void;
}

/** An error of a problem+json answer (`/body/variables/<key>[/<i>/<sub>]`), as web/api/problem.ts types it. */
export interface ServerFieldError {
  path: string;
  message: string;
}

/**
 * The data path (segments joined with `.`) of an API error on the form's variables: `/body/variables/penalty/fine` →
 * `penalty.fine`, `/body/variables/checklist/0/item` → `checklist.0.item`; null for errors elsewhere.
 */
export function variablePath(pointer: string): string | null {
  const segments = pointer.split('/').filter((s) => s !== '').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments[0] !== 'body' || segments[1] !== 'variables' || segments.length < 3) return null;
  return segments.slice(2).join('.');
}

/**
 * Which rendered form item an error's data path belongs to: the item at that path, else the nearest enclosing one (a
 * taglist for `officers.0`, a dynamic list for `rows.1` …); null when none of them is on the form.
 */
export function formItemOf(key: string, rendered: ReadonlySet<string>): string | null {
  const segments = key.split('.');
  for (let n = segments.length; n > 0; n -= 1) {
    const candidate = segments.slice(0, n).join('.');
    if (rendered.has(candidate)) return candidate;
  }
  return null;
}

export const taskFormKey: InjectionKey<TaskFormContext> = Symbol('taskForm');
