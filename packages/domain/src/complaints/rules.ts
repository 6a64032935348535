// 投诉举报 (R37): the periods within which complaints are accepted and answered (working days, R38) and when one is
// overdue. Labels, masking and input checks are in labels.ts.
import { addWorkingDays, type IsoDate } from '../calendar/workingDays.js';
import type { ComplaintStatus } from './labels.js';

export * from './labels.js';

/** Working days from receipt within which the handling agency decides whether to accept (受理) the complaint. */
export const ACCEPT_WORKING_DAYS = 5;
/** Working days from acceptance within which the complainant is answered (答复). */
export const REPLY_WORKING_DAYS = 30;

export const acceptDueDate = (receivedOn: IsoDate): IsoDate => addWorkingDays(receivedOn, ACCEPT_WORKING_DAYS);
export const replyDueDate = (acceptedOn: IsoDate): IsoDate => addWorkingDays(acceptedOn, REPLY_WORKING_DAYS);

export type ComplaintOverdueKind = 'accept' | 'reply';

/**
 * Which period a complaint has let pass on `asOf`: acceptance while it waits to be accepted, the answer while accepted
 * and not answered. A period is kept on its due day and missed the day after.
 */
export function complaintOverdue(
  c: { status: ComplaintStatus; acceptDue: IsoDate; replyDue: IsoDate | null },
  asOf: IsoDate,
): { kind: ComplaintOverdueKind; dueDate: IsoDate } | null {
  if (c.status === 'received' && asOf > c.acceptDue) return { kind: 'accept', dueDate: c.acceptDue };
  if (c.status === 'accepted' && c.replyDue && asOf > c.replyDue) return { kind: 'reply', dueDate: c.replyDue };
  return null;
}

