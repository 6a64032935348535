// R15 事前报备: an inspection is filed before entry, from a plan target, a draw or a recorded trigger (R11), with its
// legal basis, two or more officers with valid credentials, and the check items of the enterprise's industry (R17).
// An emergency inspection (紧急检查) starts at once and is backfilled within 1 working day.
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { inspectionOriginLabels, type InspectionOrigin } from '@anjian/domain/inspection';
import { industryLabels, labelOf } from '@anjian/domain/enums';
import { api } from '../../api';
import { request } from '../../api/client';
import { inspectionsApi, type FilingSources } from '../../api/inspection';
import { useMe } from '../../app/auth';
import { showError, showSuccess } from '../../app/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EnterpriseSearchSelect } from '../../components/EnterpriseSearchSelect';
import { CredentialTag } from '../../components/tags';
import { newClientId } from './offline';
import { triggerLabels } from '../planning/shared';
import { inspectionKeys, registryKeys } from '../../api/keys';

/** A source the inspection can be filed from, as one radio value: `plan:12`, `draw:3`, `unplanned:7`, `emergency`. */
function sourceOptions(s: FilingSources | undefined) {
  if (!s) return [];
  const open = <T extends { inspectionId: number | null }>(xs: T[]) => xs.filter((x) => x.inspectionId == null);
  return [
    ...open(s.planEntries).map((p) => ({ value: `plan:${p.id}`, label: `${p.year}年度计划 · 计划 ${p.plannedDate} 检查`, plannedDate: p.plannedDate, officers: null as number[] | null })),
    ...open(s.draws).map((d) => ({ value: `draw:${d.id}`, label: `双随机抽查：${d.title}（${d.drawDate}）`, plannedDate: null, officers: d.officerIds })),
    ...open(s.unplanned).map((u) => ({
      value: `unplanned:${u.id}`,
      label: `计划外检查：${labelOf(triggerLabels, u.trigger)}（${u.status === 'approved' ? '已批准' : '已登记'}）${u.reason.slice(0, 24)}`,
      plannedDate: u.plannedDate,
      officers: null,
    })),
  ];
}

interface Values {
  source: string;
  emergencyReason?: string;
  legalBasis?: string;
  plannedDate?: dayjs.Dayjs;
  place?: string;
  officerIds: number[];
}

export default function FileInspectionPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [enterpriseId, setEnterpriseId] = useState<number | undefined>(params.get('enterpriseId') ? Number(params.get('enterpriseId')) : undefined);
  // coming from a plan, draw or request the enterprise is known: show its name, not a search box
  const [fixedEnterprise, setFixedEnterprise] = useState(enterpriseId != null);
  const [form] = Form.useForm<Values>();
  const [clientId] = useState(newClientId); // a double tap files once
  const source = Form.useWatch('source', form);
  const emergency = params.get('origin') === 'emergency';

  const sources = useQuery({ queryKey: inspectionKeys.sources(enterpriseId), queryFn: () => inspectionsApi.sources(enterpriseId!), enabled: !!enterpriseId });
  const today = useQuery({ queryKey: inspectionKeys.today, queryFn: inspectionsApi.today, staleTime: 60_000 });
  const officers = useQuery({
    queryKey: registryKeys.agencyOfficers(me?.agency?.id),
    queryFn: () => api.officers({ agencyId: me!.agency!.id, pageSize: 200 }),
    enabled: !!me?.agency,
  });
  const items = useQuery({
    queryKey: inspectionKeys.checkItems(sources.data?.enterprise.industry),
    queryFn: () => request<{ version: number; items: { code: string; title: string; scope: string }[] }>('/check-items', { query: { industry: sources.data!.enterprise.industry } }),
    enabled: !!sources.data,
  });
  const options = useMemo(() => sourceOptions(sources.data), [sources.data]);
  const chosen = options.find((o) => o.value === source);

  // a fresh choice of source fills in what it fixes: the date, and for a draw the drawn officers (R13)
  useEffect(() => {
    if (emergency) form.setFieldValue('source', 'emergency');
    else if (options.length && !options.some((o) => o.value === form.getFieldValue('source'))) form.setFieldValue('source', params.get('source') ?? options[0]!.value);
  }, [options, emergency, form, params]);
  useEffect(() => {
    if (chosen?.plannedDate) form.setFieldValue('plannedDate', dayjs(chosen.plannedDate).isBefore(dayjs(), 'day') ? dayjs() : dayjs(chosen.plannedDate));
    if (chosen?.officers) form.setFieldValue('officerIds', chosen.officers);
  }, [chosen, form]);
  useEffect(() => {
    if (today.data?.officerId && !form.getFieldValue('officerIds')?.length) form.setFieldValue('officerIds', [today.data.officerId]);
  }, [today.data, form]);

  const file = useMutation({
    mutationFn: (v: Values) => {
      const [origin, ref] = v.source.split(':') as [InspectionOrigin, string | undefined];
      return inspectionsApi.file({
        clientId,
        enterpriseId: enterpriseId!,
        origin,
        planEntryId: origin === 'plan' ? Number(ref) : undefined,
        drawId: origin === 'draw' ? Number(ref) : undefined,
        unplannedRequestId: origin === 'unplanned' ? Number(ref) : undefined,
        emergencyReason: origin === 'emergency' ? v.emergencyReason : undefined,
        legalBasis: v.legalBasis,
        plannedDate: origin === 'emergency' ? undefined : v.plannedDate?.format('YYYY-MM-DD'),
        place: v.place,
        officerIds: v.officerIds,
      });
    },
    onSuccess: (d) => {
      showSuccess(d.filed ? '已报备，可在检查当天进场' : '紧急检查已开始，请于1个工作日内补录报备');
      navigate(`/inspections/${d.id}`);
    },
    onError: showError,
  });

  const officerList = officers.data?.items ?? [];
  const isEmergency = source === 'emergency';
  return (
    <div className="narrow-page">
      <PageHeader title={emergency ? '紧急检查' : '报备检查'} sub={emergency ? '来不及事前报备时先进场，1个工作日内补录' : '进场前报备检查依据、执法人员和检查事项'} />
      <Card>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ legalBasis: '《中华人民共和国安全生产法》第六十五条', plannedDate: dayjs(), officerIds: [] }}
          onFinish={(v) => file.mutate(v)}
          disabled={!me?.agency}
        >
          <Form.Item label="被检查企业" required>
            {fixedEnterprise ? (
              <Space.Compact style={{ width: '100%' }}>
                <Input value={sources.data?.enterprise.name ?? ''} readOnly aria-label="被检查企业" />
                <Button onClick={() => { setFixedEnterprise(false); setEnterpriseId(undefined); }}>更换</Button>
              </Space.Compact>
            ) : (
              <EnterpriseSearchSelect value={enterpriseId} onChange={setEnterpriseId} aria-label="被检查企业" />
            )}
          </Form.Item>
          {sources.data && (
            <Typography.Paragraph type="secondary">
              {labelOf(industryLabels, sources.data.enterprise.industry)} · {sources.data.enterprise.address}
            </Typography.Paragraph>
          )}
          {sources.error && <Alert type="error" showIcon message="无法报备该企业" description="该企业不在本机构管辖范围内，或您的账户不能办理检查。" style={{ marginBottom: 16 }} />}
          {enterpriseId && sources.data && (
            <Form.Item name="source" label="检查来源" rules={[{ required: true, message: '请选择检查来源' }]}>
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                {options.map((o) => (
                  <Radio key={o.value} value={o.value}>
                    {o.label}
                  </Radio>
                ))}
                <Radio value="emergency">
                  <Tag color="red">{inspectionOriginLabels.emergency}</Tag>来不及报备，先进场后补录
                </Radio>
              </Radio.Group>
            </Form.Item>
          )}
          {enterpriseId && sources.data && options.length === 0 && !isEmergency && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message="该企业不在本机构的年度计划或抽查结果中"
              description={
                <span>
                  计划外检查须一事一报：请先 <Link to={`/unplanned?enterpriseId=${enterpriseId}`}>登记计划外检查</Link>，批准后再报备。
                </span>
              }
            />
          )}
          {isEmergency && (
            <Form.Item name="emergencyReason" label="紧急事由" rules={[{ required: true, min: 5, message: '请写明紧急事由（不少于5个字）' }]}>
              <Input.TextArea autoSize placeholder="例如：接群众举报企业正在违规动火作业" />
            </Form.Item>
          )}
          <Form.Item name="legalBasis" label="检查依据" rules={isEmergency ? [] : [{ required: true, min: 4, message: '请填写检查的法律依据' }]}>
            <Input.TextArea autoSize />
          </Form.Item>
          {!isEmergency && (
            <Form.Item name="plannedDate" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            </Form.Item>
          )}
          <Form.Item name="officerIds" label="执法人员（两名以上，执法证有效）" rules={[{ required: true, type: 'array', min: 2, message: '执法检查须由两名以上执法人员进行' }]}>
            <Select
              mode="multiple"
              disabled={!!chosen?.officers}
              loading={officers.isLoading}
              optionFilterProp="label"
              aria-label="执法人员"
              options={officerList.map((o) => ({
                value: o.id,
                label: o.name,
                disabled: o.credentialStatus === 'expired',
                title: `${o.name} ${o.credentialNo}`,
              }))}
              optionRender={(o) => {
                const officer = officerList.find((x) => x.id === o.value);
                return (
                  <Space>
                    {officer?.name}
                    <span className="muted">{officer?.credentialNo}</span>
                    {officer && <CredentialTag value={officer.credentialStatus} />}
                  </Space>
                );
              }}
            />
          </Form.Item>
          {chosen?.officers && <Typography.Paragraph type="secondary">双随机抽查由随机选派的执法人员实施，不能更换。</Typography.Paragraph>}
          <Form.Item name="place" label="检查地点">
            <Input placeholder={sources.data?.enterprise.address ?? '默认企业注册地址'} />
          </Form.Item>
          {items.data && (
            <Card size="small" title={`检查事项（第${items.data.version}版清单，共 ${items.data.items.length} 项）`} style={{ marginBottom: 16 }}>
              {items.data.items.length ? (
                <ul className="item-preview">
                  {items.data.items.map((i) => (
                    <li key={i.code}>
                      <span className="check-item-code">{i.code}</span>
                      {i.title}
                    </li>
                  ))}
                </ul>
              ) : (
                <Empty />
              )}
            </Card>
          )}
          <Button type="primary" htmlType="submit" size="large" block loading={file.isPending} disabled={!enterpriseId}>
            {isEmergency ? '开始紧急检查' : '提交报备'}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
