// A virtual clock for building the demo year: while installed, `new Date()` and `Date.now()` read a settable instant,
// so every service call of the demo year stamps its dates, deadlines and audit entries on that business day, exactly
// as if it had happened then. Only the first start of a demo installation uses it; it is removed before serving.
const RealDate = Date;

export interface VirtualClock {
  /** Moves the clock to a Beijing date and time ('YYYY-MM-DD', hour); time never goes backwards. */
  set: (day: string, hour?: number, minute?: number) => void;
  /** A few minutes later, so consecutive steps of one case are in order. */
  tick: (minutes?: number) => void;
  now: () => number;
  restore: () => void;
}

export function installVirtualClock(day: string, hour = 8): VirtualClock {
  let at = instant(day, hour, 0);
  class VirtualDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(at);
      else super(...(args as [string]));
    }
    static override now() {
      return at;
    }
    // Dates made before the clock was installed are still dates
    static [Symbol.hasInstance](x: unknown) {
      return x instanceof RealDate;
    }
  }
  globalThis.Date = VirtualDate as unknown as DateConstructor;
  return {
    set: (d, h = 9, m = 0) => {
      at = Math.max(at, instant(d, h, m));
    },
    tick: (minutes = 7) => {
      at += minutes * 60_000;
    },
    now: () => at,
    restore: () => {
      globalThis.Date = RealDate;
    },
  };
}

function instant(day: string, hour: number, minute: number): number {
  return RealDate.parse(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
}
