// 双随机抽取结果 (R13/R14): the recorded draw, re-checkable by anyone from its seed and input.
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, GlobalOutlined } from '@ant-design/icons';
import { api, ApiError, errorMessage } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { NotFound } from '../../components/NotFound';
import { VerifyDraw } from './common';
import { DrawAssignments, DrawSummary } from './DrawView';

export default function DrawPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const valid = !!id && /^\d+$/.test(id);
  const { data: draw, isLoading, error } = useQuery({
    queryKey: ['draw', id],
    queryFn: () => api.draw(id!),
    enabled: valid,
    meta: { silent: true },
  });
  if (!valid) return <NotFound title="未找到该抽取记录" backTo="/plans" backText="返回年度计划" />;
  if (isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403 || error.status === 400)) {
      return <NotFound title="未找到该抽取记录" subTitle="该记录不存在，或不在本机构的管辖范围内。" backTo="/plans" backText="返回年度计划" />;
    }
    return <Alert type="error" showIcon title={errorMessage(error)} />;
  }
  if (!draw) return null;
  return (
    <>
      <PageHeader
        title={<span data-testid="draw-title">{draw.title}</span>}
        sub="双随机抽取：随机抽取检查对象、随机选派执法人员，结果可复核并公开"
        extra={
          <Space wrap>
            <Button icon={<GlobalOutlined />} onClick={() => window.open(`/public/draws/${draw.id}`, '_blank', 'noopener')} data-testid="public-link">
              公开页面
            </Button>
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/plans'))}
            >
              返回
            </Button>
          </Space>
        }
      />
      <Card size="small" className="verify-card" style={{ marginBottom: 12 }}>
        <Typography.Paragraph className="verify-explain">
          系统按记录的随机种子和抽取输入（备选企业及权重、执法人员名录、回避和轮换）重新抽取一次，比对输入哈希和抽取结果。公众可在
          <Link to={`/public/draws/${draw.id}`} target="_blank">
            公开页面
          </Link>
          下载输入数据自行复核。
        </Typography.Paragraph>
        <Space wrap align="start" className="verify-row">
          <VerifyDraw drawId={draw.id} />
          <Button icon={<DownloadOutlined />} href={api.publicDrawInputUrl(draw.id)} download={`draw-${draw.id}-input.json`}>
            下载抽取输入
          </Button>
        </Space>
      </Card>
      <DrawSummary draw={draw} />
      <DrawAssignments draw={draw} linkEnterprises />
    </>
  );
}
