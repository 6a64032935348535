// R13: a draw's result, seed and input published for anyone to re-check — no login.
import { useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Result, Skeleton, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, ApiError, errorMessage } from '../../api';
import { VerifyDraw } from './common';
import { DrawAssignments, DrawSummary } from './DrawView';

export default function PublicDrawPage() {
  const { id } = useParams();
  const valid = !!id && /^\d+$/.test(id);
  const { data: draw, isLoading, error } = useQuery({
    queryKey: ['public-draw', id],
    queryFn: () => api.publicDraw(id!),
    enabled: valid,
    meta: { silent: true },
  });
  if (!valid || (error instanceof ApiError && (error.status === 404 || error.status === 400))) {
    return <Result status="404" title="未找到该抽取记录" subTitle="请核对链接中的抽取编号。" />;
  }
  if (isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!draw) return null;
  return (
    <>
      <Typography.Title level={4} className="public-title" data-testid="draw-title">
        {draw.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">双随机抽取结果公示：随机抽取检查对象，随机选派执法人员。</Typography.Paragraph>
      <Card size="small" className="verify-card" style={{ marginBottom: 12 }}>
        <Typography.Paragraph className="verify-explain" data-testid="verify-howto">
          任何人都可以复核：下载抽取输入（随机种子、备选企业及权重、执法人员名录），该文件的 SM3 哈希应与下方“输入哈希”一致；再用公开的抽取算法按文件重新计算，抽取结果应与下表相同，即证明结果未被改动。也可点击“验证抽取结果”由系统当场重算比对。
        </Typography.Paragraph>
        <Space wrap align="start" className="verify-row">
          <VerifyDraw drawId={draw.id} />
          <Button icon={<DownloadOutlined />} href={api.publicDrawInputUrl(draw.id)} download={`draw-${draw.id}-input.json`} data-testid="download-input">
            下载抽取输入（JSON）
          </Button>
        </Space>
      </Card>
      <DrawSummary draw={draw} />
      <DrawAssignments draw={draw} linkEnterprises={false} />
    </>
  );
}
