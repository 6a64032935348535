import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Skeleton, Space, Tag, type DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, EditOutlined, SafetyOutlined, SwapOutlined } from '@ant-design/icons';
import {
  agencyLevelLabels,
  creditStatusLabels,
  highRiskIndustries,
  industryLabels,
  labelOf,
  standardizationLevelLabels,
  type Industry,
} from '@anjian/domain/enums';
import { api, ApiError, errorMessage, type Enterprise } from '../../../api';
import { can, useMe } from '../../../app/auth';
import { fieldLabels as L, fmtDateTime } from '../../../app/format';
import { showSuccess } from '../../../app/feedback';
import { useIsMobile } from '../../../app/useIsMobile';
import { PageHeader } from '../../../components/PageHeader';
import { NotFound } from '../../../components/NotFound';
import { RiskTag, LevelTag } from '../../../components/tags';
import { HistoryTimeline } from '../../../components/HistoryTimeline';
import { AgencySelect } from '../../../components/agencies';
import { useEnterprise } from './useEnterprise';
import { EnforcementAlerts } from '../../credit/shared';
import { enterpriseKeys, registryKeys } from '../../../api/keys';

function TransferModal({ ent, open, onClose }: { ent: Enterprise; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ agencyId: number; reason: string }>();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const transfer = useMutation({
    mutationFn: (v: { agencyId: number; reason: string }) => api.transferSupervision(ent.id, v.agencyId, v.reason.trim()),
    meta: { silent: true },
    onSuccess: (updated) => {
      queryClient.setQueryData(['enterprise', String(ent.id)], updated);
      void queryClient.invalidateQueries({ queryKey: registryKeys.enterpriseHistory(ent.id) });
      void queryClient.invalidateQueries({ queryKey: enterpriseKeys.all });
      showSuccess(`监管主体已变更为：${updated.supervisingAgencyName}`);
      form.resetFields();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      title="变更监管主体"
      open={open}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      okText="确认变更"
      cancelText="取消"
      confirmLoading={transfer.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="一家企业只对应一个层级执法主体。新机构的辖区必须包含企业所在行政区划，变更将记入变更记录。"
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          transfer.mutate(v);
        }}
      >
        <Form.Item label="当前监管机构">
          <span>
            {ent.supervisingAgencyName} <LevelTag value={ent.supervisingAgencyLevel} />
          </span>
        </Form.Item>
        <Form.Item
          label="新监管机构"
          name="agencyId"
          rules={[
            { required: true, message: '请选择新的监管机构' },
            { validator: async (_r, v) => { if (v === ent.supervisingAgencyId) throw new Error('与当前监管机构相同'); } },
          ]}
        >
          <AgencySelect />
        </Form.Item>
        <Form.Item label="变更原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写变更原因' }, { max: 500 }]}>
          <Input.TextArea rows={3} placeholder="例如：企业新增危险化学品生产工艺，按分级分类监管要求上收至市级" showCount maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function EnterpriseDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { data: me } = useMe();
  const [transferOpen, setTransferOpen] = useState(false);
  const { data: ent, isLoading, error } = useEnterprise(id);
  const history = useQuery({
    queryKey: registryKeys.enterpriseHistory(id),
    queryFn: () => api.enterpriseHistory(id!),
    enabled: !!ent,
  });

  if (isLoading) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403 || error.status === 400)) {
      return <NotFound title="未找到该企业" backTo="/enterprises" backText="返回企业名录" />;
    }
    return <Alert type="error" showIcon title={errorMessage(error)} />;
  }
  if (!ent) return null;

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: L.name, children: ent.name, span: isMobile ? 1 : 2 },
    { key: 'creditCode', label: L.creditCode, children: <span className="mono nowrap">{ent.creditCode}</span> },
    { key: 'regionName', label: L.regionName, children: `${ent.regionName}（${ent.regionCode}）` },
    { key: 'address', label: L.address, children: ent.address, span: isMobile ? 1 : 2 },
    {
      key: 'industry',
      label: L.industry,
      children: (
        <Space size={4}>
          {labelOf(industryLabels, ent.industry)}
          {highRiskIndustries.includes(ent.industry as Industry) ? <Tag color="volcano">高危行业</Tag> : null}
        </Space>
      ),
    },
    { key: 'riskCode', label: L.riskCode, children: <RiskTag value={ent.riskCode} /> },
    { key: 'hazardSourceCount', label: L.hazardSourceCount, children: ent.hazardSourceCount },
    { key: 'majorHazardSourceCount', label: L.majorHazardSourceCount, children: ent.majorHazardSourceCount },
    { key: 'standardizationLevel', label: L.standardizationLevel, children: labelOf(standardizationLevelLabels, ent.standardizationLevel) },
    {
      key: 'creditStatus',
      label: L.creditStatus,
      children:
        ent.creditStatus === 'blacklist' || ent.creditStatus === 'dishonest' ? (
          <Tag color="red">{labelOf(creditStatusLabels, ent.creditStatus)}</Tag>
        ) : (
          labelOf(creditStatusLabels, ent.creditStatus)
        ),
    },
    { key: 'fatalAccidents3y', label: L.fatalAccidents3y, children: ent.fatalAccidents3y },
    { key: 'nonSiteMonitored', label: L.nonSiteMonitored, children: ent.nonSiteMonitored ? '是' : '否' },
    { key: 'legalRepresentative', label: L.legalRepresentative, children: ent.legalRepresentative },
    { key: 'contactPhone', label: L.contactPhone, children: <span data-testid="ent-contactPhone">{ent.contactPhone}</span> },
    { key: 'employeeCount', label: L.employeeCount, children: <span data-testid="ent-employeeCount">{ent.employeeCount}</span> },
    { key: 'supervisingAgencyLevel', label: L.supervisingAgencyLevel, children: labelOf(agencyLevelLabels, ent.supervisingAgencyLevel) },
    {
      key: 'supervisingAgencyName',
      label: L.supervisingAgencyName,
      children: (
        <Space size={4} wrap>
          {ent.supervisingAgencyName}
          <LevelTag value={ent.supervisingAgencyLevel} />
        </Space>
      ),
      span: isMobile ? 1 : 2,
    },
    { key: 'createdAt', label: L.createdAt, children: <span className="nowrap">{fmtDateTime(ent.createdAt)}</span> },
    { key: 'updatedAt', label: L.updatedAt, children: <span className="nowrap">{fmtDateTime(ent.updatedAt)}</span> },
    { key: 'version', label: '数据版本', children: ent.version, span: 'filled' },
  ];

  const writer = can.writeRegisters(me);
  return (
    <>
      <PageHeader
        title={
          <Space wrap size={8}>
            <span data-testid="ent-name">{ent.name}</span>
            <RiskTag value={ent.riskCode} />
          </Space>
        }
        sub={<span className="mono">{ent.creditCode}</span>}
        extra={
          <Space wrap>
            {writer ? (
              <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/enterprises/${ent.id}/edit`)}>
                编辑
              </Button>
            ) : null}
            {can.transferSupervision(me) ? (
              <Button icon={<SwapOutlined />} onClick={() => setTransferOpen(true)}>
                变更监管主体
              </Button>
            ) : null}
            {me?.role !== 'enterprise' ? (
              <Button icon={<SafetyOutlined />} onClick={() => navigate(`/credit/enterprises/${ent.id}`)} data-testid="ent-credit">
                信用记录
              </Button>
            ) : null}
            {me?.role !== 'enterprise' ? (
              <Button icon={<ArrowLeftOutlined />} onClick={() => navigate("/enterprises")}>返回列表</Button>
            ) : null}
          </Space>
        }
      />
      {me && me.role !== 'enterprise' ? <EnforcementAlerts enterpriseId={ent.id} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title="登记信息" size="small">
            <Descriptions
              bordered={!isMobile}
              size="small"
              column={isMobile ? 1 : 2}
              items={items}
              className="ent-descriptions"
              styles={{ label: isMobile ? { color: 'rgba(0,0,0,0.5)' } : { width: 140, whiteSpace: 'nowrap' } }}
              data-testid="enterprise-descriptions"
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title="变更记录" size="small" data-testid="history-card" extra={<span className="muted">全过程留痕，可追溯</span>}>
            <HistoryTimeline items={history.data?.items} loading={history.isLoading} />
          </Card>
        </Col>
      </Row>
      {transferOpen ? <TransferModal ent={ent} open={transferOpen} onClose={() => setTransferOpen(false)} /> : null}
    </>
  );
}
