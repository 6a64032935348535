// R36: the regions of the caller's jurisdiction coloured by a measure — the province's cities, or a city's counties —
// from outlines shipped with the app (assets/geo, sources in its README); a county's townships, which have no outline
// there, as bars. Clicking a region opens the ledger of the measure filtered to it.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton } from 'antd';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { measureValue, statisticsMeasureLabels, type StatisticsGroup, type StatisticsMeasure } from '@anjian/domain/reporting';
import type { StatisticsResult } from '../../api/reporting';
import { EChart } from '../../components/EChart';
import { homeKeys } from '../../api/keys';

type FeatureCollection = { type: 'FeatureCollection'; features: { id?: string; properties?: { name?: string } }[] };

/** The outline of the scope's children: the province's cities, or a city's counties; null when there is none. */
async function outlineFor(level: string, regionCode: string): Promise<{ name: string; geo: FeatureCollection } | null> {
  if (!regionCode.startsWith('33')) return null;
  if (level === 'province') {
    const geo = (await import('../../assets/geo/zhejiang-cities.json')).default as unknown as FeatureCollection;
    return { name: 'anjian-330000', geo };
  }
  if (level === 'city') {
    const all = (await import('../../assets/geo/zhejiang-counties.json')).default as unknown as Record<string, FeatureCollection>;
    const geo = all[regionCode];
    return geo ? { name: `anjian-${regionCode}`, geo } : null;
  }
  return null;
}

export function RegionMap({ result, measure, height, onPick }: { result: StatisticsResult; measure: StatisticsMeasure; height: number; onPick: (g: StatisticsGroup) => void }) {
  const { agency } = result;
  const outline = useQuery({
    queryKey: homeKeys.geo(agency.level, agency.regionCode),
    queryFn: async () => {
      const o = await outlineFor(agency.level, agency.regionCode);
      // registered once per outline: ECharts keeps maps by name
      if (o && !echarts.getMap(o.name)) echarts.registerMap(o.name, o.geo as never);
      return o;
    },
    staleTime: Infinity,
  });
  const groups = result.groups.filter((g) => g.regionCode && g.regionCode !== agency.regionCode);
  const label = statisticsMeasureLabels[measure];

  const option = useMemo<EChartsCoreOption | null>(() => {
    if (outline.isLoading) return null;
    const values = groups.map((g) => measureValue(g.figures, measure) ?? 0);
    const max = Math.max(1, ...values);
    if (outline.data) {
      const byCode = new Map(groups.map((g) => [g.regionCode!, g]));
      return {
        tooltip: { trigger: 'item', formatter: (p: { name: string; value?: number }) => `${p.name}<br/>${label}：${Number.isFinite(p.value) ? p.value : '—'}` },
        visualMap: { min: 0, max, left: 8, bottom: 8, itemHeight: 90, itemWidth: 10, calculable: false, text: ['高', '低'], inRange: { color: ['#e7f0fb', '#7eaee3', '#1a5fb4', '#0b3a75'] }, textStyle: { fontSize: 11 } },
        series: [
          {
            type: 'map',
            map: outline.data.name,
            roam: false,
            nameProperty: 'name',
            label: { show: true, fontSize: 10, color: '#333' },
            emphasis: { label: { color: '#000' }, itemStyle: { areaColor: '#ffd43b' } },
            itemStyle: { borderColor: '#fff', borderWidth: 1, areaColor: '#f1f3f5' },
            data: outline.data.geo.features
              .filter((f) => f.id && byCode.has(String(f.id)))
              .map((f) => {
                const g = byCode.get(String(f.id))!;
                return { name: f.properties?.name ?? g.label, value: measureValue(g.figures, measure) ?? 0, code: g.regionCode };
              }),
          },
        ],
      };
    }
    const rows = [...groups].sort((a, b) => (measureValue(a.figures, measure) ?? 0) - (measureValue(b.figures, measure) ?? 0));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
      xAxis: { type: 'value', splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: rows.map((g) => g.label), axisTick: { show: false }, axisLabel: { fontSize: 11 } },
      series: [{ name: label, type: 'bar', barMaxWidth: 14, itemStyle: { color: '#1a5fb4' }, label: { show: true, position: 'right', fontSize: 11 }, data: rows.map((g) => ({ value: measureValue(g.figures, measure) ?? 0, code: g.regionCode })) }],
    };
  }, [outline.isLoading, outline.data, groups, measure, label]);

  // regions with no outline (created after the outlines were drawn) are listed under the map, still clickable
  const outlined = new Set((outline.data?.geo.features ?? []).map((f) => String(f.id)));
  const missing = outline.data ? groups.filter((g) => !outlined.has(g.regionCode!)).map((g) => g.label) : [];
  if (outline.isLoading || !option) return <Skeleton active />;
  if (!groups.length) return <Empty description="暂无下级地区数据" />;
  const pick = (code?: string) => {
    const g = groups.find((x) => x.regionCode === code);
    if (g) onPick(g);
  };
  const barHeight = Math.max(height, groups.length * 22 + 20);
  return (
    <>
      <EChart
        option={option}
        height={outline.data ? height : Math.min(barHeight, 720)}
        testId="chart-map"
        ariaLabel={`各地区${label}`}
        onClick={(e) => pick((e.data as { code?: string } | undefined)?.code)}
      />
      {missing.length ? (
        <div className="muted dash-missing">
          地图未绘出的区划：
          {missing.map((m, i) => (
            <a key={m} onClick={() => pick(groups.find((g) => g.label === m)?.regionCode ?? undefined)}>
              {i ? '、' : ''}
              {m}
            </a>
          ))}
        </div>
      ) : null}
    </>
  );
}
