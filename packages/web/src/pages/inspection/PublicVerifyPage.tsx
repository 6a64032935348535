// 扫码迎检 (R16) and 事后评价 (R19), no login: the enterprise scans the officers' code and sees who they are, whether
// their credentials are valid today and whether the inspection was filed with which items — and, in plain words,
// what is wrong if anything is. After the inspection it can evaluate it once.
import { useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Collapse, List, Result, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { inspectionsApi } from '../../api/inspection';
import { FeedbackForm } from './FeedbackForm';
import { inspectionKeys } from '../../api/keys';

export default function PublicVerifyPage() {
  const token = useParams().token ?? '';
  const qc = useQueryClient();
  const { data, isLoading, error } = useQuery({ queryKey: inspectionKeys.publicVerification(token), queryFn: () => inspectionsApi.publicVerification(token), retry: false });
  if (isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (error || !data)
    return (
      <div className="public-verify">
        <Result status="error" title="核验失败" subTitle={`${errorMessage(error)}。请要求执法人员说明情况，或向当地应急管理部门核实。`} />
      </div>
    );
  return (
    <div className="public-verify">
      <div className="public-verify-brand">
        <SafetyCertificateOutlined /> 安全生产执法检查 · 扫码核验
      </div>
      {data.valid ? (
        <Result status="success" icon={<CheckCircleFilled />} title="核验通过" subTitle="本次检查已依法报备，执法人员证件有效" className="verify-result" />
      ) : (
        <Result status="error" icon={<CloseCircleFilled />} title="核验发现问题" subTitle="请注意以下情况" className="verify-result" />
      )}
      {data.warnings.map((w) => (
        <Alert key={w} type="error" showIcon message={w} style={{ marginBottom: 8 }} />
      ))}
      <Card size="small" title="检查信息">
        <dl className="kv">
          <dt>执法机构</dt>
          <dd>{data.agencyName}</dd>
          <dt>被检查单位</dt>
          <dd>{data.enterpriseName}</dd>
          <dt>检查方式</dt>
          <dd>{data.originLabel}</dd>
          <dt>报备情况</dt>
          <dd>{data.filed ? <Tag color="success">已报备 {data.filedOn}</Tag> : <Tag color="error">未报备</Tag>}</dd>
          <dt>检查依据</dt>
          <dd>{data.legalBasis || '—'}</dd>
          <dt>状态</dt>
          <dd>{data.statusLabel}</dd>
          <dt>廉政承诺</dt>
          <dd>{data.commitmentSigned ? <Tag color="success">执法人员已签署</Tag> : <Tag>尚未签署</Tag>}</dd>
        </dl>
      </Card>
      <Card size="small" title={`执法人员（${data.officers.length}名）`}>
        <List
          dataSource={data.officers}
          renderItem={(o) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Space>
                  <b>{o.name}</b>
                  {o.credentialValid ? <Tag color="success">证件有效</Tag> : <Tag color="error">证件无效</Tag>}
                </Space>
                <span className="muted">
                  执法证号 {o.credentialNo}，有效期 {o.credentialValidFrom} 至 {o.credentialValidTo}
                </span>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Collapse
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'items',
            label: `报备的检查事项（${data.items.length}项）`,
            children: (
              <ol className="item-preview">
                {data.items.map((i) => (
                  <li key={i.code}>{i.title}</li>
                ))}
              </ol>
            ),
          },
        ]}
      />
      {data.feedbackOpen && <FeedbackForm submit={(b) => inspectionsApi.publicFeedback(token, b)} onDone={() => void qc.invalidateQueries({ queryKey: inspectionKeys.publicVerification(token) })} />}
      {data.feedbackSubmitted && <Alert style={{ marginTop: 12 }} type="success" showIcon message="本次检查已评价，感谢您的监督" />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        如发现执法人员未出示证件、未报备即检查或有吃拿卡要等行为，可向当地应急管理部门或执法监督机构反映。
      </Typography.Paragraph>
    </div>
  );
}
