// R34: what a detector is and what it hands back. A detector reads the records as of a day and returns alert drafts;
// the runner (../alertService.ts) turns them into alerts, one per detector and subject.
import { sql, type SQL } from 'drizzle-orm';
import { detectorInfo, type DetectorCode, type DetectorInfo } from '@anjian/domain';
import type { AppContext } from '../../../context.js';

export interface Evidence {
  label: string;
  value: string;
  /** web path of the record (/inspections/12, /cases/3 …) */
  link?: string;
}

export interface AlertDraft {
  agencyId: number;
  /** the watched agency's region (the alert's jurisdiction) */
  regionCode: string;
  enterpriseId?: number | null;
  /** what the alert is about, unique within the detector: a rerun finds the same alert by it */
  subjectKey: string;
  summary: string;
  evidence: Evidence[];
  amount?: number | null;
  occurredOn?: string | null;
}

export interface Detector extends DetectorInfo {
  /** the first 附件2 item it reveals */
  item: string;
  run(ctx: AppContext, asOf: string): Promise<AlertDraft[]>;
}

export function detector(code: DetectorCode, run: Detector['run']): Detector {
  const info = detectorInfo(code);
  if (!info) throw new Error(`unknown detector ${code}`);
  return { ...info, item: info.items[0]!, run };
}

/** The instant a Shanghai day starts, for comparing timestamps with a day. */
export const dayStart = (d: string | SQL) => sql`(${d}::date)::timestamp at time zone 'Asia/Shanghai'`;
/** The Shanghai day of a timestamp column. */
export const shDay = (col: string) => sql.raw(`(${col} at time zone 'Asia/Shanghai')::date`);

export const n = (v: unknown) => Number(v);
/** Where an alert stands, from a row's agency_id, region_code and enterprise_id. */
export const placeOf = (r: Record<string, unknown>) => ({ agencyId: n(r.agency_id), regionCode: String(r.region_code), enterpriseId: n(r.enterprise_id) });
export const yuan = (v: unknown) => `${Number(v).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
