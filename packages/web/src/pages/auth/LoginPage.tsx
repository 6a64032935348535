import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api';
import { meKey, useMe } from '../../app/auth';
import { forgetFieldDay } from '../../app/persist';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [error, setError] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/';

  const login = useMutation({
    mutationFn: (v: LoginValues) => api.login(v.username.trim(), v.password),
    // offline, say so now rather than wait (paused) for the network with the button spinning
    networkMode: 'always',
    meta: { silent: true },
    onSuccess: ({ user }) => {
      // nothing of a previous user's day stays in memory or on the phone (app/persist.ts)
      queryClient.clear();
      void forgetFieldDay();
      queryClient.setQueryData(meKey, user);
      navigate(target, { replace: true });
    },
    onError: (e) => setError(errorMessage(e)),
  });

  if (me && !login.isPending) return <Navigate to={target} replace />;

  return (
    <div className="login-page">
      <div className="login-banner">
        <SafetyCertificateOutlined className="login-emblem" />
        <div>
          <h1 className="login-title">安监执法平台</h1>
          <div className="login-subtitle">安全生产监管执法信息系统</div>
        </div>
      </div>
      <Card className="login-card" title="用户登录">
        <Form<LoginValues>
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => {
            setError(null);
            login.mutate(v);
          }}
          onValuesChange={() => error && setError(null)}
          autoComplete="on"
        >
          {error ? (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />
          ) : null}
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" size="large" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-hint">
          忘记密码请联系本单位系统管理员重置。连续输错 5 次，账户将被锁定 15 分钟。
        </Typography.Paragraph>
      </Card>
      <div className="login-footer">应急管理部门 · 安全生产监管执法</div>
    </div>
  );
}
