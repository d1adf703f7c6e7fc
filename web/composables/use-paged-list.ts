import { reactive, ref, shallowRef, toRaw } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import type { Page, PageQuery } from '../api/types';
import { isSessionEnded, useErrorMessage } from './use-error-message';

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [10, 20, 50, 100];

/**
 * A list endpoint bound to a search form and el-pagination: `filters` for the form,
 * `page`/`pageSize`/`total` for the pagination, `items`/`loading` for the table.
 */
export function usePagedList<T, F extends object>(
  fetchPage: (query: F & PageQuery) => Promise<Page<T>>,
  initialFilters: () => F,
) {
  const { t } = useI18n();
  const { describe } = useErrorMessage();
  const filters = reactive(initialFilters());
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(DEFAULT_PAGE_SIZE);
  const loading = ref(false);
  let latest = 0;

  async function load(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    try {
      const query = Object.assign({}, toRaw(filters), { page: page.value, pageSize: pageSize.value }) as F & PageQuery;
      const result = await fetchPage(query);
      if (ticket !== latest) return;
      items.value = result.items;
      total.value = result.total;
      // the last page may have emptied (after a delete): step back once
      if (result.items.length === 0 && result.total > 0 && page.value > 1) {
        page.value = Math.max(1, Math.ceil(result.total / pageSize.value));
        await load();
      }
    } catch (error) {
      if (ticket !== latest) return;
      items.value = [];
      total.value = 0;
      if (!isSessionEnded(error)) {
        ElMessage.error({ message: t('common.loadFailed', { detail: describe(error) }), grouping: true });
      }
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  function search(): Promise<void> {
    page.value = 1;
    return load();
  }

  function reset(): Promise<void> {
    Object.assign(filters, initialFilters());
    return search();
  }

  return { filters, items, total, page, pageSize, loading, load, search, reset };
}
