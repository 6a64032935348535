// An officer's record (执法人员): the credential, whether the officer may act now, the login the officer signs in with
// (opened, linked or unlinked by the administrator), leaving (离职) and credential revocation, and the change history.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Result, Row, Select, Skeleton, Space, Tag } from 'antd';
import { ArrowLeftOutlined, DisconnectOutlined, LinkOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { industryLabels, labelOf, roleLabels } from '@anjian/domain/enums';
import { api, errorMessage, type Officer } from '../../../api';
import { can, useMe } from '../../../app/auth';
import { fmtDate } from '../../../app/format';
import { shanghaiToday } from '../../../api/hazard';
import { showError, showSuccess } from '../../../app/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { OfficerStandingTag } from '../../../components/tags';
import { HistoryTimeline } from '../../../components/HistoryTimeline';
import { officerKeys, registryKeys } from '../../../api/keys';

const accountRoles = (['officer', 'leader', 'legal_reviewer', 'oversight'] as const).map((r) => ({ value: r, label: roleLabels[r] }));

function CreateAccountModal({ o, open, onClose }: { o: Officer; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ username: string; password: string; role: 'officer' | 'leader' | 'legal_reviewer' | 'oversight' }>();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: { username: string; password: string; role: 'officer' | 'leader' | 'legal_reviewer' | 'oversight' }) => api.createOfficerAccount(o.id, v),
    onSuccess: (updated) => {
      qc.setQueryData(['officer', String(o.id)], updated);
      void qc.invalidateQueries({ queryKey: registryKeys.officerHistory(o.id) });
      showSuccess(`已为${o.name}开通登录账户`);
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal open={open} title={`为${o.name}开通登录账户`} okText="开通" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending} destroyOnHidden>
      {m.error ? <Alert type="error" showIcon title={errorMessage(m.error)} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ role: 'officer' }} onFinish={(v) => m.mutate(v)}>
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }, { pattern: /^[a-zA-Z0-9._-]{3,32}$/, message: '3至32位字母、数字或 . _ -' }]}>
          <Input autoComplete="off" placeholder="如 zhang.san" />
        </Form.Item>
        <Form.Item name="password" label="初始密码" rules={[{ required: true, message: '请输入初始密码' }]} extra="至少10位，含字母和数字；请当面告知本人并提醒首次登录后修改">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label="角色">
          <Select options={accountRoles} />
        </Form.Item>
        <div className="muted">账户归属：{o.agencyName}；姓名：{o.name}</div>
      </Form>
    </Modal>
  );
}

function LinkAccountModal({ o, open, onClose }: { o: Officer; open: boolean; onClose: () => void }) {
  const [userId, setUserId] = useState<number | undefined>();
  const qc = useQueryClient();
  const candidates = useQuery({ queryKey: registryKeys.unlinkedUsers(o.agencyId), queryFn: () => api.unlinkedUsers(o.agencyId), enabled: open });
  const m = useMutation({
    mutationFn: (id: number) => api.linkOfficerAccount(o.id, id),
    onSuccess: (updated) => {
      qc.setQueryData(['officer', String(o.id)], updated);
      void qc.invalidateQueries({ queryKey: registryKeys.officerHistory(o.id) });
      showSuccess('已关联登录账户');
      onClose();
    },
  });
  return (
    <Modal open={open} title={`为${o.name}关联已有账户`} okText="关联" cancelText="取消" onCancel={onClose} onOk={() => userId && m.mutate(userId)} okButtonProps={{ disabled: !userId }} confirmLoading={m.isPending} destroyOnHidden>
      {m.error ? <Alert type="error" showIcon title={errorMessage(m.error)} style={{ marginBottom: 12 }} /> : null}
      <p className="muted">只列出{o.agencyName}尚未关联执法人员的账户。</p>
      <Select
        style={{ width: '100%' }}
        placeholder="选择账户"
        aria-label="选择账户"
        loading={candidates.isLoading}
        value={userId}
        onChange={setUserId}
        options={(candidates.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}，${labelOf(roleLabels, u.role)}${u.active ? '' : '，已停用'}）` }))}
        notFoundContent="本机构没有可关联的账户，请改为开通新账户"
      />
    </Modal>
  );
}

/** 离职 or 注销执法证: a date (and for revocation a reason); each can be undone. */
function StandingModal({ o, kind, open, onClose }: { o: Officer; kind: 'leave' | 'revoke'; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ on: Dayjs; reason?: string }>();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: { on: Dayjs; reason?: string }) =>
      api.updateOfficerStatus(o.id, kind === 'leave' ? { version: o.version, leftOn: v.on.format('YYYY-MM-DD') } : { version: o.version, credentialRevokedOn: v.on.format('YYYY-MM-DD'), credentialRevokedReason: v.reason ?? null }),
    onSuccess: (updated) => {
      qc.setQueryData(['officer', String(o.id)], updated);
      void qc.invalidateQueries({ queryKey: registryKeys.officerHistory(o.id) });
      void qc.invalidateQueries({ queryKey: officerKeys.all });
      showSuccess(kind === 'leave' ? '已登记离职' : '已登记执法证注销');
      onClose();
    },
  });
  return (
    <Modal open={open} title={kind === 'leave' ? `登记${o.name}离职` : `注销${o.name}的执法证`} okText="确定" cancelText="取消" okButtonProps={{ danger: true }} onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.isPending} destroyOnHidden>
      {m.error ? <Alert type="error" showIcon title={errorMessage(m.error)} style={{ marginBottom: 12 }} /> : null}
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="自该日起，其登录账户仍可查阅，但不能再开展检查、办案等执法活动。" />
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }} onFinish={(v) => m.mutate(v)}>
        <Form.Item name="on" label={kind === 'leave' ? '离职日期' : '注销日期'} rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {kind === 'revoke' ? (
          <Form.Item name="reason" label="注销原因" rules={[{ required: true, whitespace: true, message: '请写明注销原因' }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

export default function OfficerDetailPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const officer = useQuery({ queryKey: registryKeys.officer(id), queryFn: () => api.officer(id) });
  const history = useQuery({ queryKey: registryKeys.officerHistory(id), queryFn: () => api.officerHistory(id) });
  const [modal, setModal] = useState<null | 'create' | 'link' | 'leave' | 'revoke'>(null);
  const [unlinkReason, setUnlinkReason] = useState('');
  const [unlinkOpen, setUnlinkOpen] = useState(false);
  const admin = can.manageUsers(me);
  const writer = can.writeRegisters(me);
  const undo = useMutation({
    mutationFn: (patch: { leftOn?: null; credentialRevokedOn?: null }) => api.updateOfficerStatus(id, { version: officer.data!.version, ...patch }),
    onSuccess: (updated) => {
      qc.setQueryData(['officer', id], updated);
      void qc.invalidateQueries({ queryKey: registryKeys.officerHistory(id) });
      showSuccess('已撤销登记');
    },
    onError: showError,
  });
  const unlink = useMutation({
    mutationFn: () => api.unlinkOfficerAccount(id, unlinkReason.trim()),
    onSuccess: (updated) => {
      qc.setQueryData(['officer', id], updated);
      void qc.invalidateQueries({ queryKey: registryKeys.officerHistory(id) });
      setUnlinkOpen(false);
      setUnlinkReason('');
      showSuccess('已解除账户关联');
    },
    onError: showError,
  });

  if (officer.isLoading) return <Skeleton active />;
  if (officer.error || !officer.data) return <Result status="404" title="执法人员不存在" subTitle={officer.error ? errorMessage(officer.error) : undefined} extra={<Link to="/officers">返回执法人员名录</Link>} />;
  const o = officer.data;
  const left = !!o.leftOn && o.leftOn <= shanghaiToday();

  return (
    <>
      <PageHeader
        title={
          <Space>
            {o.name}
            <OfficerStandingTag o={o} />
          </Space>
        }
        sub={o.agencyName}
        extra={
          <Link to="/officers">
            <ArrowLeftOutlined /> 执法人员名录
          </Link>
        }
      />
      {o.enforcementBlocked ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={o.enforcementBlocked} description="其登录账户仍可查阅本人职责范围内的信息，但不能开展检查、办案等执法活动。" /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="执法证" size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="执法证号">
                <span className="mono">{o.credentialNo}</span>
              </Descriptions.Item>
              <Descriptions.Item label="有效期">
                {fmtDate(o.credentialValidFrom)} 至 {fmtDate(o.credentialValidTo)}
              </Descriptions.Item>
              <Descriptions.Item label="所属机构">{o.agencyName}</Descriptions.Item>
              <Descriptions.Item label="专业领域">{o.specialties.length ? o.specialties.map((s) => <Tag key={s}>{labelOf(industryLabels, s)}</Tag>) : '未登记'}</Descriptions.Item>
              <Descriptions.Item label="电话">{o.phone || '未登记'}</Descriptions.Item>
              {o.leftOn ? <Descriptions.Item label="离职日期">{fmtDate(o.leftOn)}</Descriptions.Item> : null}
              {o.credentialRevokedOn ? (
                <Descriptions.Item label="执法证注销">
                  {fmtDate(o.credentialRevokedOn)}（{o.credentialRevokedReason}）
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            {writer ? (
              <Space wrap style={{ marginTop: 12 }}>
                {o.leftOn ? (
                  <Button onClick={() => undo.mutate({ leftOn: null })} loading={undo.isPending} data-testid="undo-leave">
                    撤销离职登记
                  </Button>
                ) : (
                  <Button danger onClick={() => setModal('leave')} data-testid="leave">
                    登记离职
                  </Button>
                )}
                {o.credentialRevokedOn ? (
                  <Button onClick={() => undo.mutate({ credentialRevokedOn: null })} loading={undo.isPending}>
                    撤销注销登记
                  </Button>
                ) : (
                  <Button danger onClick={() => setModal('revoke')} data-testid="revoke">
                    注销执法证
                  </Button>
                )}
              </Space>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="登录账户" size="small" data-testid="officer-account">
            {o.account ? (
              <>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label="用户名">
                    <span className="mono">{o.account.username}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label="姓名">{o.account.displayName}</Descriptions.Item>
                  <Descriptions.Item label="角色">{labelOf(roleLabels, o.account.role)}</Descriptions.Item>
                  <Descriptions.Item label="状态">{o.account.active ? <Tag color="green">正常</Tag> : <Tag>已停用</Tag>}</Descriptions.Item>
                </Descriptions>
                {admin ? (
                  <Button icon={<DisconnectOutlined />} onClick={() => setUnlinkOpen(true)} style={{ marginTop: 8 }}>
                    解除关联
                  </Button>
                ) : null}
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={left ? '已离职，不再开通账户' : admin ? '尚未开通登录账户：开通后本人可登录办理承办的检查和案件' : '尚未开通登录账户，请联系系统管理员开通'}>
                {admin && !left ? (
                  <Space wrap>
                    <Button type="primary" icon={<UserAddOutlined />} onClick={() => setModal('create')} data-testid="create-account">
                      开通登录账户
                    </Button>
                    <Button icon={<LinkOutlined />} onClick={() => setModal('link')} data-testid="link-account">
                      关联已有账户
                    </Button>
                  </Space>
                ) : null}
              </Empty>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title="变更记录" size="small">
            <HistoryTimeline items={history.data?.items} loading={history.isLoading} />
          </Card>
        </Col>
      </Row>
      <CreateAccountModal o={o} open={modal === 'create'} onClose={() => setModal(null)} />
      <LinkAccountModal o={o} open={modal === 'link'} onClose={() => setModal(null)} />
      <StandingModal o={o} kind="leave" open={modal === 'leave'} onClose={() => setModal(null)} />
      <StandingModal o={o} kind="revoke" open={modal === 'revoke'} onClose={() => setModal(null)} />
      <Modal open={unlinkOpen} title="解除账户关联" okText="解除" cancelText="取消" okButtonProps={{ danger: true, disabled: unlinkReason.trim().length < 2 }} onCancel={() => setUnlinkOpen(false)} onOk={() => unlink.mutate()} confirmLoading={unlink.isPending}>
        <p>解除后该账户不再代表{o.name}，不能办理其承办的检查和案件。</p>
        <Input.TextArea rows={2} maxLength={200} placeholder="解除原因（必填）" value={unlinkReason} onChange={(e) => setUnlinkReason(e.target.value)} />
      </Modal>
    </>
  );
}
