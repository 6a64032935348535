// R11 计划外检查 一事一报, R1/R20 no inspections across levels except joint ones, R21 holiday rounds.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, hasOfficialSchedule, holidaysOfYear, isWorkingDay } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { forbidden } from '../../lib/errors.js';
import { isoDate, user } from '../../lib/http.js';
import { requirePermission } from '../auth/principal.js';
import { createHolidayRound, decideUnplanned, fileHolidayRound, listUnplanned, registerUnplanned, triggers } from './unplannedService.js';

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
          body: z.object({
            enterpriseId: z.number().int().positive(),
            trigger: z.enum(triggers, { error: '请选择检查缘由' }),
            reason: z.string().trim().min(5, '请写明检查事由（不少于5个字）').max(2000),
            plannedDate: isoDate,
            jointWithAgencyId: z.number().int().positive().nullish(),
          }),
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
      { schema: { tags, params: z.object({ id: z.coerce.number().int().positive() }), body: z.object({ approve: z.boolean(), note: z.string().trim().max(2000).optional() }) } },
      async (req) => {
        const p = user(req);
        requirePermission(p, 'planning.approve');
        return decideUnplanned(ctx, p, req.params.id, req.body.approve, req.body.note);
      },
    );
    r.get('/unplanned-inspections', { schema: { tags, querystring: z.object({ status: z.string().optional() }) } }, async (req) => {
      const p = user(req);
      requirePermission(p, 'registry.read');
      return listUnplanned(ctx, p, req.query.status);
    });

    // R21 / R38: holidays of a year with their consecutive days off and what they call for.
    r.get('/holidays', { schema: { tags, querystring: z.object({ year: z.coerce.number().int().min(2004).max(2100) }) } }, async (req) => {
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
          body: z.object({
            year: z.number().int().min(2004).max(2100),
            holidayName: z.string().min(1),
            teamCount: z.number().int().min(1).max(50),
            excludedRegionCodes: z.array(z.string().regex(/^\d{6}(\d{3})?$/)).default([]),
            seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
          }),
        },
      },
      async (req, reply) => {
        const p = user(req);
        // deploying unannounced visits is the leadership's decision (R21), as approving plans is; officers file it
        requirePermission(p, 'planning.approve');
        return reply.status(201).send(await createHolidayRound(ctx, p, req.body));
      },
    );
    r.post('/holiday-rounds/:id/file', { schema: { tags, params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req) => {
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
