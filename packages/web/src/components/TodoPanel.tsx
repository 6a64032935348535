// 待办事项: the first thing on every role's home page — each kind of pending work with its count and nearest
// deadline, one tap to the list (or to the item itself when there is one).
import { Link } from 'react-router-dom';
import { Alert, Badge, Card, Empty, Skeleton, Tag } from 'antd';
import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import type { Me } from '../api';
import { useTodo } from '../app/useTodo';
import { fmtDate } from '../app/format';

export function TodoPanel({ me }: { me: Me }) {
  const { data, isLoading, error } = useTodo(me);
  const pending = (data?.items ?? []).filter((i) => i.count > 0).sort((a, b) => Number(b.overdue) - Number(a.overdue));
  const unlinkedOfficer = me.role === 'officer' && me.officerId == null;
  return (
    <Card title="待办事项" size="small" className="todo-card" data-testid="todo">
      {me.enforcementBlocked ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={me.enforcementBlocked} description="您仍可查阅职责范围内的信息，但不能开展检查、办案等执法活动。" /> : null}
      {unlinkedOfficer ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="您的账户尚未关联执法人员记录" description="关联后才能办理本人承办的检查和案件。请联系系统管理员在“执法人员”页面为您关联账户。" />
      ) : null}
      {isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : error ? (
        <Alert type="error" showIcon title="待办事项加载失败，请刷新重试" />
      ) : pending.length === 0 ? (
        <Empty image={<CheckCircleOutlined className="todo-done-icon" />} description="暂无待办事项" data-testid="todo-empty" />
      ) : (
        <ul className="todo-list">
          {pending.map((i) => (
            <li key={i.kind}>
              <Link to={i.link} className={`todo-item${i.overdue ? ' todo-overdue' : ''}`} data-testid={`todo-${i.kind}`} aria-label={`${i.title} ${i.count}项${i.overdue ? '，已逾期' : ''}`}>
                <Badge count={i.count} overflowCount={999} color={i.overdue ? '#d9363e' : '#1a5fb4'} />
                <span className="todo-title">{i.title}</span>
                {i.due ? (
                  <span className="todo-due">
                    {i.overdue ? <Tag color="red">已逾期</Tag> : null}
                    {i.overdue ? '最早' : '最近'}期限 {fmtDate(i.due)}
                  </span>
                ) : null}
                <RightOutlined className="todo-arrow" />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
