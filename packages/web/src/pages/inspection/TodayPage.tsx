// The officer's day (R15, R22): inspections to do, emergency inspections to backfill, hazards coming due — each
// with the one action it needs. Leaders see their agency's.
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Empty, List, Space, Spin, Tag } from 'antd';
import { AlertOutlined, FileAddOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { escalationLevelLabels } from '@anjian/domain/inspection';
import { labelOf } from '@anjian/domain/enums';
import { inspectionsApi, type InspectionLedgerRow } from '../../api/inspection';
import { errorMessage } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { useOutbox } from './offline';
import { FieldDayStatus, useFieldDay } from './FieldDay';
import { inspectionKeys } from '../../api/keys';

export default function TodayPage() {
  const navigate = useNavigate();
  const { data, isLoading, error, dataUpdatedAt } = useQuery({ queryKey: inspectionKeys.today, queryFn: inspectionsApi.today, refetchInterval: 5 * 60_000 });
  const day = useFieldDay(data, dataUpdatedAt);
  const outbox = useOutbox();
  const unsent = outbox.entries.filter((e) => !e.error).length;
  return (
    <div className="narrow-page">
      <PageHeader
        title="今日工作"
        sub={data?.date}
        extra={
          <Space wrap>
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/inspections/new')}>
              报备检查
            </Button>
            <Button danger icon={<ThunderboltOutlined />} onClick={() => navigate('/inspections/new?origin=emergency')}>
              紧急检查
            </Button>
          </Space>
        }
      />
      {unsent > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`手机上还有 ${unsent} 条检查记录待同步，联网后自动上传`} />}
      {data && <FieldDayStatus day={day} />}
      {isLoading && <Spin style={{ display: 'block', margin: 40 }} />}
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {data && (
        <>
          {data.backfills.length > 0 && (
            <Card className="step-card" title={<Space><AlertOutlined style={{ color: '#cf1322' }} />待补录的紧急检查</Space>}>
              <List
                dataSource={data.backfills}
                renderItem={(r) => (
                  <List.Item actions={[<Link key="go" to={`/inspections/${r.id}`}>去补录</Link>]}>
                    <List.Item.Meta
                      title={r.enterpriseName}
                      description={r.backfillOverdue ? <Tag color="error">已逾期，应于 {r.backfillDue} 前补录</Tag> : <Tag color="warning">请于 {r.backfillDue} 前补录</Tag>}
                    />
                  </List.Item>
                )}
              />
            </Card>
          )}
          <Card className="step-card" title={`待检查（${data.inspections.length}）`}>
            {data.inspections.length === 0 ? (
              <Empty description="没有待进行的检查。年度计划、双随机抽查或已批准的计划外检查可在“报备检查”中报备。" />
            ) : (
              <List dataSource={data.inspections} renderItem={(r) => <InspectionRow row={r} unsaved={!day.online && !day.isSaved(r.id)} />} />
            )}
          </Card>
          <Card className="step-card" title={`即将到期和逾期的隐患（${data.hazardsDue.length}）`}>
            {data.hazardsDue.length === 0 ? (
              <Empty description="3个工作日内没有到期的隐患" />
            ) : (
              <List
                dataSource={data.hazardsDue}
                renderItem={(h) => (
                  <List.Item actions={[<Link key="go" to={`/hazards/${h.id}`}>查看</Link>]}>
                    <List.Item.Meta
                      title={
                        <Space wrap size={4}>
                          {h.major && <Tag color="red">重大</Tag>}
                          {h.enterpriseName}
                        </Space>
                      }
                      description={
                        <Space wrap size={4}>
                          <span>{h.description}</span>
                          {h.overdue ? <Tag color="error">已逾期（{h.deadline}）</Tag> : <Tag color="warning">{h.deadline} 到期</Tag>}
                          {h.status === 'rectified' && <Tag color="processing">企业已报整改，待复查</Tag>}
                          {h.escalationLevel && <Tag color="volcano">{labelOf(escalationLevelLabels, h.escalationLevel)}</Tag>}
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </>
      )}
    </div>
  );
}

function InspectionRow({ row, unsaved }: { row: InspectionLedgerRow; unsaved: boolean }) {
  const navigate = useNavigate();
  const started = row.status === 'in_progress';
  return (
    <List.Item
      actions={[
        <Button key="go" type={started ? 'primary' : 'default'} onClick={() => navigate(`/inspections/${row.id}`)}>
          {started ? '继续检查' : '进场检查'}
        </Button>,
      ]}
    >
      <List.Item.Meta
        title={row.enterpriseName}
        description={
          <Space wrap size={4}>
            <Badge status={started ? 'processing' : 'default'} text={row.statusLabel} />
            <Tag>{row.originLabel}</Tag>
            <span>{row.plannedDate}</span>
            <span className="muted">{row.officerNames}</span>
            {unsaved && <Tag color="warning">未保存到手机，需联网打开</Tag>}
          </Space>
        }
      />
    </List.Item>
  );
}
