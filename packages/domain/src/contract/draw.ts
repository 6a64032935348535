// R13/R14 双随机: the requests and answers of /draws — the draw, its list and export, its public page, input and check.
import { z } from 'zod';
import { file } from './wire.js';

export const drawIdParams = z.object({ id: z.coerce.number().int().positive() });
export const drawBody = z.object({
  planId: z.number().int().positive(),
  month: z.number().int().min(1).max(12).optional(),
  targetCount: z.number().int().min(1).max(1_000_000).optional(),
  teamSize: z.number().int().min(2, '每组执法人员不少于2人').max(10).default(2),
  seed: z.number().int().min(1).max(2 ** 31 - 1).optional(),
  departments: z.array(z.string().trim().min(2).max(30)).max(8).default([]),
  title: z.string().trim().max(100).optional(),
});
export const drawQuery = z.object({ planId: z.coerce.number().int().positive().optional() });

/** An officer of a drawn team: credential numbers are public, phone numbers are not. */
export const drawOfficer = z.object({ id: z.number(), name: z.string(), credentialNo: z.string(), department: z.string() });
/** A draw's result with names: for staff and for the public page. */
export const drawView = z.object({
  id: z.number(),
  title: z.string(),
  agencyName: z.string(),
  drawDate: z.string(),
  seed: z.number(),
  inputHash: z.string(),
  targetCount: z.number(),
  poolSize: z.number(),
  officerPoolSize: z.number(),
  createdAt: z.string(),
  assignments: z.array(z.object({ enterpriseId: z.number(), enterpriseName: z.string(), creditCode: z.string(), officers: z.array(drawOfficer) })),
  unassigned: z.array(z.object({ enterpriseId: z.number(), reason: z.string() })),
});
export const drawListItem = z.object({ id: z.number(), title: z.string(), drawDate: z.string(), seed: z.number(), inputHash: z.string(), targetCount: z.number(), assigned: z.number(), createdAt: z.string() });
export const drawList = z.object({ items: z.array(drawListItem) });
/** R13: the draw re-run from its recorded seed and input file. */
export const drawVerification = z.object({ id: z.number(), ok: z.boolean(), reason: z.string().nullable(), seed: z.number(), inputHash: z.string(), recomputedHash: z.string() });
/** The canonical input file: its SM3 is the published input hash. */
export const drawInputFile = file('application/json', '抽取输入文件（JSON，其SM3即公布的输入哈希）');

export type DrawBody = z.input<typeof drawBody>;
export type DrawOfficerView = z.input<typeof drawOfficer>;
export type Draw = z.input<typeof drawView>;
export type DrawListItem = z.input<typeof drawListItem>;
export type DrawVerify = z.input<typeof drawVerification>;
