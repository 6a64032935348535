// R11 计划外检查 一事一报, R1/R20 no inspections across levels except joint ones, R21 holiday rounds.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, hasOfficialSchedule, holidaysOfYear, isWorkingDay } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { forbidden } from '../../lib/errors.js';
import { user } from '../../lib/http.js';
import { holidayRound, holidayRoundBody, holidaysQuery, holidayYear, unplannedBody, unplannedCreated, unplannedDecided, unplannedDecisionBody, unplannedList, unplannedListQuery } from '@anjian/domain/contract/planning';
import { noBody } from '@anjian/domain/contract/wire';
import { requirePermission } from '../auth/principal.js';
import { createHolidayRound, decideUnplanned, fileHolidayRound, listUnplanned, registerUnplanned } from './unplannedService.js';

export const unplannedRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['planning'];
    r.post(
      '/unplanned-inspections',
      {
        schema: {
          tags,
          body: unplannedBody,
          response: { 201: unplannedCreated },
        },
      },
      async (req, reply) => {
        const p = user(req);
        requirePermission(p, 'planning.write');
        if (!p.agencyId) throw forbidden('请以执法机构账户办理');
        return reply.status(201).send(await registerUnplanned(ctx, p, req.body));
      },
    );
    r.post(
      '/unplanned-inspections/:id/decide',
      { schema: { tags, params: z.object({ id: z.coerce.number().int().positive() }), body: unplannedDecisionBody, response: { 200: unplannedDecided } } },
      async (req) => {
        const p = user(req);
        requirePermission(p, 'planning.approve');
        return decideUnplanned(ctx, p, req.params.id, req.body.approve, req.body.note);
      },
    );
    r.get('/unplanned-inspections', { schema: { tags, querystring: unplannedListQuery, response: { 200: unplannedList } } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      return listUnplanned(ctx, p, req.query.status);
    });

    // R21 / R38: holidays of a year with their consecutive days off and what they call for.
    r.get('/holidays', { schema: { tags, querystring: holidaysQuery, response: { 200: holidayYear } } }, async (req) => {
      user(req);
      const year = req.query.year;
      return {
        year,
        officialSchedule: hasOfficialSchedule(year),
        items: holidaysOfYear(year).map((h) => ({
          ...h,
          kind: h.daysOff > 3 ? 'unannounced' : 'preventive',
          kindLabel: h.daysOff > 3 ? '连续放假3天以上：部署明查暗访' : '连续放假3天及以下：节前结合日常计划开展预防性检查',
          preventiveWindow: preventiveWindow(h.start),
        })),
      };
    });
    r.post(
      '/holiday-rounds',
      {
        schema: {
          tags,
          body: holidayRoundBody,
          response: { 201: holidayRound },
        },
      },
      async (req, reply) => {
        const p = user(req);
        // deploying unannounced visits is the leadership's decision (R21), as approving plans is; officers file it
        requirePermission(p, 'planning.approve');
        return reply.status(201).send(await createHolidayRound(ctx, p, req.body));
      },
    );
    r.post('/holiday-rounds/:id/file', { schema: { tags, params: z.object({ id: z.coerce.number().int().positive() }), body: noBody, response: { 200: holidayRound } } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'planning.write');
      return fileHolidayRound(ctx, p, req.params.id);
    });
  };

/** R21: the five working days before a short holiday, when preventive inspections are scheduled. */
export function preventiveWindow(holidayStart: string): { start: string; end: string } {
  const days: string[] = [];
  let d = addDays(holidayStart, -1);
  while (days.length < 5) {
    if (isWorkingDay(d)) days.push(d);
    d = addDays(d, -1);
  }
  return { start: days[days.length - 1]!, end: days[0]! };
}
