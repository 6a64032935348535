// One drawn case file (/oversight/reviews/:id): the scoring form on the round's sheet (phone-friendly: one item per row,
// a reason appears when points are deducted, the total follows live), the result with its defects, the rectification
// by the reviewed agency's leader and its acceptance by the reviewer, and the supervisory measures taken on it. What
// the caller may do is decided by the server (item.can).
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Input, InputNumber, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { interventionKindLabels, interventionKinds, reviewSectionLabels, reviewSections, scoreReview, type InterventionKind, type ItemScore } from '@anjian/domain/oversight';
import { errorMessage } from '../../../api';
import { caseReviewsApi, type ReviewItemDetail } from '../../../api/caseReviews';
import { caseReviewKeys } from '../../../api/keys';
import { fmtDateTime } from '../../../app/format';
import { showError, showSuccess } from '../../../app/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { GradeTag, ReviewStatusTag } from './parts';
import '../oversight.css';

function ScoringForm({ item, onDone }: { item: ReviewItemDetail; onDone: () => void }) {
  const [scores, setScores] = useState<Record<string, ItemScore>>(() => Object.fromEntries(item.sheetItems.map((i) => [i.code, { code: i.code, deduction: 0, note: '' }])));
  const [comment, setComment] = useState('');
  const live = useMemo(() => scoreReview({ items: item.sheetItems }, item.kind, Object.values(scores).map((s) => ({ ...s, note: s.note || '—' }))), [scores, item]);
  const missingNotes = Object.values(scores).filter((s) => s.deduction > 0 && !(s.note ?? '').trim()).length;
  const submit = useMutation({
    mutationFn: () => caseReviewsApi.score(item.id, { scores: Object.values(scores).map((s) => ({ code: s.code, deduction: s.deduction, ...(s.deduction > 0 ? { note: s.note } : {}) })), ...(comment.trim() ? { comment } : {}) }),
    onSuccess: (r) => {
      showSuccess(`评查完成：${r.score}分，${r.gradeLabel}，${r.statusLabel}`);
      onDone();
    },
    onError: showError,
  });
  const set = (code: string, p: Partial<ItemScore>) => setScores((s) => ({ ...s, [code]: { ...s[code]!, ...p } }));
  return (
    <Card size="small" title={`评分（${item.sheetVersion ? `第 ${item.sheetVersion} 版评查标准` : '默认评查标准'}）`} data-testid="scoring-form">
      {reviewSections.map((sec) => {
        const its = item.sheetItems.filter((i) => i.section === sec);
        if (!its.length) return null;
        return (
          <div key={sec} style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ marginTop: 8 }}>{reviewSectionLabels[sec]}</Typography.Title>
            {its.map((i) => {
              const s = scores[i.code]!;
              return (
                <div className="cr-sheet-item" key={i.code} data-testid={`score-item-${i.code}`}>
                  <div className="cr-sheet-item-head">
                    <span className="cr-sheet-item-text">
                      {i.text}
                      {i.veto ? <Tag color="red" style={{ marginLeft: 6 }}>否决项</Tag> : null}
                      <span className="muted">（{i.points}分）</span>
                    </span>
                    <InputNumber min={0} max={i.points} step={0.5} value={s.deduction} onChange={(v) => set(i.code, { deduction: Number(v ?? 0) })} addonBefore="扣" style={{ width: 120 }} aria-label={`${i.text} 扣分`} data-testid="score-deduction" />
                  </div>
                  {s.deduction > 0 ? (
                    <Input.TextArea autoSize value={s.note} onChange={(e) => set(i.code, { note: e.target.value })} placeholder="扣分理由：存在的问题（将反馈被评查单位整改）" status={s.note?.trim() ? undefined : 'warning'} style={{ marginTop: 6 }} data-testid="score-note" />
                  ) : null}
                </div>
              );
            })}
          </div>
        );
      })}
      <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} placeholder="评查意见（选填）" autoSize={{ minRows: 2 }} style={{ margin: '8px 0' }} />
      <div className="cr-total">
        <span>
          得分 <span className="cr-score" data-testid="live-score">{live.score}</span> <GradeTag grade={live.grade} />
          <span className="muted"> 扣 {live.deducted} 分 / 满分 {live.applicablePoints}</span>
        </span>
        <Button type="primary" disabled={missingNotes > 0} loading={submit.isPending} onClick={() => submit.mutate()} data-testid="score-submit">
          {missingNotes > 0 ? `请填写${missingNotes}项扣分理由` : '提交评分'}
        </Button>
      </div>
    </Card>
  );
}

function Rectify({ item, onDone }: { item: ReviewItemDetail; onDone: () => void }) {
  const [content, setContent] = useState('');
  const m = useMutation({ mutationFn: () => caseReviewsApi.rectify(item.id, content), onSuccess: () => { showSuccess('已登记整改情况，等待评查人员验收'); onDone(); }, onError: showError });
  return (
    <Card size="small" title="登记整改情况" data-testid="rectify-form">
      <Input.TextArea value={content} onChange={(e) => setContent(e.target.value)} autoSize={{ minRows: 3 }} placeholder="逐项说明整改措施和结果（不少于10个字）" />
      <Button type="primary" style={{ marginTop: 8 }} disabled={content.trim().length < 10} loading={m.isPending} onClick={() => m.mutate()} data-testid="rectify-submit">提交整改情况</Button>
    </Card>
  );
}

function Accept({ item, onDone }: { item: ReviewItemDetail; onDone: () => void }) {
  const [opinion, setOpinion] = useState('');
  const m = useMutation({ mutationFn: (accept: boolean) => caseReviewsApi.accept(item.id, { accept, opinion }), onSuccess: (_, accept) => { showSuccess(accept ? '验收通过，已办结' : '已退回重新整改'); onDone(); }, onError: showError });
  return (
    <Card size="small" title="验收整改" data-testid="accept-form">
      <Input.TextArea value={opinion} onChange={(e) => setOpinion(e.target.value)} autoSize={{ minRows: 2 }} placeholder="验收意见" />
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" disabled={opinion.trim().length < 2} loading={m.isPending} onClick={() => m.mutate(true)} data-testid="accept-ok">验收通过</Button>
        <Button danger disabled={opinion.trim().length < 2} loading={m.isPending} onClick={() => m.mutate(false)}>退回整改</Button>
      </Space>
    </Card>
  );
}

function Measure({ item, onDone }: { item: ReviewItemDetail; onDone: () => void }) {
  const [kind, setKind] = useState<InterventionKind>('reminder');
  const [content, setContent] = useState('');
  const [dueOn, setDueOn] = useState('');
  const m = useMutation({
    mutationFn: () => caseReviewsApi.recordMeasure({ subjectType: 'case_review', subjectId: item.id, kind, content, dueOn: dueOn || null }),
    onSuccess: () => { showSuccess(`已登记${interventionKindLabels[kind]}`); setContent(''); onDone(); },
    onError: showError,
  });
  return (
    <div data-testid="measure-form" style={{ marginTop: 8 }}>
      <Space wrap>
        <Select value={kind} onChange={setKind} options={interventionKinds.map((k) => ({ value: k, label: interventionKindLabels[k] }))} style={{ width: 120 }} data-testid="measure-form-kind" />
        <DatePicker value={dueOn ? dayjs(dueOn) : null} onChange={(d) => setDueOn(d ? d.format('YYYY-MM-DD') : '')} placeholder="办理期限（选填）" disabledDate={(d) => d.isBefore(dayjs(), 'day')} aria-label="办理期限" style={{ width: 170 }} />
      </Space>
      <Input.TextArea value={content} onChange={(e) => setContent(e.target.value)} autoSize={{ minRows: 2 }} placeholder="措施内容，如：限期整改并报送整改报告" style={{ marginTop: 8 }} data-testid="measure-form-content" />
      <Button style={{ marginTop: 8 }} disabled={content.trim().length < 4} loading={m.isPending} onClick={() => m.mutate()} data-testid="measure-form-submit">登记监督措施</Button>
    </div>
  );
}

export default function CaseReviewPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { data: item, error, isLoading } = useQuery({ queryKey: caseReviewKeys.item(id), queryFn: () => caseReviewsApi.item(id), enabled: Number.isInteger(id) && id > 0 });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: caseReviewKeys.item(id) });
    void qc.invalidateQueries({ queryKey: caseReviewKeys.allItems });
    void qc.invalidateQueries({ queryKey: ['oversight-measures'] });
  };
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (isLoading || !item) return <Skeleton active paragraph={{ rows: 8 }} />;
  const fileLink = item.kind === 'penalty' ? `/cases/${item.subjectId}` : `/inspections/${item.subjectId}`;
  return (
    <>
      <PageHeader title={<span className="mono">{item.subjectLabel}</span>} sub={<Space wrap><Link to="/oversight/reviews">← 案卷评查</Link><ReviewStatusTag status={item.status} /><span>{item.kindLabel}</span></Space>} />
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'agency', label: '被评查单位', children: item.agencyName },
            { key: 'ent', label: '当事人/检查对象', children: item.enterpriseName },
            { key: 'round', label: '评查批次', children: `${item.roundTitle}（${item.roundAgencyName}组织）` },
            { key: 'file', label: '案卷', children: <Link to={fileLink} data-testid="review-file-link">查看完整案卷</Link> },
          ]} />
        </Card>
        {item.reviewBlockedReason ? <Alert type="info" showIcon title={item.reviewBlockedReason} data-testid="review-blocked" /> : null}
        {item.can.score ? <ScoringForm item={item} onDone={refresh} /> : null}
        {item.score != null ? (
          <Card size="small" title="评查结果" data-testid="review-result">
            <div style={{ marginBottom: 8 }}>
              <span className="cr-score">{item.score}</span> 分 <GradeTag grade={item.grade} />
              {item.veto ? <Tag color="red">否决项扣分</Tag> : null}
              <span className="muted"> · {item.reviewerName} 于 {fmtDateTime(item.scoredAt)} 评查</span>
            </div>
            {item.defects.length ? (
              <ol style={{ paddingLeft: 20, margin: 0 }} data-testid="review-defects">
                {item.defects.map((d) => (
                  <li key={d.code}>
                    <b>【{reviewSectionLabels[d.section]}】</b>{d.note} <span className="muted">（{d.text}，扣{d.deduction}分）</span>
                  </li>
                ))}
              </ol>
            ) : (
              <Typography.Text type="success">未发现问题</Typography.Text>
            )}
            {item.comment ? <Typography.Paragraph style={{ marginTop: 8 }}>评查意见：{item.comment}</Typography.Paragraph> : null}
          </Card>
        ) : null}
        {item.rectification ? (
          <Card size="small" title="整改情况">
            <Typography.Paragraph>{item.rectification}</Typography.Paragraph>
            <div className="muted">{item.rectifiedByName} · {fmtDateTime(item.rectifiedAt)}</div>
            {item.acceptanceOpinion ? <Typography.Paragraph style={{ marginTop: 8 }}>验收意见：{item.acceptanceOpinion}{item.acceptedByName ? `（${item.acceptedByName}，${fmtDateTime(item.acceptedAt)}）` : '（退回整改）'}</Typography.Paragraph> : null}
          </Card>
        ) : null}
        {item.can.rectify ? <Rectify item={item} onDone={refresh} /> : null}
        {item.can.accept ? <Accept item={item} onDone={refresh} /> : null}
        {item.defects.length ? (
          <Card size="small" title="监督措施">
            {item.interventions.length ? (
              item.interventions.map((m) => (
                <div key={m.id} className="cr-sheet-item" data-testid="review-measure">
                  <Tag color="orange">{interventionKindLabels[m.kind]}</Tag>
                  {m.content}
                  <div className="cr-card-meta">{m.recordedByName} · {fmtDateTime(m.recordedAt)}{m.dueOn ? ` · 期限 ${m.dueOn}` : ''}</div>
                </div>
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未采取监督措施" />
            )}
            {item.can.intervene ? <Measure item={item} onDone={refresh} /> : null}
          </Card>
        ) : null}
      </Space>
    </>
  );
}
