/**
 * Errors of the legal calendar. They all mean that the caller passed something the law cannot count
 * (a bug in the caller or bad stored data), so they are thrown, not returned (STYLE §7.5).
 */
export class LegalCalendarError extends Error {
  override readonly name: string = 'LegalCalendarError';
}

/** A date or date-time that is not a real ISO 8601 value, or one without an offset. */
export class InvalidDateError extends LegalCalendarError {
  override readonly name = 'InvalidDateError';
}

/** A period, pause or extension that cannot be counted: bad length or unit, a pause that ends before it starts, … */
export class InvalidPeriodError extends LegalCalendarError {
  override readonly name = 'InvalidPeriodError';
}

/** Holiday-table rows that contradict each other or are malformed. */
export class InvalidCalendarError extends LegalCalendarError {
  override readonly name = 'InvalidCalendarError';
}
