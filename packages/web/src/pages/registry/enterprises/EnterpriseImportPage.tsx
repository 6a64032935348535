import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Progress,
  Result,
  Row,
  Space,
  Statistic,
  Steps,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { CheckCircleOutlined, FileExcelOutlined, FileTextOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage, type ImportJob, type ImportRowError } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { useIsMobile } from '../../../app/useIsMobile';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { enterpriseKeys, homeKeys, registryKeys } from '../../../api/keys';

const MAX_SIZE = 50 * 1024 * 1024;

function stepOf(job: ImportJob | undefined): number {
  if (!job) return 0;
  switch (job.status) {
    case 'parsing':
    case 'previewed':
      return 1;
    case 'committing':
      return 2;
    case 'committed':
      return 3;
    case 'failed':
      return job.createCount + job.updateCount > 0 && job.processed > 0 ? 2 : 1;
    default:
      return 1;
  }
}

function JobProgress({ job, label }: { job: ImportJob; label: string }) {
  const percent = job.total > 0 ? Math.min(100, Math.floor((job.processed / job.total) * 100)) : 0;
  return (
    <div className="import-progress" data-testid="import-progress">
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={percent} status="active" />
      <Typography.Text type="secondary">
        已处理 {job.processed.toLocaleString('zh-CN')} / {job.total > 0 ? job.total.toLocaleString('zh-CN') : '统计中'} 行
      </Typography.Text>
    </div>
  );
}

const errorColumns: TableColumnsType<ImportRowError> = [
  { title: '行号', dataIndex: 'row', key: 'row', width: 80 },
  { title: '信用代码', dataIndex: 'creditCode', key: 'creditCode', width: 200, className: 'mono' },
  { title: '名称', dataIndex: 'name', key: 'name', width: 220 },
  {
    title: '错误原因',
    dataIndex: 'messages',
    key: 'messages',
    render: (m: string[]) => (
      <ul className="error-reasons">
        {(m ?? []).map((x, i) => (
          <li key={i}>{x}</li>
        ))}
      </ul>
    ),
  },
];

export default function EnterpriseImportPage() {
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job') ?? undefined;
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const [uploadError, setUploadError] = useState<string | null>(null);

  const job = useQuery({
    queryKey: registryKeys.importJob(jobId),
    queryFn: () => api.importJob(jobId!),
    enabled: !!jobId,
    staleTime: 0,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'parsing' || s === 'committing' ? 500 : false;
    },
  });

  const upload = useMutation({
    mutationFn: (file: File) => api.startImport(file),
    meta: { silent: true },
    onSuccess: ({ jobId: id }) => {
      setUploadError(null);
      setParams({ job: id });
    },
    onError: (e) => setUploadError(errorMessage(e)),
  });

  const commit = useMutation({
    mutationFn: () => api.commitImport(jobId!),
    onSuccess: (j) => {
      queryClient.setQueryData(['import-job', jobId], j);
      void queryClient.invalidateQueries({ queryKey: registryKeys.importJob(jobId) });
    },
  });

  // a failed or interrupted job runs again from the file the server kept
  const retry = useMutation({
    mutationFn: () => api.retryImport(jobId!),
    onSuccess: (j) => {
      queryClient.setQueryData(['import-job', jobId], j);
      void queryClient.invalidateQueries({ queryKey: registryKeys.importJob(jobId) });
    },
  });

  const j = job.data;
  const committed = j?.status === 'committed';
  useEffect(() => {
    if (!committed) return;
    void queryClient.invalidateQueries({ queryKey: enterpriseKeys.all });
    void queryClient.invalidateQueries({ queryKey: homeKeys.statsAll });
  }, [committed, queryClient]);
  const current = stepOf(j);
  const restart = () => {
    setParams({});
    commit.reset();
    retry.reset();
    upload.reset();
  };

  return (
    <>
      <PageHeader
        title="批量导入企业"
        sub="按模板填写后上传；系统先校验并预览，确认后才写入。按统一社会信用代码新增或更新。"
        extra={
          <Button onClick={() => navigate("/enterprises")}>返回企业名录</Button>
        }
      />
      <Card size="small">
        <Steps
          current={current}
          size="small"
          orientation={isMobile ? 'vertical' : 'horizontal'}
          items={[{ title: '下载模板并上传' }, { title: '校验预览' }, { title: '确认导入' }, { title: '导入结果' }]}
          style={{ marginBottom: 24 }}
        />

        {!jobId ? (
          <Row gutter={[24, 24]}>
            <Col xs={24} lg={9}>
              <Typography.Title level={5}>① 下载导入模板</Typography.Title>
              <Typography.Paragraph type="secondary">
                模板第一行为中文列名，请勿修改列名。行业、风险赋码等填写中文（如“危险化学品”“红码”）。
              </Typography.Paragraph>
              <Space wrap>
                <Button icon={<FileExcelOutlined />} href={api.importTemplateUrl('xlsx')} download="企业名录导入模板.xlsx">
                  下载 Excel 模板
                </Button>
                <Button icon={<FileTextOutlined />} href={api.importTemplateUrl('csv')} download="企业名录导入模板.csv">
                  下载 CSV 模板
                </Button>
              </Space>
            </Col>
            <Col xs={24} lg={15} className="import-dragger">
              <Typography.Title level={5}>② 上传填好的文件</Typography.Title>
              {uploadError ? <Alert type="error" showIcon title={uploadError} style={{ marginBottom: 12 }} role="alert" /> : null}
              <Upload.Dragger
                accept=".xlsx,.csv"
                multiple={false}
                showUploadList={false}
                disabled={upload.isPending}
                beforeUpload={(file) => {
                  const name = file.name.toLowerCase();
                  if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) {
                    setUploadError('只支持 .xlsx 或 .csv 文件');
                    return Upload.LIST_IGNORE;
                  }
                  if (file.size > MAX_SIZE) {
                    setUploadError('文件不能超过 50 MB');
                    return Upload.LIST_IGNORE;
                  }
                  upload.mutate(file);
                  return false;
                }}
                data-testid="import-upload"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{upload.isPending ? '正在上传…' : '点击或将文件拖到此处上传'}</p>
                <p className="ant-upload-hint">支持 .xlsx、.csv，单个文件不超过 50 MB</p>
              </Upload.Dragger>
            </Col>
          </Row>
        ) : job.isLoading ? (
          <Progress percent={0} status="active" />
        ) : job.error ? (
          <Result
            status="warning"
            title="导入任务不存在或已过期"
            subTitle={errorMessage(job.error)}
            extra={<Button type="primary" onClick={restart}>重新上传</Button>}
          />
        ) : j ? (
          <div data-testid={`import-status-${j.status}`}>
            {j.status === 'parsing' ? <JobProgress job={j} label={`正在校验“${j.fileName}”…`} /> : null}
            {j.status === 'committing' ? <JobProgress job={j} label="正在写入数据…" /> : null}
            {j.status === 'failed' ? (
              <Result
                status="error"
                title="导入失败"
                subTitle={j.message ?? '文件无法处理，请检查是否使用了最新模板'}
                extra={
                  j.retryable ? (
                    <Space>
                      <Button type="primary" icon={<ReloadOutlined />} loading={retry.isPending} onClick={() => retry.mutate()} data-testid="import-retry">
                        重试（无需重新上传）
                      </Button>
                      <Button onClick={restart}>重新上传</Button>
                    </Space>
                  ) : (
                    <Button type="primary" icon={<ReloadOutlined />} onClick={restart}>重新上传</Button>
                  )
                }
              />
            ) : null}
            {j.status === 'previewed' ? (
              <>
                <Row gutter={[16, 16]} className="import-counts">
                  <Col xs={12} md={6}>
                    <Statistic title="文件总行数" value={j.total} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title="新增" value={j.createCount} styles={{ content: { color: '#2f9e44' } }} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title="更新" value={j.updateCount} styles={{ content: { color: '#1a5fb4' } }} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title="错误" value={j.errorCount} styles={{ content: { color: j.errorCount ? '#d9363e' : undefined } }} />
                  </Col>
                </Row>
                {j.errorCount > 0 ? (
                  <>
                    <Alert
                      type="warning"
                      showIcon
                      style={{ margin: '16px 0' }}
                      title={`有 ${j.errorCount} 行未通过校验，确认导入时这些行将被跳过。可修改文件后重新上传。`}
                      description={j.errorCount > j.errors.length ? `下表仅列出前 ${j.errors.length} 行错误。` : undefined}
                    />
                    <ResponsiveTable<ImportRowError>
                      rowKey={(r) => `${r.row}`}
                      size="small"
                      columns={errorColumns}
                      dataSource={j.errors}
                      scroll={{ x: 760 }}
                      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                      data-testid="import-errors"
                    />
                  </>
                ) : (
                  <Alert type="success" showIcon style={{ margin: '16px 0' }} title="全部行校验通过" />
                )}
                <div className="form-actions">
                  <Space wrap>
                    <Button
                      type="primary"
                      icon={<CheckCircleOutlined />}
                      disabled={j.validCount === 0}
                      loading={commit.isPending}
                      onClick={() => commit.mutate()}
                    >
                      确认导入（{j.validCount} 行）
                    </Button>
                    <Button onClick={restart}>重新上传</Button>
                  </Space>
                  {j.validCount === 0 ? (
                    <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                      没有可导入的有效行，请修改文件后重新上传。
                    </Typography.Paragraph>
                  ) : null}
                </div>
              </>
            ) : null}
            {j.status === 'committed' ? (
              <Result
                status="success"
                title="导入完成"
                subTitle={`新增 ${j.createCount} 家，更新 ${j.updateCount} 家${j.errorCount ? `，跳过错误行 ${j.errorCount} 行` : ''}。`}
                extra={[
                  <Button type="primary" key="list" onClick={() => navigate('/enterprises?sort=updatedAt&order=desc')}>
                    查看企业名录
                  </Button>,
                  <Button key="again" onClick={restart}>
                    继续导入
                  </Button>,
                ]}
              />
            ) : null}
          </div>
        ) : (
          <Empty />
        )}
      </Card>
    </>
  );
}
