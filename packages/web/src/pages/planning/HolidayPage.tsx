// 节假日检查 (R21, R38): holidays of a year by consecutive days off — preventive checks before short ones,
// unannounced visits (明查暗访) for longer ones, deployed by teams and filed with 安委办.
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { AuditOutlined, EyeInvisibleOutlined, TeamOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, errorMessage, type Holiday, type HolidayRound } from '../../api';
import { can, useMe } from '../../app/auth';
import { fmtDateTime } from '../../app/format';
import { showSuccess } from '../../app/feedback';
import { useIsMobile } from '../../app/useIsMobile';
import { useUrlQuery } from '../../app/useUrlQuery';
import { PageHeader } from '../../components/PageHeader';
import { CardList } from '../../components/CardList';
import { yearOptions } from './common';

const fmtMd = (d: string) => dayjs(d).format('M月D日');
const range = (a: string, b: string) => (a === b ? fmtMd(a) : `${fmtMd(a)}—${fmtMd(b)}`);

function KindTag({ h }: { h: Holiday }) {
  return h.kind === 'unannounced' ? (
    <Tag color="volcano" data-kind="unannounced">
      明查暗访
    </Tag>
  ) : (
    <Tag color="green" data-kind="preventive">
      预防性检查
    </Tag>
  );
}

/** Deployed rounds of this session, by year and holiday (the server has no list of rounds yet). */
const roundsKey = (year: number) => ['holiday-rounds', year] as const;

function DeployModal({ year, holiday, onClose }: { year: number; holiday: Holiday | null; onClose: () => void }) {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ teamCount: number; excludedRegionCodes: string[]; seed?: number | null }>();
  const [error, setError] = useState<string | null>(null);
  const regionCode = me?.agency?.regionCode;
  const regions = useQuery({
    queryKey: ['regions', regionCode],
    queryFn: () => api.regions(regionCode),
    enabled: !!regionCode && !!holiday,
    staleTime: 10 * 60_000,
  });
  const deploy = useMutation({
    mutationFn: (v: { teamCount: number; excludedRegionCodes: string[]; seed?: number | null }) =>
      api.deployHolidayRound({
        year,
        holidayName: holiday!.name,
        teamCount: v.teamCount,
        excludedRegionCodes: v.excludedRegionCodes ?? [],
        seed: v.seed ?? undefined,
      }),
    meta: { silent: true },
    onSuccess: (r) => {
      queryClient.setQueryData<Record<string, HolidayRound>>(roundsKey(year), (old) => ({ ...(old ?? {}), [r.holidayName]: r }));
      showSuccess(`已部署${r.holidayName}明查暗访：${r.teams.length} 个检查组`);
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  if (!holiday) return null;
  return (
    <Modal
      title={`部署明查暗访：${holiday.name}（${range(holiday.start, holiday.end)}，连续放假${holiday.daysOff}天）`}
      open
      onCancel={onClose}
      okText="部署"
      cancelText="取消"
      confirmLoading={deploy.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="每组不少于2人，人员轮换；正在接受巡查或综合督查的地区不安排明查暗访。部署后报安委办备案，发现的问题交属地部门依法处理。"
      />
      {error ? <Alert type="error" showIcon role="alert" title={`未能部署：${error}`} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ teamCount: 3, excludedRegionCodes: [] }}
        onFinish={(v) => {
          setError(null);
          deploy.mutate(v);
        }}
      >
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item label="检查组数" name="teamCount" rules={[{ required: true, message: '请填写检查组数' }]}>
              <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} suffix="组" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="随机种子（可选）" name="seed">
              <InputNumber min={0} max={2147483647} precision={0} style={{ width: '100%' }} placeholder="自动" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="正在接受巡查或综合督查的地区"
          name="excludedRegionCodes"
          extra="所选地区本轮不安排明查暗访"
        >
          <Select
            mode="multiple"
            allowClear
            loading={regions.isLoading}
            placeholder="选择下级地区（可多选）"
            options={(regions.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RoundCard({ round, year }: { round: HolidayRound; year: number }) {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const officers = useQuery({
    queryKey: ['officers', { agencyId: me?.agency?.id, pageSize: 100 }],
    queryFn: () => api.officers({ agencyId: me!.agency!.id, pageSize: 100 }),
    enabled: !!me?.agency,
    staleTime: 5 * 60_000,
  });
  const names = useMemo(() => new Map((officers.data?.items ?? []).map((o) => [o.id, o.name])), [officers.data]);
  const regions = useQuery({
    queryKey: ['regions', me?.agency?.regionCode],
    queryFn: () => api.regions(me?.agency?.regionCode),
    enabled: !!me?.agency && round.excludedRegions.length > 0,
    staleTime: 10 * 60_000,
  });
  const regionName = (code: string) => regions.data?.items.find((r) => r.code === code)?.name ?? code;
  const file = useMutation({
    mutationFn: () => api.fileHolidayRound(round.id),
    onSuccess: (r) => {
      queryClient.setQueryData<Record<string, HolidayRound>>(roundsKey(year), (old) => ({ ...(old ?? {}), [r.holidayName]: r }));
      showSuccess('已报安委办备案');
    },
  });
  return (
    <Card
      size="small"
      className="round-card"
      data-testid="holiday-round"
      title={
        <Space wrap size={8}>
          <EyeInvisibleOutlined />
          <span>{`${round.holidayName}明查暗访（${round.teams.length} 组）`}</span>
        </Space>
      }
      extra={
        round.filedWithSafetyCommitteeAt ? (
          <Tag color="green" data-testid="round-filed">
            已报安委办备案 {fmtDateTime(round.filedWithSafetyCommitteeAt)}
          </Tag>
        ) : (
          <Button type="primary" size="small" icon={<AuditOutlined />} loading={file.isPending} onClick={() => file.mutate()}>
            报安委办备案
          </Button>
        )
      }
    >
      {round.excludedRegions.length ? (
        <div className="muted" style={{ marginBottom: 8 }}>
          已排除（巡查/综合督查中）：{round.excludedRegions.map(regionName).join('、')}
        </div>
      ) : null}
      <Row gutter={[12, 12]}>
        {round.teams.map((t, i) => (
          <Col key={i} xs={24} md={12} xl={8}>
            <div className="team-box" data-testid="holiday-team">
              <div className="team-title">
                <TeamOutlined /> 第{i + 1}组 · {t.officerIds.length} 人
              </div>
              <div className="team-officers">{t.officerIds.map((id) => names.get(id) ?? `人员${id}`).join('、')}</div>
              <div className="team-regions muted">负责地区：{t.regionNames.length ? t.regionNames.join('、') : '—'}</div>
            </div>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export default function HolidayPage() {
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const { values, update } = useUrlQuery();
  const year = Number(values.year) || dayjs().year();
  const [deploying, setDeploying] = useState<Holiday | null>(null);
  const { data, isLoading } = useQuery({ queryKey: ['holidays', year], queryFn: () => api.holidays(year) });
  const rounds = useQuery({ queryKey: roundsKey(year), queryFn: async () => ({}) as Record<string, HolidayRound>, staleTime: Infinity });
  const canDeploy = can.approvePlans(me) && !!me?.agency;
  const items = data?.items ?? [];
  const deployed = Object.values(rounds.data ?? {});

  const action = (h: Holiday) => {
    if (h.kind !== 'unannounced') {
      return (
        <span className="muted">
          {isMobile ? `节前 ${range(h.preventiveWindow.start, h.preventiveWindow.end)} ` : '节前'}结合日常监督检查计划开展
        </span>
      );
    }
    const r = rounds.data?.[h.name];
    if (r) return <Tag color="blue">已部署 {r.teams.length} 组</Tag>;
    return canDeploy ? (
      <Button size="small" type="primary" icon={<EyeInvisibleOutlined />} onClick={() => setDeploying(h)}>
        部署明查暗访
      </Button>
    ) : (
      <span className="muted">由省级负责人部署</span>
    );
  };

  const columns: TableColumnsType<Holiday> = [
    { title: '节假日', dataIndex: 'name', key: 'name', width: 140, render: (v) => <strong>{v}</strong> },
    { title: '放假日期', key: 'dates', width: 170, render: (_, h) => range(h.start, h.end) },
    { title: '连续放假', dataIndex: 'daysOff', key: 'daysOff', width: 100, align: 'right', render: (v: number) => `${v} 天` },
    {
      title: '调休上班',
      dataIndex: 'makeupWorkdays',
      key: 'makeup',
      width: 150,
      render: (v: string[]) => (v.length ? v.map(fmtMd).join('、') : <span className="muted">无</span>),
    },
    { title: '检查方式', key: 'kind', width: 110, render: (_, h) => <KindTag h={h} /> },
    {
      title: '节前预防性检查时段',
      key: 'window',
      width: 170,
      render: (_, h) => range(h.preventiveWindow.start, h.preventiveWindow.end),
    },
    { title: '操作', key: 'op', render: (_, h) => action(h) },
  ];

  return (
    <>
      <PageHeader
        title="节假日检查"
        sub="连续放假3天及以下：节前结合日常计划开展预防性检查；3天以上：省级部署明查暗访。假期按国务院放假安排（含调休）计算"
        extra={
          <Select
            aria-label="年度"
            style={{ width: 120 }}
            options={yearOptions(dayjs().year(), 2, 1)}
            value={year}
            onChange={(v: number) => update({ year: v })}
          />
        }
      />
      {data && !data.officialSchedule ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`国务院尚未发布${year}年节假日安排`}
          description="发布后系统按正式安排（含调休）计算连续放假天数；在此之前计划日期仅按周末计算工作日。"
        />
      ) : null}
      <Card size="small" className="table-card">
        {isMobile ? (
          <CardList<Holiday>
            loading={isLoading}
            items={items}
            rowKey={(h) => h.name}
            empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`暂无${year}年节假日安排`} />}
            render={(h) => (
              <div className="ent-card-inner" data-testid="holiday-row">
                <div className="ent-card-head">
                  <strong>{h.name}</strong>
                  <KindTag h={h} />
                </div>
                <div className="ent-card-meta">
                  <span>{range(h.start, h.end)}</span>
                  <span>连续放假 {h.daysOff} 天</span>
                </div>
                {h.makeupWorkdays.length ? <div className="ent-card-agency">调休上班：{h.makeupWorkdays.map(fmtMd).join('、')}</div> : null}
                <div style={{ marginTop: 6 }}>{action(h)}</div>
              </div>
            )}
          />
        ) : (
          <Table<Holiday>
            rowKey="name"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={isLoading}
            pagination={false}
            scroll={{ x: 1000 }}
            onRow={(h) => ({ 'data-testid': 'holiday-row', 'data-kind': h.kind }) as React.HTMLAttributes<HTMLElement>}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`暂无${year}年节假日安排`} /> }}
          />
        )}
      </Card>
      {deployed.length ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Title level={5}>本次部署的明查暗访</Typography.Title>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {deployed.map((r) => (
              <RoundCard key={r.id} round={r} year={year} />
            ))}
          </Space>
        </div>
      ) : null}
      <DeployModal year={year} holiday={deploying} onClose={() => setDeploying(null)} />
    </>
  );
}
