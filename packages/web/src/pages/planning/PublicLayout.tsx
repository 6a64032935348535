// The public pages (信息公开): no login, no menu, no call that could redirect to the login page.
import { Link, NavLink, Outlet } from 'react-router-dom';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import '../disclosure/portal.css';

export default function PublicLayout() {
  return (
    <div className="public-layout">
      <header className="public-header">
        <Link to="/public" className="public-brand">
          <SafetyCertificateOutlined className="brand-icon" />
          <span className="public-brand-text">安监执法平台 · 信息公开</span>
        </Link>
        <nav className="public-nav" style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px' }}>
          <NavLink to="/public" end data-testid="nav-portal">
            首页
          </NavLink>
          <NavLink to="/public/plans">检查计划</NavLink>
          <NavLink to="/public/targets">计划执法对象名单</NavLink>
          <NavLink to="/public/draws" end>
            双随机抽取
          </NavLink>
          <NavLink to="/public/results">抽查结果</NavLink>
          <NavLink to="/public/penalties">行政处罚决定</NavLink>
          <NavLink to="/public/blacklist">严重失信主体名单</NavLink>
          <NavLink to="/public/complaints">投诉举报</NavLink>
        </nav>
      </header>
      <main className="public-content">
        <Outlet />
      </main>
      <footer className="public-footer">
        依据“双随机、一公开”要求公开：年度监督检查计划执法对象名单每月公示，双随机抽取结果公开并可复核。
        <Link to="/login">工作人员登录</Link>
      </footer>
    </div>
  );
}
