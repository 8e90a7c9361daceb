/** Immutable edits of the settings document held in page state, and the blank items "Add" creates. */
import type { ClientContact, EscalationLevel, Holiday, Meeting, Settings } from '../../../src/settings/domain/settings';

/** A copy of `value` with the value at `path` replaced. */
export function setIn<T>(value: T, path: readonly (string | number)[], next: unknown): T {
  if (path.length === 0) return next as T;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = setIn(copy[head as number], rest, next);
    return copy as T;
  }
  const record = (value ?? {}) as Record<string, unknown>;
  return { ...record, [head]: setIn(record[head as string], rest, next) } as T;
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

export function move<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return [...items];
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function blankContact(): ClientContact {
  return { person: { name: '' }, role: '', channel: 'email', workingHours: { start: '09:00', end: '17:00' }, timeZone: browserTimeZone() };
}

export function blankLevel(): EscalationLevel {
  return { who: '', contact: '', when: '' };
}

export function blankMeeting(): Meeting {
  return { cadence: 'weekly', weekday: 'MON', name: '', time: '10:00', timeZone: browserTimeZone(), durationMinutes: 30 };
}

export function blankHoliday(): Holiday {
  return { date: '', name: '' };
}

/** Switching a meeting's cadence swaps the day field it needs (weekday or day of month). */
export function withMeetingCadence(meeting: Meeting, cadence: Meeting['cadence']): Meeting {
  const { name, time, timeZone, durationMinutes, startDate } = meeting;
  const base = { name, time, timeZone, durationMinutes, ...(startDate ? { startDate } : {}) };
  if (cadence === 'monthly') return { cadence, dayOfMonth: meeting.cadence === 'monthly' ? meeting.dayOfMonth : 1, ...base };
  return { cadence, weekday: meeting.cadence === 'monthly' ? 'MON' : meeting.weekday, ...base };
}

export function withReportCadence(schedule: Settings['communicationPlan']['reportSchedule'], cadence: 'weekly' | 'monthly'): Settings['communicationPlan']['reportSchedule'] {
  if (cadence === 'monthly') return { cadence, dayOfMonth: schedule.cadence === 'monthly' ? schedule.dayOfMonth : 1, audiences: schedule.audiences };
  return { cadence, weekday: schedule.cadence === 'weekly' ? schedule.weekday : 'FRI', audiences: schedule.audiences };
}

/** A number field's text as the number the server expects (an empty field stays visibly invalid). */
export function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}
