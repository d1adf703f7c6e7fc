import { computed, ref, shallowRef } from 'vue';
import { calendarApi } from '../api/calendar';
import type { CalendarDay, DayKind } from '../api/types';
import { useErrorMessage } from './use-error-message';

/** One year of the legal calendar (`GET /api/calendar?year=`), filtered by kind on the client. */
export function useCalendarYear(initialYear: number) {
  const { showError } = useErrorMessage();
  const year = ref(initialYear);
  const kind = ref<DayKind | ''>('');
  const days = shallowRef<CalendarDay[]>([]);
  const loading = ref(false);
  let latest = 0;

  const visibleDays = computed(() => (kind.value ? days.value.filter((day) => day.kind === kind.value) : days.value));
  const counts = computed(() => ({
    holidays: days.value.filter((day) => day.kind === 'holiday').length,
    workdays: days.value.filter((day) => day.kind === 'workday').length,
  }));

  async function load(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    try {
      const result = await calendarApi.year(year.value);
      if (ticket === latest) days.value = [...result.days].sort((a, b) => a.date.localeCompare(b.date));
    } catch (error) {
      if (ticket === latest) days.value = [];
      showError(error);
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  return { year, kind, days, visibleDays, counts, loading, load };
}
