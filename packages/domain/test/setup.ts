// The domain's tests count days on the published schedules the `chinese-days` package carries (2004–2026), installed
// the way the server installs its stored calendar; later years fall back to the law (provisional).
import { createRequire } from 'node:module';
import { calendarYearsFromChineseDays, installCalendar } from '../src/calendar/workingDays.js';

const require = createRequire(import.meta.url);
installCalendar(calendarYearsFromChineseDays(require('chinese-days/dist/chinese-days.json')));
