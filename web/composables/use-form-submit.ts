import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage, type FormInstance } from 'element-plus';
import { ApiError, splitErrors } from '../api/problem';
import { isSessionEnded, useErrorMessage } from './use-error-message';

/**
 * Validates an el-form, runs the save, and puts the API's validation errors
 * (`errors[].path` = `/body/<field>`) on the matching form items; the rest become a message.
 */
export function useFormSubmit(fields: readonly string[]) {
  const { t } = useI18n();
  const { describe } = useErrorMessage();
  const formRef = ref<FormInstance>();
  const saving = ref(false);
  const serverErrors = reactive<Record<string, string>>({});

  function clearServerErrors(): void {
    for (const key of Object.keys(serverErrors)) delete serverErrors[key];
  }

  async function validate(): Promise<boolean> {
    const form = formRef.value;
    if (!form) return false;
    return form.validate().then(
      () => true,
      () => false,
    );
  }

  /** Returns whether the save went through. */
  async function submit(save: () => Promise<unknown>): Promise<boolean> {
    clearServerErrors();
    if (!(await validate())) return false;
    saving.value = true;
    try {
      await save();
      ElMessage.success(t('common.saved'));
      return true;
    } catch (error) {
      showSaveError(error);
      return false;
    } finally {
      saving.value = false;
    }
  }

  function showSaveError(error: unknown): void {
    if (isSessionEnded(error)) return;
    if (error instanceof ApiError) {
      const { byField, other } = splitErrors(error.problem, fields);
      Object.assign(serverErrors, byField);
      const fieldCount = Object.keys(byField).length;
      if (other.length > 0) ElMessage.error(other.join('; '));
      else if (fieldCount === 0) ElMessage.error(describe(error));
      return;
    }
    ElMessage.error(describe(error));
  }

  /** For `<FormDialog :bind-form>`: keeps the dialog's el-form. */
  function bindForm(form: FormInstance | null): void {
    formRef.value = form ?? undefined;
  }

  function resetForm(): void {
    clearServerErrors();
    formRef.value?.clearValidate();
  }

  return { formRef, bindForm, saving, serverErrors, submit, resetForm };
}
