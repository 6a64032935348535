// 后台任务: the runs of the server's own jobs (daily escalation and credit statuses, backups, plan batches), so an
// administrator sees a failed or interrupted run and its reason.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Tag, type TableColumnsType } from 'antd';
import { api, errorMessage, type JobRun } from '../../../api';
import { jobKeys } from '../../../api/keys';
import { fmtDateTime } from '../../../app/format';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable } from '../../../components/ResponsiveTable';

const statusColors: Record<JobRun['status'], string> = { running: 'processing', succeeded: 'success', failed: 'error' };

const columns: TableColumnsType<JobRun> = [
  { title: '任务', dataIndex: 'jobLabel', key: 'job', width: 160 },
  { title: '日期', dataIndex: 'runDate', key: 'runDate', width: 120 },
  { title: '状态', key: 'status', width: 100, render: (_, r) => <Tag color={statusColors[r.status]}>{r.statusLabel}</Tag> },
  { title: '开始', key: 'startedAt', width: 180, render: (_, r) => fmtDateTime(r.startedAt) },
  { title: '结束', key: 'endedAt', width: 180, render: (_, r) => (r.endedAt ? fmtDateTime(r.endedAt) : '—') },
  { title: '结果或原因', key: 'result', render: (_, r) => r.error ?? r.summary ?? '—' },
];

export default function JobRunsPage() {
  const runs = useQuery({ queryKey: jobKeys.runs, queryFn: () => api.jobRuns(), refetchInterval: 30_000 });
  return (
    <>
      <PageHeader title="后台任务" sub="每日隐患督办升级、信用状态更新、数据备份和批量生成年度计划的运行记录；服务中断的任务在重启后标为失败并自动重新运行" />
      <Card>
        {runs.error ? <Alert type="error" showIcon message={errorMessage(runs.error)} /> : null}
        <ResponsiveTable<JobRun> rowKey="id" size="small" loading={runs.isLoading} columns={columns} dataSource={runs.data?.items ?? []} pagination={false} scroll={{ x: 900 }} testId="job-runs" locale={{ emptyText: '暂无运行记录' }} />
      </Card>
    </>
  );
}
