// R38 the bureau's calendar: the requests and answers of /calendar.
import { z } from 'zod';

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');

export const calendarYearParam = z.object({ year: z.coerce.number().int().min(2000, '年份应在2000至2099年之间').max(2099, '年份应在2000至2099年之间') });
export const addWorkingDaysQuery = z.object({ from: dateSchema, days: z.coerce.number().int().min(0, '工作日天数不能为负').max(366, '工作日天数不超过366') });
/** `provisional`: a year between the two days has no holiday notice yet (暂定). */
export const workingDaysAdded = z.object({ date: z.string(), provisional: z.boolean() });

const notice = z.object({ number: z.string(), issuedOn: z.string() });
export const calendarChange = z.object({ regionCode: z.string(), what: z.string(), subject: z.string(), before: z.string(), after: z.string() });
export const holidayPeriod = z.object({ name: z.string(), start: z.string(), end: z.string(), daysOff: z.number(), makeupWorkdays: z.array(z.string()) });
export const calendarYearView = z.object({
  year: z.number(),
  official: z.boolean(),
  notice: notice.nullable(),
  source: z.enum(['notice', 'package', 'statutory']),
  days: z.array(z.object({ date: z.string(), working: z.boolean(), name: z.string().optional(), kind: z.enum(['holiday', 'makeup', 'weekend', 'workday']) })),
  holidays: z.array(holidayPeriod),
  versions: z.array(z.object({ version: z.number(), source: z.string(), notice: notice.nullable(), enteredAt: z.string(), enteredBy: z.string().nullable(), changes: z.array(calendarChange) })),
});

export const calendarNoticeBody = z.object({
  notice: z.object({ number: z.string().trim().min(1, '请填写通知文号').max(100), issuedOn: dateSchema }),
  holidays: z.array(z.object({ name: z.string().trim().min(1, '请填写节日名称').max(30), from: dateSchema, to: dateSchema })).min(1, '请至少填写一个放假安排').max(30),
  makeupWorkdays: z.array(dateSchema).max(30),
});
export const calendarNoticeEntered = z.object({ year: z.number(), official: z.boolean(), notice, version: z.number(), holidays: z.array(holidayPeriod), changes: z.array(calendarChange) });

export type WorkingDaysAdded = z.infer<typeof workingDaysAdded>;
export type CalendarChange = z.infer<typeof calendarChange>;
export type CalendarYearView = z.infer<typeof calendarYearView>;
export type CalendarNoticeInput = z.input<typeof calendarNoticeBody>;
export type CalendarNoticeEntered = z.infer<typeof calendarNoticeEntered>;
