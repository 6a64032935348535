// R34: 执法监督预警 — what the detectors of lax and improper enforcement (附件2) found in the caller's jurisdiction.
// Filters (rule, state, agency), a table on the desktop and cards on the phone, the evidence with links to the records,
// the transition form (the watched agency's leader explains; oversight confirms, returns or closes as rectified), the
// Excel export and the catalogue of rules (with the items no record reveals). Exported as a panel so the oversight
// hub can embed it as a tab; /oversight/alerts shows it as a page.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Descriptions, Drawer, Form, Input, Radio, Select, Space, Tabs, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { alertActionLabels, alertStateLabels, alertStates, type AlertAction, type AlertState, type DetectorCode } from '@anjian/domain/oversight';
import { alertResolveBody } from '@anjian/domain/contract/oversight';
import { contractSubmit } from '../../../lib/contractForm';
import { ledgerRows } from '../../../lib/ledgerRows';
import { errorMessage } from '../../../api';
import { alertsApi, type OversightAlert } from '../../../api/oversightAlerts';
import { alertKeys } from '../../../api/keys';
import { fmtDateTime } from '../../../app/format';
import { useMe } from '../../../app/auth';
import { useIsMobile } from '../../../app/useIsMobile';
import { ExportButton } from '../../../components/ExportButton';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../../components/Ledger';
import { AgencySelect } from '../../../components/agencies';
import './alerts.css';

const filterKeys = ['rule', 'state', 'agencyId'] as const;
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
    mutationFn: (v: { action: AlertAction; reason: string; version?: number }) => alertsApi.resolve(alert.id, v),
    onSuccess: (a) => {
      message.success(`已${alertActionLabels[form.getFieldValue('action') as AlertAction]}`);
      form.resetFields();
      onDone(a);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!alert.actions.length) return null;
  return (
    <Form form={form} layout="vertical" initialValues={{ action: alert.actions[0] }} onFinish={contractSubmit(form, alertResolveBody, (body) => mutation.mutate(body), { toBody: (v) => ({ ...v, version: alert.version }), onFormError: (text) => message.error(text) })} data-testid="alert-resolve-form">
      <Form.Item name="action" label="处理" required>
        <Radio.Group options={alert.actions.map((a) => ({ value: a, label: alertActionLabels[a] }))} optionType="button" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {() => <div className="muted al-hint">{actionHints[form.getFieldValue('action') as AlertAction] ?? ''}</div>}
      </Form.Item>
      <Form.Item name="reason" label="理由" required>
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
  const { data: alert, error } = useQuery({ queryKey: alertKeys.detail(id), queryFn: () => alertsApi.get(id!), enabled: id != null });
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
              qc.setQueryData(alertKeys.detail(id), a);
              void qc.invalidateQueries({ queryKey: alertKeys.all });
            }}
          />
        </div>
      ) : null}
    </Drawer>
  );
}

function Catalogue() {
  const { data, error } = useQuery({ queryKey: alertKeys.rules, queryFn: alertsApi.rules, staleTime: 10 * 60_000 });
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
  const url = useLedgerUrl(filterKeys);
  const { values, update, page, pageSize } = url;
  const [openId, setOpenId] = useState<number | null>(null);
  const [tab, setTab] = useState('alerts');
  const { data: rules } = useQuery({ queryKey: alertKeys.rules, queryFn: alertsApi.rules, staleTime: 10 * 60_000 });
  const filter = {
    rule: rules?.detectors.some((d) => d.code === values.rule) ? (values.rule as DetectorCode) : undefined,
    state: (alertStates as readonly string[]).includes(values.state ?? '') ? (values.state as AlertState) : undefined,
    agencyId: Number(values.agencyId) > 0 ? Number(values.agencyId) : undefined,
  };
  const query = { ...filter, page, pageSize };
  const alerts = useQuery({ queryKey: alertKeys.list(query), queryFn: () => alertsApi.list(query), placeholderData: keepPreviousData, enabled: !values.rule || !!rules });
  const canRun = !!me && (me.role === 'oversight' || me.role === 'admin') && me.agency?.level === 'province';
  const run = useMutation({
    mutationFn: alertsApi.run,
    onSuccess: (r) => {
      const created = r.results.reduce((a, x) => a + x.created, 0);
      const found = r.results.reduce((a, x) => a + x.found, 0);
      message.success(`检测完成：检出 ${found} 条，新增 ${created} 条`);
      void qc.invalidateQueries({ queryKey: alertKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

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

  const list = (
    <>
      <Space wrap className="al-actions">
        <Button icon={<ReloadOutlined />} onClick={() => void alerts.refetch()}>
          刷新
        </Button>
        <ExportButton path="/oversight/alerts/export" query={{ ...filter }} fileName="执法监督预警.xlsx" testId="alert-export" label="导出 Excel" />
        {canRun ? (
          <Button icon={<ThunderboltOutlined />} loading={run.isPending} onClick={() => run.mutate()} data-testid="alert-run">
            立即检测
          </Button>
        ) : null}
      </Space>
      <LedgerFilters
        url={url}
        primary={{
          span: { md: 12, lg: 8 },
          node: (
            <Select<DetectorCode>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部规则"
              aria-label="规则"
              style={{ width: '100%' }}
              value={filter.rule}
              onChange={(v) => update({ rule: v })}
              options={(rules?.detectors ?? []).map((d) => ({ value: d.code, label: d.title }))}
              data-testid="alert-filter-rule"
            />
          ),
        }}
      >
        <Col xs={24} md={12} lg={5}>
          <Select<AlertState>
            allowClear
            placeholder="全部状态"
            aria-label="状态"
            style={{ width: '100%' }}
            value={filter.state}
            onChange={(v) => update({ state: v })}
            options={alertStates.map((s) => ({ value: s, label: alertStateLabels[s] }))}
            data-testid="alert-filter-state"
          />
        </Col>
        <Col xs={24} md={12} lg={7}>
          <AgencySelect allowClear placeholder="全部单位" aria-label="被监督单位" style={{ width: '100%' }} value={filter.agencyId} onChange={(v?: number) => update({ agencyId: v })} />
        </Col>
      </LedgerFilters>
      {me?.role === 'leader' ? <Alert type="info" showIcon className="al-note" message="本单位的预警请核实后“作出说明”；执法监督人员审查后确认问题或退回。" /> : null}
      <LedgerTable<OversightAlert>
        url={url}
        {...ledgerRows(alerts)}
        rowKey={(a) => a.id}
        columns={columns}
        scrollX={1000}
        testId="alert"
        noun="条预警"
        unit="条"
        empty={{ text: '暂无预警', filtered: '没有符合条件的预警' }}
        onCardClick={(a) => setOpenId(a.id)}
        card={(a) => (
          <>
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
          </>
        )}
      />
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
