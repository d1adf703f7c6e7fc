import { useI18n } from 'vue-i18n';
import { ElMessage, ElMessageBox } from 'element-plus';
import { useErrorMessage } from './use-error-message';

/** Asks before deleting, deletes, reports the outcome (a 409's detail, for example). */
export function useConfirmDelete() {
  const { t } = useI18n();
  const { showError } = useErrorMessage();

  /** Returns whether the record was deleted. */
  async function confirmDelete(name: string, remove: () => Promise<unknown>): Promise<boolean> {
    try {
      await ElMessageBox.confirm(t('common.deleteConfirm', { name }), t('common.deleteTitle'), {
        type: 'warning',
        confirmButtonText: t('common.delete'),
        cancelButtonText: t('common.cancel'),
      });
    } catch {
      return false;
    }
    try {
      await remove();
      ElMessage.success(t('common.deleted'));
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  }

  return { confirmDelete };
}
