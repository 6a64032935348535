import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Alert, Button, Col, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Tag, type TableColumnsType } from 'antd';
import { KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { labelOf, roleLabels, roles, type Role } from '@anjian/domain/enums';
import { api, errorMessage, type User, type UserInput } from '../../../api';
import { fmtDateTime } from '../../../app/format';
import { showSuccess } from '../../../app/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { LedgerFilters, LedgerTable, useLedgerUrl } from '../../../components/Ledger';
import { pagedRows } from '../../../lib/ledgerRows';
import { userKeys } from '../../../api/keys';
import { AgencySelect } from '../../../components/agencies';
import { userCreateBody } from '@anjian/domain/contract/auth';
import { contractSubmit } from '../../../lib/contractForm';

const filterKeys = ['q', 'role'] as const;

const roleColors: Record<Role, string> = {
  admin: 'magenta',
  leader: 'purple',
  officer: 'blue',
  legal_reviewer: 'cyan',
  oversight: 'orange',
  enterprise: 'default',
};

const passwordRules = [
  { required: true, message: '请输入初始密码' },
  { min: 8, message: '密码至少 8 位' },
  {
    pattern: /^(?=.*[A-Za-z])(?=.*\d).+$/,
    message: '密码须同时包含字母和数字',
  },
];

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<UserInput>();
  const role = Form.useWatch('role', form);
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: UserInput) => api.createUser(body),
    meta: { silent: true },
    onSuccess: (u) => {
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      showSuccess(`已创建用户：${u.username}`);
      form.resetFields();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      title="新增用户"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      forceRender
      width={600}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<UserInput>
        form={form}
        layout="vertical"
        onFinish={contractSubmit(
          form,
          userCreateBody,
          (body) => {
            setError(null);
            create.mutate(body);
          },
          { toBody: (v) => ({ ...v, enterpriseId: v.role === 'enterprise' ? v.enterpriseId : undefined }), onFormError: setError },
        )}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              label="用户名"
              name="username"
              rules={[
                { required: true, message: '请输入用户名' },
                { pattern: /^[A-Za-z0-9._-]{3,32}$/, message: '3–32 位字母、数字、点、下划线或连字符' },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="初始密码" name="password" rules={passwordRules} extra="用户首次登录后应尽快修改">
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
              <Select options={roles.map((r) => ({ value: r, label: roleLabels[r] }))} placeholder="选择角色" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label="所属机构"
              name="agencyId"
              rules={[{ required: role !== 'enterprise', message: '请选择所属机构' }]}
              extra={role === 'enterprise' ? '企业用户可不填' : '用户只能看到本机构及下级机构管辖范围内的数据'}
            >
              <AgencySelect allowClear />
            </Form.Item>
          </Col>
          {role === 'enterprise' ? (
            <Col xs={24} sm={12}>
              <Form.Item label="企业编号" name="enterpriseId" rules={[{ required: true, message: '企业用户须关联企业编号' }]} extra="企业详情页地址中的数字编号">
                <InputNumber min={1} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: (password: string) => api.updateUser(user!.id, { password }),
    meta: { silent: true },
    onSuccess: () => {
      showSuccess('密码已重置');
      form.resetFields();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      title={`重置密码：${user?.displayName ?? ''}（${user?.username ?? ''}）`}
      open={!!user}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="重置"
      cancelText="取消"
      confirmLoading={reset.isPending}
      forceRender
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v.password)}>
        <Form.Item label="新密码" name="password" rules={passwordRules}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UserListPage() {
  const queryClient = useQueryClient();
  const [createOpen, setCreateOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const url = useLedgerUrl(filterKeys);
  const { values, update } = url;
  const keyword = values.q ?? '';
  const roleFilter = (roles as readonly string[]).includes(values.role ?? '') ? (values.role as Role) : undefined;
  const list = useQuery({
    queryKey: userKeys.all,
    queryFn: async () => {
      const r = await api.users();
      return Array.isArray(r) ? r : r.items;
    },
  });
  const { data } = list;
  const toggle = useMutation({
    mutationFn: (u: User) => api.updateUser(u.id, { active: !u.active }),
    onSuccess: (u) => {
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      showSuccess(u.active ? `已启用：${u.username}` : `已停用：${u.username}`);
    },
  });
  const rows = useMemo(() => {
    const kw = keyword.trim();
    return (data ?? []).filter(
      (u) => (!kw || u.username.includes(kw) || u.displayName.includes(kw)) && (!roleFilter || u.role === roleFilter),
    );
  }, [data, keyword, roleFilter]);

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', key: 'username', width: 150, className: 'mono' },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName', width: 120 },
    { title: '角色', dataIndex: 'role', key: 'role', width: 130, render: (r: Role) => <Tag color={roleColors[r]}>{labelOf(roleLabels, r)}</Tag> },
    { title: '所属机构', dataIndex: 'agencyName', key: 'agencyName', width: 220, ellipsis: true, render: (v) => v ?? '—' },
    {
      title: '关联执法人员',
      key: 'officer',
      width: 120,
      render: (_, u) => (u.officerId != null ? <Link to={`/officers/${u.officerId}`}>{u.officerName}</Link> : u.role === 'enterprise' || u.role === 'admin' ? '—' : <span className="muted">未关联</span>),
    },
    { title: '企业编号', dataIndex: 'enterpriseId', key: 'enterpriseId', width: 100, render: (v) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'active',
      key: 'active',
      width: 80,
      render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag color="default">停用</Tag>),
    },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: fmtDateTime },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      render: (_, u) => userActions(u),
    },
  ];
  function userActions(u: User) {
    return (

        <Space size={0}>
          <Popconfirm
            title={u.active ? `停用用户“${u.displayName}”？` : `启用用户“${u.displayName}”？`}
            description={u.active ? '停用后该用户将无法登录。' : undefined}
            okText="确定"
            cancelText="取消"
            onConfirm={() => toggle.mutateAsync(u)}
          >
            <Button type="link" size="small" danger={u.active} icon={u.active ? <StopOutlined /> : <CheckCircleOutlined />}>
              {u.active ? '停用' : '启用'}
            </Button>
          </Popconfirm>
          <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
            重置密码
          </Button>
        </Space>
    );
  }

  return (
    <>
      <PageHeader
        title="用户管理"
        sub="为各级执法人员、审核与监督人员及企业开通账户"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
            新增用户
          </Button>
        }
      />
      <LedgerFilters
        url={url}
        search={{ placeholder: '用户名 / 姓名', ariaLabel: '搜索用户', span: { md: 10, lg: 8 } }}
        primary={{
          span: { md: 8, lg: 6 },
          node: (
            <Select
              allowClear
              placeholder="角色"
              aria-label="角色"
              style={{ width: '100%' }}
              options={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
              value={roleFilter}
              onChange={(v?: string) => update({ role: v })}
            />
          ),
        }}
      />
      {/* the user list comes whole: filtered and paged here */}
      <LedgerTable<User>
        url={url}
        {...pagedRows(list, rows, url)}
        rowKey={(u) => u.id}
        columns={columns}
        scrollX={1100}
        testId="users"
        noun="个用户"
        unit="个用户"
        empty={{ text: '暂无用户', filtered: '没有符合条件的用户' }}
        card={(u) => (
          <div className="ent-card-inner">
            <div className="ent-card-head">
              <strong>
                {u.displayName} <span className="mono muted">{u.username}</span>
              </strong>
              {u.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
            </div>
            <div className="ent-card-meta">
              <Tag color={roleColors[u.role]}>{labelOf(roleLabels, u.role)}</Tag>
              <span>{u.agencyName ?? (u.enterpriseId != null ? `企业 #${u.enterpriseId}` : '—')}</span>
              {u.officerId != null ? <Link to={`/officers/${u.officerId}`}>执法人员：{u.officerName}</Link> : null}
            </div>
            {userActions(u)}
          </div>
        )}
      />
      <CreateUserModal open={createOpen} onClose={() => setCreateOpen(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
