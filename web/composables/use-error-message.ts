import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { ApiError } from '../api/problem';

/** A 401 outside login: the console is already on its way to the login page, which says so. */
export function isSessionEnded(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** Turns a failed request into one line for the user: the problem's detail, else its title. */
export function useErrorMessage() {
  const { t } = useI18n();

  function describe(error: unknown): string {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('common.networkError');
      return error.problem.detail || error.problem.title || t('common.requestFailed', { status: error.status });
    }
    return error instanceof Error ? error.message : String(error);
  }

  function showError(error: unknown): void {
    if (isSessionEnded(error)) return;
    ElMessage.error({ message: describe(error), grouping: true });
  }

  return { describe, showError, isSessionEnded };
}
