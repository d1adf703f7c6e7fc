import type { ComputedRef, InjectionKey, Ref } from 'vue';
import type { FormData, FormSchema } from '../../domain/form-schema';

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
}

export const taskFormKey: InjectionKey<TaskFormContext> = Symbol('taskForm');
