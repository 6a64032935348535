import { useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  type TableColumnsType,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { industries, industryLabels, labelOf, type Industry } from '@anjian/domain/enums';
import { api, ApiError, errorMessage, type Officer, type OfficerQuery } from '../../../api';
import { can, useMe } from '../../../app/auth';
import { fmtDate } from '../../../app/format';
import { showSuccess } from '../../../app/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { ExportButton } from '../../../components/ExportButton';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../../components/Ledger';
import { homeKeys, officerKeys } from '../../../api/keys';
import { OfficerStandingTag } from '../../../components/tags';
import { Link } from 'react-router-dom';
import { AgencySelect } from '../../../components/agencies';

const statusOptions = [
  { value: 'valid', label: '有效' },
  { value: 'expiring', label: '即将到期（60日内）' },
  { value: 'expired', label: '已过期' },
];

interface OfficerFormValues {
  name: string;
  credentialNo: string;
  credentialValidFrom: Dayjs;
  credentialValidTo: Dayjs;
  agencyId: number;
  specialties: Industry[];
  phone: string;
}

function OfficerModal({ officer, open, onClose }: { officer: Officer | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<OfficerFormValues>();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [error, setError] = useState<string | null>(null);
  const isEdit = !!officer;

  useEffect(() => {
    if (!open) return;
    setError(null);
    if (officer) {
      form.setFieldsValue({
        ...officer,
        credentialValidFrom: dayjs(officer.credentialValidFrom),
        credentialValidTo: dayjs(officer.credentialValidTo),
      });
    } else {
      form.resetFields();
      if (me?.agency) form.setFieldsValue({ agencyId: me.agency.id });
    }
  }, [open, officer, form, me]);

  const save = useMutation({
    mutationFn: (v: OfficerFormValues) => {
      const body = {
        name: v.name.trim(),
        credentialNo: v.credentialNo.trim(),
        credentialValidFrom: v.credentialValidFrom.format('YYYY-MM-DD'),
        credentialValidTo: v.credentialValidTo.format('YYYY-MM-DD'),
        agencyId: v.agencyId,
        specialties: v.specialties ?? [],
        phone: v.phone?.trim() ?? '',
      };
      return officer ? api.updateOfficer(officer.id, { ...body, version: officer.version }) : api.createOfficer(body);
    },
    meta: { silent: true },
    onSuccess: (o) => {
      void queryClient.invalidateQueries({ queryKey: officerKeys.all });
      void queryClient.invalidateQueries({ queryKey: homeKeys.statsAll });
      showSuccess(isEdit ? `已保存：${o.name}` : `已新增执法人员：${o.name}`);
      onClose();
    },
    onError: (e) =>
      setError(e instanceof ApiError && e.status === 409 && isEdit ? '数据已被他人修改，请刷新后重试' : errorMessage(e)),
  });

  return (
    <Modal
      title={isEdit ? `编辑执法人员：${officer?.name}` : '新增执法人员'}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      forceRender
      width={640}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<OfficerFormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="执法证号" name="credentialNo" rules={[{ required: true, whitespace: true, message: '请输入执法证号' }]}>
              <Input maxLength={40} className="mono" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="有效期自" name="credentialValidFrom" rules={[{ required: true, message: '请选择起始日期' }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="有效期至"
              name="credentialValidTo"
              dependencies={['credentialValidFrom']}
              rules={[
                { required: true, message: '请选择截止日期' },
                ({ getFieldValue }) => ({
                  validator: async (_r, v: Dayjs | undefined) => {
                    const from = getFieldValue('credentialValidFrom') as Dayjs | undefined;
                    if (v && from && !v.isAfter(from)) throw new Error('截止日期须晚于起始日期');
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="所属机构" name="agencyId" rules={[{ required: true, message: '请选择所属机构' }]}>
              <AgencySelect />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="专业领域" name="specialties" rules={[{ required: true, message: '请至少选择一个专业领域' }]}>
              <Select mode="multiple" options={industries.map((i) => ({ value: i, label: industryLabels[i] }))} placeholder="可多选" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="电话"
              name="phone"
              rules={[{ pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: '请输入正确的手机号或座机号' }]}
            >
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

export default function OfficerListPage() {
  const { data: me } = useMe();
  const url = useLedgerUrl(['q', 'agencyId', 'credentialStatus']);
  const { values, update, page, pageSize } = url;
  const [editing, setEditing] = useState<Officer | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const query: OfficerQuery = {
    q: values.q,
    agencyId: values.agencyId,
    credentialStatus: values.credentialStatus,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: officerKeys.list(query),
    queryFn: () => api.officers(query),
    placeholderData: keepPreviousData,
  });
  const writer = can.writeRegisters(me);

  const openNew = () => {
    setEditing(null);
    setModalOpen(true);
  };
  const openEdit = (o: Officer) => {
    setEditing(o);
    setModalOpen(true);
  };

  const columns: TableColumnsType<Officer> = [
    { title: '姓名', dataIndex: 'name', key: 'name', width: 90, render: (v: string, o) => <Link to={`/officers/${o.id}`}>{v}</Link> },
    { title: '执法证号', dataIndex: 'credentialNo', key: 'credentialNo', width: 140, className: 'mono' },
    {
      title: '有效期',
      key: 'validity',
      width: 200,
      render: (_, o) => (
        <span className={o.credentialStatus === 'expired' ? 'text-danger' : o.credentialStatus === 'expiring' ? 'text-warning' : undefined}>
          {fmtDate(o.credentialValidFrom)} 至 {fmtDate(o.credentialValidTo)}
        </span>
      ),
    },
    { title: '执法证状态', dataIndex: 'credentialStatus', key: 'credentialStatus', width: 110, render: (_, o) => <OfficerStandingTag o={o} /> },
    {
      title: '登录账户',
      key: 'account',
      width: 120,
      render: (_, o) => (o.account ? <span className="mono">{o.account.username}</span> : <span className="muted">未开通</span>),
    },
    { title: '所属机构', dataIndex: 'agencyName', key: 'agencyName', width: 210, ellipsis: true },
    {
      title: '专业领域',
      dataIndex: 'specialties',
      key: 'specialties',
      render: (v: Industry[]) => (
        <Space size={[4, 4]} wrap>
          {(v ?? []).map((s) => (
            <Tag key={s}>{labelOf(industryLabels, s)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: '电话', dataIndex: 'phone', key: 'phone', width: 120 },
    ...(writer
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_: unknown, o: Officer) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openEdit(o)}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="执法人员"
        sub="执法检查人员名录库：仅持有效执法证的人员可被选派执法"
        extra={
          <Space wrap>
            {writer ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={openNew}>
                新增执法人员
              </Button>
            ) : null}
            <ExportButton path="/officers/export" query={{ q: values.q, agencyId: values.agencyId, credentialStatus: values.credentialStatus }} fileName="执法人员名录.xlsx" testId="officer-export" />
          </Space>
        }
      />
      <LedgerFilters
        url={url}
        search={{ placeholder: '姓名 / 执法证号', ariaLabel: '搜索姓名或执法证号', span: { md: 10, lg: 8 } }}
        primary={{
          span: { md: 8, lg: 8 },
          node: (
            <AgencySelect
              allowClear
              placeholder="所属机构"
              aria-label="所属机构"
              style={{ width: '100%' }}
              value={values.agencyId ? Number(values.agencyId) : undefined}
              onChange={(v) => update({ agencyId: v })}
            />
          ),
        }}
        flagsCol={{ md: 24, lg: 3 }}
      >
        <Col xs={24} md={6} lg={5}>
          <Select
            allowClear
            placeholder="执法证状态"
            aria-label="执法证状态"
            style={{ width: '100%' }}
            options={statusOptions}
            value={values.credentialStatus || undefined}
            onChange={(v: string | undefined) => update({ credentialStatus: v })}
          />
        </Col>
      </LedgerFilters>
      <LedgerTable<Officer>
        url={url}
        query={list}
        rowKey={(o) => o.id}
        columns={columns}
        scrollX={1200}
        rowClassName={(o) => (o.credentialStatus === 'expired' ? 'row-expired' : '')}
        testId="officer"
        noun="条"
        unit="条"
        empty={{
          text: '暂无执法人员，请点击“新增执法人员”录入',
          filtered: '没有符合条件的执法人员，请调整筛选条件',
          action: writer ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={openNew}>
              新增执法人员
            </Button>
          ) : undefined,
        }}
        cardClassName={(o) => `officer-card officer-${o.credentialStatus}`}
        card={(o) => (
          <div className="ent-card-inner">
            <div className="ent-card-head">
              <Link to={`/officers/${o.id}`}>
                <strong>{o.name}</strong>
              </Link>
              <OfficerStandingTag o={o} />
            </div>
            <div className="ent-card-code mono">{o.credentialNo}</div>
            <div className="ent-card-meta">
              <span className={o.credentialStatus === 'expired' ? 'text-danger' : o.credentialStatus === 'expiring' ? 'text-warning' : undefined}>
                有效期 {fmtDate(o.credentialValidFrom)} 至 {fmtDate(o.credentialValidTo)}
              </span>
            </div>
            <div className="ent-card-agency">{o.agencyName}</div>
            <div className="ent-card-meta">登录账户：{o.account ? o.account.username : '未开通'}</div>
            <div className="ent-card-meta">
              {(o.specialties ?? []).map((s) => (
                <Tag key={s}>{labelOf(industryLabels, s)}</Tag>
              ))}
            </div>
            {writer ? (
              <Button size="small" icon={<EditOutlined />} onClick={() => openEdit(o)} style={{ marginTop: 8 }}>
                编辑
              </Button>
            ) : null}
          </div>
        )}
      />
      <OfficerModal officer={editing} open={modalOpen} onClose={() => setModalOpen(false)} />
    </>
  );
}
