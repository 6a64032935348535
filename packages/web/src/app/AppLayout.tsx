import { useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Badge, Button, Drawer, Dropdown, Layout, Menu, Space, Tag, Tooltip, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  CarryOutOutlined,
  BankOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  HistoryOutlined,
  UserOutlined,
  IdcardOutlined,
  ScheduleOutlined,
  FileSearchOutlined,
  CalendarOutlined,
  GlobalOutlined,
  ProfileOutlined,
  WarningOutlined,
  FileProtectOutlined,
  SafetyOutlined,
  StopOutlined,
  EyeOutlined,
  NotificationOutlined,
  BarChartOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { OfflineBanner } from './OfflineBanner';
import { forgetFieldDay } from './persist';
import { labelOf, roleLabels } from '@anjian/domain/enums';
import { api, type Me } from '../api';
import { can, meKey } from './auth';
import { useIsMobile } from './useIsMobile';
import { canViewReports } from '../api/reporting';
import { useTodoMenuCounts } from './useTodo';
import { showError } from './feedback';
import { setOutboxUser } from '../pages/inspection/offline';

const { Header, Sider, Content } = Layout;

/** A menu entry's label with its to-do count (待办数) as a badge. */
function badged(key: string, to: string, text: string, counts: Record<string, number>) {
  const n = counts[key] ?? 0;
  return (
    <Link to={to}>
      {text}
      {n > 0 ? <Badge count={n} overflowCount={99} size="small" className="menu-badge" aria-label={`${n}项待办`} /> : null}
    </Link>
  );
}

function menuItems(me: Me, counts: Record<string, number>): NonNullable<MenuProps['items']> {
  const items: NonNullable<MenuProps['items']> = [{ key: '/', icon: <HomeOutlined />, label: <Link to="/">首页</Link> }];
  if (me.role === 'enterprise') {
    if (me.enterpriseId != null) {
      items.push({
        key: '/enterprises',
        icon: <BankOutlined />,
        label: <Link to={`/enterprises/${me.enterpriseId}`}>本企业信息</Link>,
      });
    }
    items.push({ key: '/inspections', icon: <ProfileOutlined />, label: badged('/inspections', '/inspections', '本企业检查记录', counts) });
    items.push({ key: '/hazards', icon: <WarningOutlined />, label: badged('/hazards', '/hazards', '本企业隐患', counts) });
    items.push({ key: '/cases', icon: <FileProtectOutlined />, label: badged('/cases', '/cases', '本企业处罚案件', counts) });
    items.push({ key: '/credit', icon: <SafetyOutlined />, label: badged('/credit', '/credit', '本企业信用', counts) });
    return items;
  }
  if (can.enforce(me)) items.push({ key: '/today', icon: <CarryOutOutlined />, label: badged('/today', '/today', '今日工作', counts) });
  items.push(
    { key: '/enterprises', icon: <BankOutlined />, label: <Link to="/enterprises">企业名录</Link> },
    { key: '/officers', icon: <IdcardOutlined />, label: <Link to="/officers">执法人员</Link> },
    { key: '/agencies', icon: <ApartmentOutlined />, label: <Link to="/agencies">执法机构</Link> },
    {
      key: 'grp-planning',
      type: 'group',
      label: '计划与抽查',
      children: [
        { key: '/plans', icon: <ScheduleOutlined />, label: badged('/plans', '/plans', '年度计划', counts) },
        { key: '/unplanned', icon: <FileSearchOutlined />, label: badged('/unplanned', '/unplanned', '计划外检查', counts) },
        { key: '/holidays', icon: <CalendarOutlined />, label: <Link to="/holidays">节假日检查</Link> },
        { key: '/calendar', icon: <CalendarOutlined />, label: <Link to="/calendar">工作日历</Link> },
        {
          key: '/public',
          icon: <GlobalOutlined />,
          label: (
            <a href="/public/targets" target="_blank" rel="noopener">
              信息公开
            </a>
          ),
        },
      ],
    },
    {
      key: 'grp-inspections',
      type: 'group',
      label: '检查与隐患',
      children: [
        { key: '/inspections', icon: <ProfileOutlined />, label: badged('/inspections', '/inspections', '检查台账', counts) },
        { key: '/hazards', icon: <WarningOutlined />, label: badged('/hazards', '/hazards', '隐患台账', counts) },
      ],
    },
    {
      key: 'grp-penalties',
      type: 'group',
      label: '处罚与信用',
      children: [
        { key: '/cases', icon: <FileProtectOutlined />, label: badged('/cases', '/cases', '行政处罚案件', counts) },
        ...(can.viewPublications(me) ? [{ key: '/penalty-publications', icon: <NotificationOutlined />, label: <Link to="/penalty-publications">处罚信息公开</Link> }] : []),
        ...(can.legalReview(me) ? [{ key: '/legal-review', icon: <AuditOutlined />, label: badged('/legal-review', '/legal-review', '法制审核', counts) }] : []),
        { key: '/credit', icon: <SafetyOutlined />, label: badged('/credit', '/credit/repairs', '信用修复与异议', counts) },
        { key: '/credit/blacklist', icon: <StopOutlined />, label: <Link to="/credit/blacklist">严重失信主体名单</Link> },
        ...(can.viewOversightHub(me) ? [{ key: '/oversight', icon: <EyeOutlined />, label: badged('/penalty-oversight', '/oversight', '执法监督', counts) }] : []),
      ],
    },
  );
  if (canViewReports(me)) items.push({ key: '/reports', icon: <BarChartOutlined />, label: <Link to="/reports">统计报表</Link> });
  if (can.manageUsers(me)) items.push({ key: '/users', icon: <TeamOutlined />, label: <Link to="/users">用户管理</Link> });
  if (can.manageUsers(me)) items.push({ key: '/job-runs', icon: <HistoryOutlined />, label: <Link to="/job-runs">后台任务</Link> });
  if (can.viewAudit(me)) items.push({ key: '/audit', icon: <AuditOutlined />, label: <Link to="/audit">审计日志</Link> });
  // R37 投诉举报: the handling staff (officers, leaders) and oversight
  if (me.role === 'officer' || me.role === 'leader' || me.role === 'oversight') items.push({ key: '/complaints', icon: <NotificationOutlined />, label: <Link to="/complaints">投诉举报</Link> });
  return items;
}

function selectedKey(pathname: string): string {
  const first = '/' + (pathname.split('/')[1] ?? '');
  if (first === '/draws') return '/plans'; // a draw belongs to a plan
  if (pathname.startsWith('/credit/blacklist')) return '/credit/blacklist';
  return first === '/' ? '/' : first;
}

export function AppLayout({ me }: { me: Me }) {
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const counts = useTodoMenuCounts(me);
  // idempotent: the phone's outbox sends only what this officer recorded (see offline.ts)
  setOutboxUser(me.id);
  const items = useMemo(() => menuItems(me, counts), [me, counts]);
  const key = selectedKey(location.pathname);
  const roleLabel = labelOf(roleLabels, me.role);
  const agencyName = me.agency?.name ?? (me.role === 'enterprise' ? '企业用户' : '');

  const logout = async () => {
    try {
      await api.logout();
    } catch (e) {
      showError(e);
    }
    queryClient.clear();
    queryClient.setQueryData(meKey, null);
    await forgetFieldDay(); // the next user of this phone sees nothing of this one's day
    setOutboxUser(null); // and sends nothing of what this one recorded
    navigate('/login', { replace: true });
  };

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[key]}
      items={items}
      onClick={() => setDrawerOpen(false)}
      aria-label="主菜单"
    />
  );

  const brand = (
    <div className="brand">
      <SafetyCertificateOutlined className="brand-icon" />
      <span className="brand-text">安监执法平台</span>
    </div>
  );

  return (
    <Layout className="app-layout">
      <Header className="app-header">
        <Space size={12} align="center" className="app-header-left">
          {isMobile ? (
            <Button
              type="text"
              className="menu-toggle"
              icon={
                <Badge dot={Object.values(counts).some((n) => n > 0)} offset={[2, 0]}>
                  <MenuOutlined style={{ color: '#fff' }} />
                </Badge>
              }
              aria-label="打开菜单"
              data-testid="menu-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          ) : null}
          <Link to="/" className="brand-link">
            {brand}
          </Link>
          {!isMobile && agencyName ? (
            <span className="header-agency" data-testid="header-agency">
              {agencyName}
            </span>
          ) : null}
        </Space>
        <div className="app-header-right">
          {isMobile ? (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'who', disabled: true, label: `${me.displayName}（${roleLabel}）` },
                  ...(agencyName ? [{ key: 'agency', disabled: true, label: agencyName }] : []),
                  { type: 'divider' as const },
                  { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
                ],
                onClick: ({ key: k }) => {
                  if (k === 'logout') void logout();
                },
              }}
            >
              <Button type="text" className="header-user-btn" icon={<UserOutlined />} aria-label="当前用户">
                <span className="header-user-name">{me.displayName}</span>
              </Button>
            </Dropdown>
          ) : (
            <Space size={12} align="center">
              <span className="header-user" data-testid="header-user">
                <UserOutlined /> {me.displayName}
              </span>
              <Tag color="blue" className="header-role">
                {roleLabel}
              </Tag>
              <Tooltip title="退出登录">
                <Button type="text" className="header-logout" icon={<LogoutOutlined />} onClick={() => void logout()}>
                  退出
                </Button>
              </Tooltip>
            </Space>
          )}
        </div>
      </Header>
      <Layout>
        {!isMobile ? (
          <Sider width={208} theme="dark" className="app-sider">
            <div className="app-sider-inner">{menu}</div>
          </Sider>
        ) : (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={260}
            closable={false}
            className="menu-drawer"
            styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
          >
            <div className="drawer-brand">
              {brand}
              {agencyName ? <div className="drawer-agency">{agencyName}</div> : null}
              <div className="drawer-user">
                {me.displayName} · {roleLabel}
              </div>
            </div>
            {menu}
          </Drawer>
        )}
        <Content className="app-content">
          <OfflineBanner />
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
