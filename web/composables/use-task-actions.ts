import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { ApiError, type Problem } from '../api/problem';
import type { TaskDetail } from '../api/tasks';
import { useErrorMessage } from './use-error-message';

/** A problem's errors on the task's form variables (`/body/variables/<key>…`), keyed by the variable, and the rest. */
export function variableErrors(problem: Problem): { byKey: Record<string, string>; other: string[] } {
  const byKey: Record<string, string> = {};
  const other: string[] = [];
  for (const error of problem.errors ?? []) {
    const segments = error.path.split('/').filter((s) => s !== '');
    if (segments[0] === 'body' && segments[1] === 'variables' && segments[2] !== undefined) {
      const key = segments.slice(2).join('.');
      byKey[key] = byKey[key] ? `${byKey[key]}; ${error.message}` : error.message;
    } else {
      other.push(error.message);
    }
  }
  return { byKey, other };
}

/**
 * Runs one task action (claim, complete, approve, …): `busy` names the action in flight, the answer replaces the
 * task, API field errors of the form land in `fieldErrors`, anything else becomes a message.
 */
export function useTaskActions(onDone: (task: TaskDetail) => void) {
  const { t } = useI18n();
  const { describe, isSessionEnded } = useErrorMessage();
  const busy = ref<string | null>(null);
  const fieldErrors = ref<Record<string, string>>({});

  async function run(action: string, request: () => Promise<TaskDetail>, successKey: string): Promise<boolean> {
    busy.value = action;
    fieldErrors.value = {};
    try {
      const task = await request();
      ElMessage.success(t(successKey));
      onDone(task);
      return true;
    } catch (error) {
      if (isSessionEnded(error)) return false;
      if (error instanceof ApiError && error.problem.errors?.length) {
        const { byKey, other } = variableErrors(error.problem);
        fieldErrors.value = byKey;
        ElMessage.error(other.length > 0 ? other.join('; ') : t('tasks.formInvalid'));
      } else {
        ElMessage.error(describe(error));
      }
      return false;
    } finally {
      busy.value = null;
    }
  }

  return { busy, fieldErrors, run };
}
