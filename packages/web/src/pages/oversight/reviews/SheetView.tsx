// 评查标准: the scoring sheet in force (items by section with their weights), earlier versions, and for the province
// an editor that publishes a new version — rounds drawn before keep the version they were drawn with.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { caseReviewKindLabels, caseReviewKinds, reviewSectionLabels, reviewSections, reviewSheetProblems, type CaseReviewKind, type ReviewSheetItem } from '@anjian/domain/oversight';
import { errorMessage } from '../../../api';
import { caseReviewsApi } from '../../../api/caseReviews';
import { caseReviewKeys } from '../../../api/keys';
import { fmtDateTime } from '../../../app/format';
import { showError, showSuccess } from '../../../app/feedback';
import { useIsMobile } from '../../../app/useIsMobile';

const kindsText = (k: CaseReviewKind[]) => (k.length === 2 ? '两类案卷' : k.map((x) => caseReviewKindLabels[x]).join('、'));

function Editor({ initial, onDone }: { initial: ReviewSheetItem[]; onDone: () => void }) {
  const qc = useQueryClient();
  const [items, setItems] = useState<ReviewSheetItem[]>(initial.map((i) => ({ ...i })));
  const [note, setNote] = useState('');
  const problems = reviewSheetProblems({ items });
  const publish = useMutation({
    mutationFn: () => caseReviewsApi.publishSheet({ items, note }),
    onSuccess: (r) => {
      showSuccess(`已发布第 ${r.version} 版评查标准，此后抽取的批次按新版评查`);
      void qc.invalidateQueries({ queryKey: caseReviewKeys.allSheets });
      onDone();
    },
    onError: showError,
  });
  const patch = (i: number, p: Partial<ReviewSheetItem>) => setItems(items.map((x, k) => (k === i ? { ...x, ...p } : x)));
  return (
    <div data-testid="sheet-editor">
      {items.map((it, i) => (
        <div className="cr-editor-row" key={i}>
          <Input value={it.code} onChange={(e) => patch(i, { code: e.target.value })} aria-label="编号" placeholder="编号" />
          <Select value={it.section} onChange={(v) => patch(i, { section: v })} options={reviewSections.map((s) => ({ value: s, label: reviewSectionLabels[s] }))} aria-label="类别" />
          <Input.TextArea className="cr-editor-text" autoSize value={it.text} onChange={(e) => patch(i, { text: e.target.value })} aria-label="评查内容" placeholder="评查内容" />
          <InputNumber value={it.points} min={0.5} max={50} step={0.5} onChange={(v) => patch(i, { points: Number(v ?? 0) })} aria-label="分值" addonAfter="分" style={{ width: '100%' }} />
          <Checkbox.Group value={it.appliesTo} onChange={(v) => patch(i, { appliesTo: v as CaseReviewKind[] })} options={caseReviewKinds.map((k) => ({ value: k, label: k === 'penalty' ? '处罚' : '检查' }))} />
          <span><Switch size="small" checked={!!it.veto} onChange={(v) => patch(i, { veto: v })} aria-label="否决项" /> 否决</span>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除" onClick={() => setItems(items.filter((_, k) => k !== i))} />
        </div>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => setItems([...items, { code: `N${items.length + 1}`, section: 'documents', text: '', points: 2, appliesTo: ['penalty', 'inspection'] }])} style={{ marginBottom: 12 }}>
        增加评查项目
      </Button>
      <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder="修订说明（必填），如：提高证据项分值" autoSize={{ minRows: 2 }} style={{ marginBottom: 12 }} data-testid="sheet-note" />
      {problems.length ? <Alert type="warning" showIcon title={problems.slice(0, 3).join('；')} style={{ marginBottom: 12 }} /> : null}
      <Space>
        <Button type="primary" disabled={problems.length > 0 || note.trim().length < 2} loading={publish.isPending} onClick={() => publish.mutate()} data-testid="sheet-publish">
          发布新版本
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </div>
  );
}

export function SheetView() {
  const isMobile = useIsMobile();
  const [version, setVersion] = useState<number | undefined>();
  const [editing, setEditing] = useState(false);
  const { data, error, isLoading } = useQuery({ queryKey: caseReviewKeys.sheet(version), queryFn: () => caseReviewsApi.sheet(version) });
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!data) return isLoading ? <Typography.Text type="secondary">加载中…</Typography.Text> : null;
  const sheet = data.sheet;
  const total = (k: CaseReviewKind) => sheet.items.filter((i) => i.appliesTo.includes(k)).reduce((s, i) => s + i.points, 0);
  const columns: TableColumnsType<ReviewSheetItem> = [
    { title: '编号', dataIndex: 'code', key: 'code', width: 70 },
    { title: '类别', dataIndex: 'section', key: 'section', width: 110, render: (s: keyof typeof reviewSectionLabels) => reviewSectionLabels[s] },
    { title: '评查内容', dataIndex: 'text', key: 'text', render: (t: string, r) => <>{t}{r.veto ? <Tag color="red" style={{ marginLeft: 6 }}>否决项</Tag> : null}</> },
    { title: '分值', dataIndex: 'points', key: 'points', width: 70 },
    { title: '适用', key: 'kinds', width: 120, render: (_: unknown, r) => kindsText(r.appliesTo) },
  ];
  return (
    <>
      <div className="cr-filters">
        <Select value={version ?? sheet.version} onChange={(v) => { setVersion(v); setEditing(false); }} options={data.versions.map((v) => ({ value: v.version, label: v.version ? `第 ${v.version} 版（${v.note}）` : '默认评查标准' }))} style={{ minWidth: 240 }} data-testid="sheet-version" />
        {data.canEdit && !editing && (version == null || version === data.versions[0]?.version) ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="sheet-edit">修订评查标准</Button>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary">
        {sheet.version ? `第 ${sheet.version} 版，${sheet.createdByName ?? ''}于${fmtDateTime(sheet.createdAt)}发布。` : '默认评查标准。'}
        行政处罚案卷满分 {total('penalty')} 分、监督检查案卷满分 {total('inspection')} 分，得分折算为百分制：90分以上优秀，80分以上良好，60分以上合格；否决项扣分的案卷为不合格。每批次按抽取时施行的版本评查。
      </Typography.Paragraph>
      {editing ? (
        <Editor initial={sheet.items} onDone={() => setEditing(false)} />
      ) : isMobile ? (
        <div data-testid="sheet-items">
          {reviewSections.map((s) => {
            const its = sheet.items.filter((i) => i.section === s);
            return its.length ? (
              <div key={s} style={{ marginBottom: 12 }}>
                <Typography.Title level={5}>{reviewSectionLabels[s]}</Typography.Title>
                {its.map((i) => (
                  <div className="cr-sheet-item" key={i.code}>
                    <div className="cr-sheet-item-head">
                      <span className="cr-sheet-item-text">{i.text}{i.veto ? <Tag color="red" style={{ marginLeft: 6 }}>否决项</Tag> : null}</span>
                      <b>{i.points}分</b>
                    </div>
                    <div className="cr-card-meta">{kindsText(i.appliesTo)}</div>
                  </div>
                ))}
              </div>
            ) : null;
          })}
        </div>
      ) : (
        <Table<ReviewSheetItem> rowKey="code" size="small" columns={columns} dataSource={sheet.items} pagination={false} data-testid="sheet-items" />
      )}
    </>
  );
}
