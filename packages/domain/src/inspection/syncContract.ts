// The phone's sync of one inspection (R16–R19, R22, R35): what the officer did on site — offline or not — sent as one
// request. Declared once here and used by the route (validation, OpenAPI) and by the web (types, form checks).
// Every part carries the phone's time of the act and is applied at most once, so the same body may be sent again
// (a lost answer, a restart) with no effect; parts already applied are skipped, newer answers win.
import { z } from 'zod';
import { answerResults, findingDispositions } from './labels.js';

const at = (what: string) => z.iso.datetime({ offset: true, error: `${what}时间格式不正确` });
const clientId = z.string().trim().min(8, '记录编号不正确').max(64);
const text = (min: number, max: number, what: string) =>
  z.string().trim().min(min, `请填写${what}${min > 1 ? `（不少于${min}个字）` : ''}`).max(max, `${what}不能超过${max}个字`);
const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

export const syncAnswer = z.object({
  itemCode: z.string().trim().max(10),
  result: z.enum(answerResults, { error: '检查结果应为符合、不符合或不涉及' }),
  note: z.string().trim().max(2000).optional(),
  answeredAt: at('填写'),
});

export const syncExam = z.object({
  clientId,
  personName: text(1, 50, '被考核人'),
  position: text(1, 50, '职务'),
  questions: text(2, 2000, '考核内容'),
  score: z.number().int().min(0).max(100),
  at: at('考核'),
});

export const syncCertificate = z.object({
  clientId,
  holderName: text(1, 50, '持证人'),
  certificateType: text(1, 100, '证书类别'),
  certificateNo: text(1, 100, '证书编号'),
  validTo: isoDate,
  at: at('查验'),
});

export const syncFinding = z.object({
  clientId,
  itemCode: z.string().trim().max(10).nullish(),
  description: text(4, 2000, '问题描述'),
  disposition: z.enum(findingDispositions, { error: '请选择处理方式' }),
  major: z.boolean().default(false),
  requirement: z.string().trim().max(2000).optional(),
  deadline: isoDate.nullish(),
  responsiblePerson: z.string().trim().max(50).nullish(),
  trackerName: z.string().trim().max(50).nullish(),
  at: at('发现'),
});

/**
 * A photo sent with the sync (R35): sealed at capture by its SM3, time and position. The file itself is a part of the
 * multipart sync (any field name), found by that SM3; a photo already stored under its clientId needs no file again.
 */
export const syncPhoto = z.object({
  clientId,
  itemCode: z.string().trim().max(10).nullish(),
  /** the finding it documents (a finding fixed on the spot needs one) */
  findingClientId: clientId.nullish(),
  sm3: z.string().regex(/^[0-9a-f]{64}$/, '照片校验值格式不正确'),
  capturedAt: at('拍摄'),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  accuracy: z.number().min(0).max(100000).optional(),
});

/**
 * The body of `POST /api/inspections/:id/sync`. Photos go either before it, each on its own through
 * `POST /api/inspections/:id/evidence` (multipart, with the SM3 and capture time taken on the phone), or with it: the
 * sync as multipart/form-data, this body as JSON in the field `sync` and the photos' files after it, each listed in
 * `photos`. Parts are applied in the order of the inspection: entry, 亮证, commitment, answers, exams, certificates,
 * photos, findings (a finding fixed on the spot needs its photo), completion.
 */
export const inspectionSyncBody = z.object({
  /** 进场: the phone's time of entry; the credentials are checked on that day */
  enteredAt: at('进场').optional(),
  /** 亮证亮单 */
  credentialsShownAt: at('亮证').optional(),
  /** 廉政承诺书, signed by every officer of the inspection */
  commitment: z.object({ signerNames: z.array(z.string().trim().min(1)).min(1).max(20), signedAt: at('签署') }).optional(),
  answers: z.array(syncAnswer).max(500).default([]),
  exams: z.array(syncExam).max(100).default([]),
  certificates: z.array(syncCertificate).max(100).default([]),
  photos: z.array(syncPhoto).max(20).default([]),
  findings: z.array(syncFinding).max(200).default([]),
  /** 检查结束: issues 现场检查记录 and, with hazards, 责令限期整改指令书 */
  completion: z.object({ summary: text(4, 4000, '检查结论'), completedAt: at('结束检查') }).optional(),
});
export type InspectionSyncBody = z.input<typeof inspectionSyncBody>;
export type SyncAnswer = z.infer<typeof syncAnswer>;
export type SyncExam = z.infer<typeof syncExam>;
export type SyncCertificate = z.infer<typeof syncCertificate>;
export type SyncFinding = z.input<typeof syncFinding>;
export type SyncPhoto = z.infer<typeof syncPhoto>;

/** What the sync answers: the state reached and what it did, in words the phone can show as they are. */
export const inspectionSyncResult = z.object({
  id: z.number().int(),
  status: z.enum(['filed', 'in_progress', 'completed', 'cancelled']),
  statusLabel: z.string(),
  /** the parts this request applied (0 when everything had arrived before) */
  applied: z.object({
    entered: z.boolean(),
    credentialsShown: z.boolean(),
    commitment: z.boolean(),
    answers: z.number().int(),
    exams: z.number().int(),
    certificates: z.number().int(),
    photos: z.number().int(),
    findings: z.number().int(),
    completed: z.boolean(),
  }),
  /** the documents of the inspection, issued at completion */
  documents: z.array(z.object({ id: z.number().int(), title: z.string(), number: z.string(), issuedAt: z.string(), url: z.string() })),
  hazards: z.array(z.object({ id: z.number().int(), findingClientId: z.string(), deadline: z.string() })),
  penaltyCases: z.array(z.object({ id: z.number().int(), findingClientId: z.string() })),
});
export type InspectionSyncResult = z.infer<typeof inspectionSyncResult>;

/** The fields of a photo's multipart upload that seal it at capture (R35): the phone's SM3, time and position. */
export const evidenceCaptureFields = z.object({
  sm3: z.string().regex(/^[0-9a-f]{64}$/, '照片校验值格式不正确'),
  capturedAt: at('拍摄'),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
  accuracy: z.coerce.number().min(0).max(100000).optional(),
});
export type EvidenceCaptureFields = z.infer<typeof evidenceCaptureFields>;
