/** The engine's only source of time (epoch milliseconds). Nothing under engine/ reads the system clock directly. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that tests (and the clock actuator) can pin and move; it follows the system clock plus an offset until pinned. */
export interface ControlledClock extends Clock {
  pin(epochMilli: number): void;
  add(offsetMilli: number): void;
  reset(): void;
}

export function createControlledClock(base: Clock = systemClock): ControlledClock {
  let pinned: number | null = null;
  let offset = 0;
  return {
    now: () => (pinned ?? base.now()) + offset,
    pin(epochMilli) {
      pinned = epochMilli;
      offset = 0;
    },
    add(offsetMilli) {
      offset += offsetMilli;
    },
    reset() {
      pinned = null;
      offset = 0;
    },
  };
}
