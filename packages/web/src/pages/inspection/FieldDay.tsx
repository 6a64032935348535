// 离线准备 (issue #20): while online, the 今日 page keeps every inspection of the day — its details with the officers'
// credentials (亮证) and the check items — and its enterprise's card in the query cache, which app/persist.ts keeps on
// the phone. The officer reads whether the day is ready for a site with no network, and since when.
import { useQueries } from '@tanstack/react-query';
import { Alert } from 'antd';
import { CheckCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { inspectionsApi, type TodayData } from '../../api/inspection';
import { savedAtLabel, useOnline } from '../../app/useOnline';
import { inspectionKeys, registryKeys } from '../../api/keys';

/** the same keys and functions as the pages that read them (InspectionPage, useEnterprise) */
const detailQuery = (id: number) => ({ queryKey: inspectionKeys.detail(id), queryFn: () => inspectionsApi.get(id), staleTime: 60_000, meta: { silent: true } });
const enterpriseQuery = (id: number) => ({ queryKey: registryKeys.enterprise(id), queryFn: () => api.enterprise(id), staleTime: 10 * 60_000, meta: { silent: true } });

/** the inspections the officer may open on site today: to do, under way, emergency ones to backfill */
export function fieldInspections(today: TodayData) {
  const seen = new Set<number>();
  return [...today.inspections, ...today.backfills].filter((r) => !seen.has(r.id) && seen.add(r.id));
}

/** an officer's day is a handful; a leader's list of the whole agency is not all carried to the field */
const FIELD_CAP = 30;

/** Keeps the day's details fresh while online; `saved(id)` says whether an inspection can be opened offline. */
export function useFieldDay(today: TodayData | undefined, todayUpdatedAt: number) {
  const online = useOnline();
  const all0 = today ? fieldInspections(today) : [];
  const rows = all0.slice(0, FIELD_CAP);
  const details = useQueries({ queries: rows.map((r) => detailQuery(r.id)) });
  const enterprises = useQueries({ queries: [...new Set(rows.map((r) => r.enterpriseId))].map(enterpriseQuery) });
  const all = [...details, ...enterprises];
  const savedIds = new Set(rows.filter((_, i) => details[i]?.data).map((r) => r.id));
  const pending = all.filter((q) => q.isPending).length;
  const failed = rows.filter((_, i) => details[i]?.isError && !details[i]?.data).length;
  // the oldest of what the day is made of: that is how fresh the offline copy is
  const times = [todayUpdatedAt, ...all.map((q) => q.dataUpdatedAt)].filter((t) => t > 0);
  const savedAt = times.length ? Math.min(...times) : 0;
  return { online, total: rows.length, listed: all0.length, saved: savedIds.size, pending, failed, savedAt, isSaved: (id: number) => savedIds.has(id) };
}

export function FieldDayStatus({ day }: { day: ReturnType<typeof useFieldDay> }) {
  // offline the app-wide banner says what is shown and since when (app/OfflineBanner.tsx)
  if (!day.online) return null;
  if (day.pending > 0)
    return (
      <Alert className="field-day" type="info" showIcon icon={<LoadingOutlined />} data-testid="field-day" title={`离线准备：正在保存今日检查（${day.saved}/${day.total}）…`} />
    );
  if (day.failed > 0)
    return (
      <Alert
        className="field-day"
        type="warning"
        showIcon
        data-testid="field-day"
        title={`离线准备：有 ${day.failed} 项检查未能保存，离线时无法打开`}
        description="请在有网络的地方刷新本页后再出发。"
      />
    );
  return (
    <Alert
      className="field-day"
      type="success"
      showIcon
      icon={<CheckCircleOutlined />}
      data-testid="field-day"
      title={
        <>
          {day.total > 0
            ? `离线准备：已保存今日 ${day.total} 项检查${day.listed > day.total ? `（共 ${day.listed} 项，保存前 ${day.total} 项）` : ''}，可离线使用`
            : '离线准备：今日工作已保存，可离线使用'}
          <span className="nowrap">（更新于 {savedAtLabel(day.savedAt)}）</span>
        </>
      }
    />
  );
}
