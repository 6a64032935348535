// R36: the report's figures come from the statistics layer — one definition of every measure — never from counting
// queries of the report's own.
import { reportFiguresFrom, type ReportFigures } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import type { Principal } from '../auth/principal.js';
import { statistics } from './statisticsService.js';

export async function reportFigures(ctx: AppContext, p: Principal, q: { agency: { id: number }; from: string; to: string }): Promise<ReportFigures> {
  const result = await statistics(ctx, p, { agencyId: q.agency.id, from: q.from, to: q.to });
  return reportFiguresFrom(result.total);
}
