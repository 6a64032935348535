// Small pieces shared by the hazard ledger and detail: status / escalation / major tags, the deadline with its
// working-day countdown (R22, R38), evidence thumbnails.
import { Image, Space, Tag, Tooltip } from 'antd';
import { FileOutlined, FilePdfOutlined, PlayCircleOutlined, SoundOutlined } from '@ant-design/icons';
import { escalationLevelLabels, escalationThresholds, hazardStatusLabels, type EscalationLevel } from '@anjian/domain/inspection';
import { labelOf } from '@anjian/domain/enums';
import type { Evidence, HazardStatus } from '../../api/hazard';
import type { WorkingCalendar } from '../../app/workingDays';

const statusColor: Record<HazardStatus, string> = { open: 'processing', rectified: 'warning', closed: 'success' };

export function HazardStatusTag({ value }: { value: HazardStatus | string }) {
  return (
    <Tag color={statusColor[value as HazardStatus] ?? 'default'} data-status={value} className="hz-status">
      {labelOf(hazardStatusLabels, value)}
    </Tag>
  );
}

export function MajorTag({ major }: { major: boolean }) {
  return major ? (
    <Tag color="red" variant="solid" className="hz-major">
      重大隐患
    </Tag>
  ) : (
    <Tag className="hz-general">一般隐患</Tag>
  );
}

const escalationColor: Record<EscalationLevel, string> = { letter: 'gold', notice: 'orange', interview: 'volcano', supervision: 'red' };

export function EscalationTag({ value }: { value: EscalationLevel | string | null | undefined }) {
  if (!value) return <span className="muted">未督办</span>;
  const level = value as EscalationLevel;
  return (
    <Tooltip title={`整改逾期满${escalationThresholds[level] ?? '?'}个工作日`}>
      <Tag color={escalationColor[level] ?? 'default'} variant={level === 'supervision' ? 'solid' : undefined} data-escalation={value}>
        {labelOf(escalationLevelLabels, value)}
      </Tag>
    </Tooltip>
  );
}

/** The deadline and what it means today: 剩余 n 个工作日 / 今日到期 / 逾期 n 个工作日 (red). */
export function DeadlineText({
  deadline,
  status,
  overdue,
  overdueWorkingDays,
  calendar,
  block,
}: {
  deadline: string;
  status: HazardStatus | string;
  overdue: boolean;
  overdueWorkingDays: number;
  calendar: WorkingCalendar;
  block?: boolean;
}) {
  let hint: React.ReactNode = null;
  if (status === 'closed') hint = <span className="muted">已销号</span>;
  else if (overdue) hint = <span className="hz-overdue">{overdueWorkingDays > 0 ? `逾期 ${overdueWorkingDays} 个工作日` : '已逾期'}</span>;
  else {
    const n = calendar.remaining(deadline);
    if (n === 0) hint = <span className="hz-due-soon">今日到期</span>;
    else if (n != null) hint = <span className={n <= 3 ? 'hz-due-soon' : 'hz-due'}>剩余 {n} 个工作日</span>;
    // R38: counted over a year whose holiday notice is not entered yet
    if (hint && calendar.provisional(deadline)) hint = <>{hint}<Tag color="orange" style={{ marginLeft: 4 }} data-testid="provisional">暂定</Tag></>;
  }
  return (
    <span className={`hz-deadline${block ? ' hz-deadline-block' : ''}`} data-testid="hazard-deadline" data-overdue={overdue ? '1' : '0'}>
      <span className={`mono${overdue && status !== 'closed' ? ' hz-overdue' : ''}`}>{deadline}</span>
      {hint ? <span className="hz-deadline-hint">{hint}</span> : null}
    </span>
  );
}


const kindIcon = (e: Evidence) =>
  e.mime === 'application/pdf' ? <FilePdfOutlined /> : e.kind === 'video' ? <PlayCircleOutlined /> : e.kind === 'audio' ? <SoundOutlined /> : <FileOutlined />;

/** Photos as thumbnails with preview, other files as links. */
export function EvidenceThumbs({ items, empty = '无' }: { items: Evidence[]; empty?: string }) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
  const photos = items.filter((e) => e.mime.startsWith('image/'));
  const files = items.filter((e) => !e.mime.startsWith('image/'));
  return (
    <div className="hz-evidence" data-testid="evidence-list">
      {photos.length ? (
        <Image.PreviewGroup>
          <Space wrap size={8}>
            {photos.map((e) => (
              <Image
                key={e.id}
                src={e.url}
                width={88}
                height={88}
                className="hz-thumb"
                alt={e.originalName || '现场照片'}
                data-testid="evidence-thumb"
                data-evidence-id={e.id}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      ) : null}
      {files.length ? (
        <ul className="hz-files">
          {files.map((e) => (
            <li key={e.id}>
              <a href={e.url} target="_blank" rel="noopener" data-testid="evidence-file">
                {kindIcon(e)} {e.originalName || `证据${e.id}`}
              </a>
              <span className="muted"> {(e.size / 1024).toFixed(0)} KB</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
