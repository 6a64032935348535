// Small pieces shared by the 案卷评查 pages.
import { Tag } from 'antd';
import { caseReviewStatusLabels, reviewGradeLabels, type CaseReviewStatus, type ReviewGrade } from '@anjian/domain/oversight';

const gradeColor: Record<ReviewGrade, string> = { excellent: 'green', good: 'blue', pass: 'default', fail: 'red' };
const statusColor: Record<CaseReviewStatus, string> = { pending: 'default', rectifying: 'orange', rectified: 'blue', closed: 'green' };

export function GradeTag({ grade }: { grade: ReviewGrade | null }) {
  return grade ? <Tag color={gradeColor[grade]}>{reviewGradeLabels[grade]}</Tag> : null;
}

export function ReviewStatusTag({ status }: { status: CaseReviewStatus }) {
  return (
    <Tag color={statusColor[status]} data-testid="review-status">
      {caseReviewStatusLabels[status]}
    </Tag>
  );
}
