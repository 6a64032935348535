// R34: 执法监督预警 — what the detectors of lax and improper enforcement (附件2) found in the caller's jurisdiction.
// Filters (rule, state, agency), a table on the desktop and cards on the phone, the evidence with links to the records,
// the transition form (the watched agency's leader explains; oversight confirms, returns or closes as rectified), the
// Excel export and the catalogue of rules (with the items no record reveals). Exported as a panel so the oversight
// hub can embed it as a tab; /oversight/alerts shows it as a page.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, Pagination, Radio, Select, Space, Table, Tabs, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { alertActionLabels, alertStateLabels, alertStates, type AlertAction, type AlertState, type DetectorCode } from '@anjian/domain/oversight';
import { errorMessage } from '../../../api';
import { alertsApi, type OversightAlert } from '../../../api/oversightAlerts';
import { fmtCount, fmtDateTime } from '../../../app/format';
import { useMe } from '../../../app/auth';
import { useIsMobile } from '../../../app/useIsMobile';
import { CardList } from '../../../components/CardList';
import { AgencySelect } from '../../../components/agencies';
import './alerts.css';

const stateColors: Record<AlertState, string> = { open: 'red', explained: 'gold', confirmed: 'volcano', rectified: 'green' };
const actionHints: Record<AlertAction, string> = {
  explain: '说明情况（如：事出有因、已补正记录），由执法监督人员审查',
  confirm: '经核查确属问题，要求被监督单位整改',
  reopen: '说明不充分，退回被监督单位重新说明',
  rectify: '被监督单位已整改到位，予以销号',
};

export function StateTag({ state, active }: { state: AlertState; active?: boolean }) {
  return (
    <Space size={4} wrap>
      <Tag color={stateColors[state]} data-testid="alert-state">
        {alertStateLabels[state]}
      </Tag>
      {active === false ? <Tag>不再检出</Tag> : null}
    </Space>
  );
}

function Evidence({ alert }: { alert: OversightAlert }) {
  return (
    <ul className="al-evidence" data-testid="alert-evidence">
      {alert.evidence.map((e, i) => (
        <li key={i}>
          <span className="muted">{e.label}：</span>
          {e.link ? (
            <Link to={e.link} onClick={(ev) => ev.stopPropagation()}>
              {e.value}
            </Link>
          ) : (
            <span>{e.value}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function ResolveForm({ alert, onDone }: { alert: OversightAlert; onDone: (a: OversightAlert) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ action: AlertAction; reason: string }>();
  const mutation = useMutation({
    mutationFn: (v: { action: AlertAction; reason: string }) => alertsApi.resolve(alert.id, { ...v, version: alert.version }),
    onSuccess: (a) => {
      message.success(`已${alertActionLabels[form.getFieldValue('action') as AlertAction]}`);
      form.resetFields();
      onDone(a);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!alert.actions.length) return null;
  return (
    <Form form={form} layout="vertical" initialValues={{ action: alert.actions[0] }} onFinish={(v) => mutation.mutate(v)} data-testid="alert-resolve-form">
      <Form.Item name="action" label="处理" rules={[{ required: true, message: '请选择处理方式' }]}>
        <Radio.Group options={alert.actions.map((a) => ({ value: a, label: alertActionLabels[a] }))} optionType="button" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {() => <div className="muted al-hint">{actionHints[form.getFieldValue('action') as AlertAction] ?? ''}</div>}
      </Form.Item>
      <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, min: 4, message: '请填写理由（至少4个字）' }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder="写明核查情况、说明或整改措施" data-testid="alert-reason" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="alert-submit">
        提交
      </Button>
    </Form>
  );
}

function AlertDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const { data: alert, error } = useQuery({ queryKey: ['oversight-alert', id], queryFn: () => alertsApi.get(id!), enabled: id != null });
  return (
    <Drawer open={id != null} onClose={onClose} width={isMobile ? '100%' : 640} title={alert ? `${alert.ruleTitle}预警` : '预警'} destroyOnHidden>
      {error ? <Alert type="error" showIcon message={errorMessage(error)} /> : null}
      {alert ? (
        <div data-testid="alert-detail">
          <Typography.Paragraph strong>{alert.summary}</Typography.Paragraph>
          <Descriptions size="small" column={1} bordered layout={isMobile ? 'vertical' : 'horizontal'}>
            <Descriptions.Item label="状态">
              <StateTag state={alert.state} active={alert.active} />
            </Descriptions.Item>
            <Descriptions.Item label="被监督单位">{alert.agencyName}</Descriptions.Item>
            {alert.enterpriseName ? (
              <Descriptions.Item label="企业">
                <Link to={`/enterprises/${alert.enterpriseId}`}>{alert.enterpriseName}</Link>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label="问题清单">
              {alert.items.map((i) => (
                <div key={i.item}>
                  {i.item}　{i.text}
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="检出">
              {alert.firstDetectedOn} 首次检出，{alert.lastDetectedOn} 最近检出（共 {alert.detections} 次）
              {alert.clearedOn ? `，${alert.clearedOn} 起不再检出` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="监督人员">{alert.overseerName ?? '未指派'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} className="al-section">
            证据
          </Typography.Title>
          <Evidence alert={alert} />
          <Typography.Title level={5} className="al-section">
            处理记录
          </Typography.Title>
          {alert.history.length ? (
            <Timeline
              items={alert.history.map((h) => ({
                children: (
                  <div>
                    <div>
                      {h.byName} {h.actionLabel}（{h.fromLabel} → {h.toLabel}）
                    </div>
                    <div className="muted">{fmtDateTime(h.at)}</div>
                    <div className="al-reason">{h.reason}</div>
                  </div>
                ),
              }))}
            />
          ) : (
            <div className="muted">尚未处理</div>
          )}
          <ResolveForm
            alert={alert}
            onDone={(a) => {
              qc.setQueryData(['oversight-alert', id], a);
              void qc.invalidateQueries({ queryKey: ['oversight-alerts'] });
            }}
          />
        </div>
      ) : null}
    </Drawer>
  );
}

function Catalogue() {
  const { data, error } = useQuery({ queryKey: ['oversight-rules'], queryFn: alertsApi.rules, staleTime: 10 * 60_000 });
  if (error) return <Alert type="error" showIcon message={errorMessage(error)} />;
  if (!data) return null;
  return (
    <div data-testid="alert-catalogue">
      <Typography.Paragraph className="muted">
        系统每天夜间对照《监管执法领域突出问题清单》自动检测以下情形；清单中无法从执法记录发现的问题列在最后，应通过回访和案卷评查核实。
      </Typography.Paragraph>
      <div className="al-rules">
        {data.detectors.map((d) => (
          <div key={d.code} className="al-rule">
            <div className="al-rule-title">
              {d.title}
              {d.items.map((i) => (
                <Tag key={i.item} className="al-item-tag">
                  {i.item}
                </Tag>
              ))}
            </div>
            <div>{d.description}</div>
          </div>
        ))}
      </div>
      <Typography.Title level={5} className="al-section">
        需通过回访、案卷评查核实的问题
      </Typography.Title>
      <div className="al-rules">
        {data.uncovered.map((u) => (
          <div key={u.item} className="al-rule">
            <div className="al-rule-title">
              <Tag className="al-item-tag">{u.item}</Tag>
              {u.text}
            </div>
            <div className="muted">系统无法发现：{u.why}</div>
            <div>核实方式：{u.instead}</div>
          </div>
        ))}
      </div>
    </div>
  );
}

/** The alerts panel (filters, list, detail drawer, export, catalogue). */
export function AlertsPanel() {
  const { message } = App.useApp();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [rule, setRule] = useState<DetectorCode | undefined>();
  const [state, setState] = useState<AlertState | undefined>();
  const [agencyId, setAgencyId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const [tab, setTab] = useState('alerts');
  const query = { rule, state, agencyId, page, pageSize: 20 };
  const { data, isFetching, error, refetch } = useQuery({ queryKey: ['oversight-alerts', query], queryFn: () => alertsApi.list(query), placeholderData: (prev) => prev });
  const { data: rules } = useQuery({ queryKey: ['oversight-rules'], queryFn: alertsApi.rules, staleTime: 10 * 60_000 });
  const canRun = !!me && (me.role === 'oversight' || me.role === 'admin') && me.agency?.level === 'province';
  const run = useMutation({
    mutationFn: alertsApi.run,
    onSuccess: (r) => {
      const created = r.results.reduce((a, x) => a + x.created, 0);
      const found = r.results.reduce((a, x) => a + x.found, 0);
      message.success(`检测完成：检出 ${found} 条，新增 ${created} 条`);
      void qc.invalidateQueries({ queryKey: ['oversight-alerts'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const exporting = useMutation({ mutationFn: () => alertsApi.export({ rule, state, agencyId }), onError: (e) => message.error(errorMessage(e)) });
  const items = data?.items ?? [];

  const columns: TableColumnsType<OversightAlert> = [
    { title: '规则', key: 'rule', width: 150, render: (_: unknown, a) => <Tag color="blue">{a.ruleTitle}</Tag> },
    {
      title: '问题',
      key: 'summary',
      render: (_: unknown, a) => (
        <>
          <div>{a.summary}</div>
          <Evidence alert={a} />
        </>
      ),
    },
    { title: '被监督单位', dataIndex: 'agencyName', key: 'agency', width: 170 },
    { title: '状态', key: 'state', width: 120, render: (_: unknown, a) => <StateTag state={a.state} active={a.active} /> },
    { title: '检出', key: 'detected', width: 110, render: (_: unknown, a) => <span className="mono">{a.firstDetectedOn}</span> },
    {
      title: '操作',
      key: 'op',
      width: 100,
      render: (_: unknown, a) => (
        <Button size="small" type={a.actions.length ? 'primary' : 'default'} onClick={() => setOpenId(a.id)} data-testid="alert-open">
          {a.actions.length ? '处理' : '查看'}
        </Button>
      ),
    },
  ];

  const filters = (
    <div className="al-filters" data-testid="alert-filters">
      <Select<DetectorCode>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="全部规则"
        value={rule}
        onChange={(v) => (setRule(v), setPage(1))}
        options={(rules?.detectors ?? []).map((d) => ({ value: d.code, label: d.title }))}
        className="al-filter"
        data-testid="alert-filter-rule"
      />
      <Select<AlertState>
        allowClear
        placeholder="全部状态"
        value={state}
        onChange={(v) => (setState(v), setPage(1))}
        options={alertStates.map((s) => ({ value: s, label: alertStateLabels[s] }))}
        className="al-filter"
        data-testid="alert-filter-state"
      />
      <AgencySelect allowClear placeholder="全部单位" value={agencyId} onChange={(v) => (setAgencyId(v), setPage(1))} className="al-filter al-filter-wide" />
      <Space wrap>
        <Button icon={<ReloadOutlined />} onClick={() => void refetch()}>
          刷新
        </Button>
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="alert-export">
          导出 Excel
        </Button>
        {canRun ? (
          <Button icon={<ThunderboltOutlined />} loading={run.isPending} onClick={() => run.mutate()} data-testid="alert-run">
            立即检测
          </Button>
        ) : null}
      </Space>
    </div>
  );

  const list = (
    <>
      {filters}
      {error ? <Alert type="error" showIcon message={errorMessage(error)} /> : null}
      {me?.role === 'leader' ? <Alert type="info" showIcon className="al-note" message="本单位的预警请核实后“作出说明”；执法监督人员审查后确认问题或退回。" /> : null}
      {isMobile ? (
        <CardList<OversightAlert>
          items={items}
          rowKey={(a) => a.id}
          loading={isFetching}
          testId="alert-cards"
          empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的预警" />}
          onItemClick={(a) => setOpenId(a.id)}
          render={(a) => (
            <div data-testid="alert-row">
              <div className="al-card-head">
                <Tag color="blue">{a.ruleTitle}</Tag>
                <StateTag state={a.state} active={a.active} />
              </div>
              <div className="al-card-summary">{a.summary}</div>
              <div className="muted">
                {a.agencyName} · {a.firstDetectedOn}
              </div>
              <Evidence alert={a} />
              {a.actions.length ? <div className="al-next">待您处理：{a.actions.map((x) => alertActionLabels[x]).join('、')}</div> : null}
            </div>
          )}
        />
      ) : (
        <Table<OversightAlert>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的预警" /> }}
          onRow={() => ({ 'data-testid': 'alert-row' }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
      {data && data.total > data.pageSize ? (
        <Pagination className="al-pages" current={page} pageSize={data.pageSize} total={data.total} onChange={setPage} showSizeChanger={false} simple={isMobile} />
      ) : null}
      {data ? <div className="muted al-total">{fmtCount(data.total, data.capped)}</div> : null}
    </>
  );

  return (
    <div className="al-panel" data-testid="alerts-panel">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'alerts', label: '预警', children: list },
          { key: 'rules', label: '监测规则', children: <Catalogue /> },
        ]}
      />
      <AlertDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}

export default AlertsPanel;
