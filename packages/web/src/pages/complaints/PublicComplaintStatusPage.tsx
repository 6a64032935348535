// 投诉举报 (R37), no login: the progress and the answer of one complaint, by its tracking code — nothing else.
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Result, Spin, Steps, Typography } from 'antd';
import { errorMessage } from '../../api';
import { complaintsApi } from '../../api/complaints';
import './complaints.css';

export default function PublicComplaintStatusPage() {
  const code = (useParams().trackingCode ?? '').toUpperCase();
  const { data, isLoading, error } = useQuery({ queryKey: ['public-complaint', code], queryFn: () => complaintsApi.track(code), retry: false });
  if (isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (error || !data) {
    return (
      <div className="pc-page">
        <Result status="warning" title="未查到办理进度" subTitle={errorMessage(error)} extra={<Link to="/public/complaints">返回投诉举报</Link>} />
      </div>
    );
  }
  const step = data.status === 'received' ? 1 : data.status === 'accepted' ? 2 : 3;
  return (
    <div className="pc-page">
      <Typography.Title level={4} className="pc-title">
        举报办理进度
      </Typography.Title>
      <Card size="small">
        <dl className="kv">
          <dt>查询码</dt>
          <dd className="mono">{data.trackingCode}</dd>
          <dt>提交日期</dt>
          <dd>{data.receivedOn}</dd>
          <dt>承办机构</dt>
          <dd>{data.agencyName}</dd>
          <dt>当前状态</dt>
          <dd data-testid="complaint-status">
            <b>{data.statusLabel}</b>
          </dd>
        </dl>
        <Steps
          direction="vertical"
          size="small"
          current={step}
          status={data.status === 'not_accepted' ? 'error' : undefined}
          items={[
            { title: '已提交', description: data.receivedOn },
            { title: data.status === 'not_accepted' ? '不予受理' : '受理', description: data.decidedOn ?? `应于${data.acceptDue}前决定是否受理` },
            { title: '办理中', description: data.status === 'accepted' && data.replyDue ? `应于${data.replyDue}前答复` : undefined },
            { title: '答复', description: data.repliedOn ?? undefined },
          ].slice(0, data.status === 'not_accepted' ? 2 : 4)}
        />
      </Card>
      {data.decisionReason ? <Alert type="warning" showIcon message="不予受理的理由" description={data.decisionReason} style={{ marginTop: 12 }} /> : null}
      {data.replyText ? (
        <Card size="small" title={`答复（${data.repliedOn}）`} style={{ marginTop: 12 }}>
          <div data-testid="complaint-reply" style={{ whiteSpace: 'pre-wrap' }}>
            {data.replyText}
          </div>
        </Card>
      ) : null}
      <p className="muted pc-foot">
        <Link to="/public/complaints">返回投诉举报</Link>
      </p>
    </div>
  );
}
