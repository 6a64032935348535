// ---------- 投诉举报 (R37) and 基层观测点 ----------
import { bigint, boolean, date, index, integer, numeric, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The register of complaints and reports. `region_code` is the handling agency's region (the register is scoped by who
 * handles it, so a lower level never reads what is reported about it to its superiors); the enterprise's own region
 * is `enterprise_region_code`.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: serial('id').primaryKey(),
    trackingCode: text('tracking_code').notNull(),
    source: text('source').notNull(), // hotline | portal | letter | transfer | observation_point
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    routing: text('routing').notNull(), // enterprise | region | province_queue | observation | transfer
    enterpriseId: bigint('enterprise_id', { mode: 'number' }),
    enterpriseRegionCode: text('enterprise_region_code'),
    enterpriseName: text('enterprise_name').notNull(),
    creditCode: text('credit_code'),
    address: text('address'),
    /** where the complainant says the enterprise is (区县 or 乡镇 code), if given */
    reportedRegionCode: text('reported_region_code'),
    content: text('content').notNull(),
    complainantName: text('complainant_name'),
    complainantPhone: text('complainant_phone'),
    anonymous: boolean('anonymous').notNull(),
    /** the unit that passed it on (转办单位), for source 'transfer' */
    transferredFrom: text('transferred_from'),
    observationPointId: integer('observation_point_id'),
    status: text('status').notNull(), // received | accepted | not_accepted | replied
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    acceptDue: date('accept_due', { mode: 'string' }).notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    decisionReason: text('decision_reason'),
    decidedBy: integer('decided_by'),
    replyDue: date('reply_due', { mode: 'string' }),
    repliedOn: date('replied_on', { mode: 'string' }),
    replyText: text('reply_text'),
    repliedBy: integer('replied_by'),
    /** R11: the immediate inspection opened on acceptance */
    inspectionId: integer('inspection_id'),
    rewardAmount: numeric('reward_amount', { precision: 12, scale: 2 }),
    rewardOn: date('reward_on', { mode: 'string' }),
    rewardDecision: text('reward_decision'),
    createdBy: integer('created_by'),
    /** SHA-256 of the filing address of a public submission (throttling), never the address itself */
    submitterKey: text('submitter_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('complaints_tracking_code_uq').on(t.trackingCode),
    index('complaints_region_idx').on(t.regionCode.op('text_pattern_ops')),
    index('complaints_agency_idx').on(t.agencyId),
    index('complaints_status_idx').on(t.status),
    index('complaints_submitter_idx').on(t.submitterKey, t.createdAt),
  ],
);

/** Every hand-over of a complaint between agencies (R37: a complaint filed at the wrong level is transferred, with a record). */
export const complaintTransfers = pgTable(
  'complaint_transfers',
  {
    id: serial('id').primaryKey(),
    complaintId: integer('complaint_id').notNull(),
    regionCode: text('region_code').notNull(),
    fromAgencyId: integer('from_agency_id'),
    toAgencyId: integer('to_agency_id').notNull(),
    reason: text('reason').notNull(),
    transferredBy: integer('transferred_by'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('complaint_transfers_complaint_idx').on(t.complaintId)],
);

/** 基层观测点: a township (its agency) designated by the province or a city to report on lower-level enforcement. */
export const observationPoints = pgTable(
  'observation_points',
  {
    id: serial('id').primaryKey(),
    /** the designating agency (province or city) */
    designatedByAgencyId: integer('designated_by_agency_id').notNull(),
    /** the township agency designated */
    agencyId: integer('agency_id').notNull(),
    regionCode: text('region_code').notNull(),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    removedAt: ts('removed_at'),
    removedBy: integer('removed_by'),
  },
  (t) => [index('observation_points_region_idx').on(t.regionCode.op('text_pattern_ops')), index('observation_points_agency_idx').on(t.agencyId)],
);

/** Public submissions and failed tracking look-ups per (hashed) address, for throttling the no-login endpoints. */
export const publicRequestLog = pgTable(
  'public_request_log',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(), // complaint_lookup_miss
    submitterKey: text('submitter_key').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('public_request_log_key_idx').on(t.kind, t.submitterKey, t.at)],
);
