import { http, seg } from './http';
import type { CalendarDay, CalendarYear, DayKind } from './types';

export interface CalendarDayInput {
  kind: DayKind;
  name: string;
}

export const calendarApi = {
  year: (year: number) => http.get<CalendarYear>('/calendar', { year }),
  put: (date: string, body: CalendarDayInput) => http.put<CalendarDay>(`/calendar/${seg(date)}`, body),
  remove: (date: string) => http.delete(`/calendar/${seg(date)}`),
};
