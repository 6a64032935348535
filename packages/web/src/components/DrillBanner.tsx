// R36: a ledger opened from a dashboard chart carries the chart's filter (period, region, …) in its URL; this banner
// says which figure it is and clears those filters.
import { Alert, Button } from 'antd';
import type { UrlPatch } from '../app/useUrlQuery';

export function DrillBanner({ keys, values, update }: { keys: readonly string[]; values: Record<string, string>; update: (p: UrlPatch) => void }) {
  if (!keys.some((k) => values[k])) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="drill-banner"
      title={`统计图表钻取：${values.label ?? '按统计口径筛选'}`}
      action={
        <Button size="small" onClick={() => update(Object.fromEntries([...keys, 'label'].map((k) => [k, undefined])))}>
          清除
        </Button>
      }
    />
  );
}
