// The officer records evidence and on-site measures in the field (phone first): 询问笔录 on an inspection or a case,
// 勘验（检查）笔录, 查封扣押 (and its one 延长), 先行登记保存 on a case, 现场处理措施 and the escalation letters on a hazard.
// Each form sends what only the officer knows; the server fills in the party, the officers' credentials, the hazard's
// history and the periods, and issues the numbered document.
import { useEffect, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { FilePdfOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { escalationLevelLabels, escalationLevels, type EscalationLevel } from '@anjian/domain/inspection';
import { onSiteMeasureLabels, onSiteMeasures, seizureMeasureLabels, sexLabels, type OnSiteMeasure, type SeizedItem, type SeizureMeasure, type Sex } from '@anjian/domain/siteRecords';
import { errorMessage } from '../../api';
import { hazardsApi, shanghaiToday, type DocumentSummary, type HazardDetail } from '../../api/hazard';
import { inspectionsApi } from '../../api/inspection';
import { siteDocumentsApi } from '../../api/siteDocuments';
import { showSuccess } from '../../app/feedback';
import { fmtDateTime } from '../../app/format';
import { useIsMobile } from '../../app/useIsMobile';

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** A form in a dialog that fills the screen on a phone; `submit` issues the document. */
function DocModal<V extends object>({ title, open, onClose, submit, children, initialValues }: { title: string; open: boolean; onClose: () => void; submit: (v: V) => Promise<DocumentSummary>; children: ReactNode; initialValues?: Partial<V> }) {
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: submit,
    onSuccess: (d) => {
      setError(null);
      form.resetFields();
      onClose();
      for (const key of ['penalty-case', 'hazard', 'hazard-documents', 'documents', 'inspection']) void qc.invalidateQueries({ queryKey: [key] });
      showSuccess(`已出具《${d.title}》${d.number}`);
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="出具文书"
      cancelText="取消"
      confirmLoading={m.isPending}
      width={isMobile ? '100%' : 680}
      style={isMobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : { top: 32 }}
      destroyOnHidden
      // a half-typed 笔录 is not lost to a stray Escape or a tap beside the dialog
      keyboard={false}
      maskClosable={false}
    >
      <Form<V> form={form} layout="vertical" requiredMark initialValues={initialValues as never} onFinish={(v) => m.mutate(v)}>
        {children}
        {error ? <Alert type="error" showIcon title={error} data-testid="sitedoc-error" /> : null}
      </Form>
    </Modal>
  );
}

/** Two or more officers of the agency (R16: 两人以上、持证). */
function OfficersField({ agencyId, label = '执法人员' }: { agencyId: number; label?: string }) {
  const officers = useQuery({ queryKey: ['officers', { agencyId, pageSize: 200 }], queryFn: () => hazardsApi.agencyOfficers(agencyId), staleTime: 5 * 60_000 });
  const mine = useQuery({ queryKey: ['my-officer-id'], queryFn: hazardsApi.myOfficerId, staleTime: 10 * 60_000, meta: { silent: true } });
  const form = Form.useFormInstance();
  // the signed-in officer is one of the two, unless someone was chosen already
  useEffect(() => {
    if (mine.data && !form.isFieldTouched('officerIds') && (form.getFieldValue('officerIds') ?? []).length === 0) form.setFieldValue('officerIds', [mine.data]);
  }, [mine.data, form]);
  const options = (officers.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.credentialNo}）${o.credentialStatus === 'expired' ? ' 执法证已过期' : ''}`, disabled: o.credentialStatus === 'expired' }));
  return (
    <Form.Item
      name="officerIds"
      label={label}
      rules={[{ validator: (_r, v: number[] | undefined) => ((v?.length ?? 0) >= 2 ? Promise.resolve() : Promise.reject(new Error('执法人员不得少于两人'))) }]}
      extra="两名以上持有效执法证的人员，文书上印出姓名和执法证号"
    >
      <Select mode="multiple" placeholder="选择两名以上执法人员" aria-label={label} options={options} loading={officers.isLoading} showSearch={{ optionFilterProp: 'label' }} data-testid="sitedoc-officers" />
    </Form.Item>
  );
}

function SpanFields({ what }: { what: string }) {
  return (
    <Form.Item name="span" label={`${what}时间（北京时间）`} rules={[{ required: true, message: `请选择${what}的开始和结束时间` }]}>
      <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly style={{ width: '100%' }} placeholder={['开始', '结束']} />
    </Form.Item>
  );
}
const spanOf = (span: [Dayjs, Dayjs]) => ({ startedAt: span[0].toDate().toISOString(), endedAt: span[1].toDate().toISOString() });

// ---------------- 询问笔录 ----------------

interface InterviewValues {
  span: [Dayjs, Dayjs];
  place: string;
  name: string;
  sex: Sex;
  idNumber: string;
  workUnit: string;
  post: string;
  phone: string;
  relation: string;
  officerIds: number[];
  present?: string;
  recusalAnswer: string;
  qa: { q: string; a: string }[];
}

function InterviewModal({ open, onClose, agencyId, send }: { open: boolean; onClose: () => void; agencyId: number; send: (b: Parameters<typeof siteDocumentsApi.caseInterview>[1]) => Promise<DocumentSummary> }) {
  return (
    <DocModal<InterviewValues>
      title="询问笔录"
      open={open}
      onClose={onClose}
      initialValues={{ sex: 'male', recusalAnswer: '不申请回避', qa: [{ q: '', a: '' }] }}
      submit={(v) =>
        send({
          ...spanOf(v.span),
          place: v.place,
          interviewee: { name: v.name, sex: v.sex, idNumber: v.idNumber, workUnit: v.workUnit, post: v.post, phone: v.phone, relation: v.relation },
          officerIds: v.officerIds,
          present: v.present,
          recusalAnswer: v.recusalAnswer,
          qa: v.qa,
        })
      }
    >
      <SpanFields what="询问" />
      <Form.Item name="place" label="询问地点" rules={required('请填写询问地点')}>
        <Input maxLength={200} />
      </Form.Item>
      <Typography.Title level={5}>被询问人</Typography.Title>
      <Form.Item name="name" label="姓名" rules={required('请填写被询问人姓名')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="sex" label="性别">
        <Radio.Group optionType="button" options={(Object.keys(sexLabels) as Sex[]).map((s) => ({ value: s, label: sexLabels[s] }))} />
      </Form.Item>
      <Form.Item name="idNumber" label="公民身份号码" rules={[...required('请填写公民身份号码'), { len: 18, message: '公民身份号码为18位' }]}>
        <Input maxLength={18} inputMode="text" autoComplete="off" />
      </Form.Item>
      <Form.Item name="workUnit" label="工作单位" rules={required('请填写工作单位')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="post" label="职务" rules={required('请填写职务')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="phone" label="联系电话" rules={required('请填写联系电话')}>
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item name="relation" label="与本案关系" rules={required('请填写与本案的关系')}>
        <Input maxLength={100} placeholder="如：当事单位主要负责人、证人" />
      </Form.Item>
      <OfficersField agencyId={agencyId} label="询问人、记录人" />
      <Form.Item name="present" label="其他在场人员">
        <Input maxLength={200} />
      </Form.Item>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="文书载明：执法人员已出示执法证件，告知被询问人如实回答的义务和申请回避的权利；笔录末尾由被询问人写明“以上笔录我已看过，与我说的相符”并签名。" />
      <Form.Item name="recusalAnswer" label="是否申请回避（被询问人的回答）" rules={required('请记录是否申请回避')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.List name="qa">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <div key={f.key} style={{ borderLeft: '3px solid #d9d9d9', paddingLeft: 8, marginBottom: 8 }}>
                <Form.Item name={[f.name, 'q']} label={`问${i + 1}`} rules={required('请填写问题')}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
                </Form.Item>
                <Form.Item name={[f.name, 'a']} label={`答${i + 1}`} rules={required('请填写回答')}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
                </Form.Item>
                {fields.length > 1 ? (
                  <Button size="small" type="link" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)}>
                    删除此问
                  </Button>
                ) : null}
              </div>
            ))}
            <Button block icon={<PlusOutlined />} onClick={() => add({ q: '', a: '' })} style={{ marginBottom: 12 }}>
              添加问答
            </Button>
          </>
        )}
      </Form.List>
    </DocModal>
  );
}

// ---------------- items (查封扣押、先行登记保存) ----------------

function ItemsField() {
  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <div key={f.key} style={{ borderLeft: '3px solid #d9d9d9', paddingLeft: 8, marginBottom: 8 }}>
              <Typography.Text type="secondary">物品{i + 1}</Typography.Text>
              <Form.Item name={[f.name, 'name']} label="名称" rules={required('请填写物品名称')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name={[f.name, 'spec']} label="规格型号">
                <Input maxLength={100} />
              </Form.Item>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name={[f.name, 'quantity']} label="数量" rules={[{ required: true, message: '请填写数量' }]} style={{ width: '60%' }}>
                  <InputNumber min={0.001} style={{ width: '100%' }} inputMode="decimal" />
                </Form.Item>
                <Form.Item name={[f.name, 'unit']} label="单位" rules={required('请填写单位')} style={{ width: '40%' }}>
                  <Input maxLength={10} placeholder="台、件、份" />
                </Form.Item>
              </Space.Compact>
              <Form.Item name={[f.name, 'location']} label="存放地点" rules={required('请填写存放地点')}>
                <Input maxLength={200} />
              </Form.Item>
              {fields.length > 1 ? (
                <Button size="small" type="link" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)}>
                  删除此项
                </Button>
              ) : null}
            </div>
          ))}
          <Button block icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>
            添加物品
          </Button>
        </>
      )}
    </Form.List>
  );
}

interface ItemsValues {
  reason: string;
  place: string;
  items: SeizedItem[];
  officerIds: number[];
  measure?: SeizureMeasure;
}

// ---------------- the case: 调查取证与强制措施 ----------------

export interface CaseForSiteDocuments {
  id: number;
  agencyId: number;
  status: string;
  sourceInspectionId: number | null;
  documents: { id: number; kind: string; title: string; number: string; issuedAt: string }[];
}

const INVESTIGATING = ['opened', 'investigating', 'notified', 'defence', 'hearing', 'legal_review'];

/** On the case page of an officer or leader of the handling agency. */
export function CaseSiteDocuments({ c, leader }: { c: CaseForSiteDocuments; leader: boolean }) {
  const [open, setOpen] = useState<null | 'interview' | 'examination' | 'seizure' | 'preservation'>(null);
  const [extending, setExtending] = useState<number | null>(null);
  const close = () => setOpen(null);
  const evidence = useQuery({ queryKey: ['inspection', c.sourceInspectionId], queryFn: () => inspectionsApi.get(c.sourceInspectionId!), enabled: open === 'examination' && !!c.sourceInspectionId });
  if (!INVESTIGATING.includes(c.status)) return null;
  const seizures = c.documents.filter((d) => d.kind === 'seizure_decision');
  return (
    <div data-testid="case-site-documents">
      <Space wrap>
        <Button onClick={() => setOpen('interview')} data-testid="new-interview">询问笔录</Button>
        <Button onClick={() => setOpen('examination')}>勘验（检查）笔录</Button>
        <Button onClick={() => setOpen('preservation')}>先行登记保存</Button>
        <Button danger onClick={() => setOpen('seizure')}>查封扣押</Button>
      </Space>
      {leader && seizures.length ? (
        <div style={{ marginTop: 8 }}>
          {seizures.map((d) => (
            <div key={d.id} className="muted">
              {d.number}
              <Button size="small" type="link" onClick={() => setExtending(d.id)}>
                延长期限
              </Button>
            </div>
          ))}
        </div>
      ) : null}
      <InterviewModal open={open === 'interview'} onClose={close} agencyId={c.agencyId} send={(b) => siteDocumentsApi.caseInterview(c.id, b)} />
      <DocModal<{ span: [Dayjs, Dayjs]; place: string; officerIds: number[]; partyName: string; partyPost?: string; witnesses: string; subject: string; findings: string; evidenceIds?: number[] }>
        title="勘验（检查）笔录"
        open={open === 'examination'}
        onClose={close}
        submit={(v) =>
          siteDocumentsApi.siteExamination(c.id, {
            ...spanOf(v.span),
            place: v.place,
            officerIds: v.officerIds,
            partyPresent: { name: v.partyName, post: v.partyPost },
            witnesses: v.witnesses.split(/[、,，\s]+/).filter(Boolean).map((name) => ({ name })),
            subject: v.subject,
            findings: v.findings,
            evidenceIds: v.evidenceIds ?? [],
          })
        }
      >
        <SpanFields what="勘验" />
        <Form.Item name="place" label="勘验（检查）地点" rules={required('请填写勘验地点')}>
          <Input maxLength={200} />
        </Form.Item>
        <OfficersField agencyId={c.agencyId} label="勘验人" />
        <Form.Item name="partyName" label="在场的当事人（或其代理人）" rules={required('请填写在场的当事人')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="partyPost" label="其职务">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="witnesses" label="见证人（多人用顿号分隔）" rules={required('请填写见证人')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="subject" label="勘验（检查）对象" rules={required('请填写勘验对象')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="findings" label="勘验（检查）情况" rules={required('请填写勘验情况')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={10000} />
        </Form.Item>
        {evidence.data?.evidence.length ? (
          <Form.Item name="evidenceIds" label="附：检查中已上传的照片等证据">
            <Checkbox.Group style={{ display: 'grid', gap: 4 }} options={evidence.data.evidence.map((e) => ({ value: e.id, label: `${e.originalName || '现场照片'}（${fmtDateTime(e.createdAt)}）` }))} />
          </Form.Item>
        ) : null}
      </DocModal>
      <DocModal<ItemsValues>
        title="查封扣押决定书"
        open={open === 'seizure'}
        onClose={close}
        initialValues={{ measure: 'seal', items: [{} as SeizedItem] }}
        submit={(v) => siteDocumentsApi.seizure(c.id, { measure: v.measure!, reason: v.reason, place: v.place, items: v.items, officerIds: v.officerIds })}
      >
        <Form.Item name="measure" label="措施">
          <Radio.Group optionType="button" options={(Object.keys(seizureMeasureLabels) as SeizureMeasure[]).map((m) => ({ value: m, label: seizureMeasureLabels[m] }))} />
        </Form.Item>
        <Form.Item name="reason" label="理由（不符合保障安全生产的国家标准或者行业标准的情形）" rules={required('请写明理由')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="place" label="场所" rules={required('请填写场所')}>
          <Input maxLength={200} />
        </Form.Item>
        <ItemsField />
        <OfficersField agencyId={c.agencyId} />
        <Typography.Paragraph type="secondary">期限三十日，自今日起算，由系统按《行政强制法》第二十五条计算并写入决定书；情况复杂的，可由负责人批准延长一次。</Typography.Paragraph>
      </DocModal>
      <DocModal<ItemsValues>
        title="先行登记保存通知书"
        open={open === 'preservation'}
        onClose={close}
        initialValues={{ items: [{} as SeizedItem] }}
        submit={(v) => siteDocumentsApi.preservation(c.id, { reason: v.reason, place: v.place, items: v.items, officerIds: v.officerIds })}
      >
        <Form.Item name="reason" label="理由（证据可能灭失或者以后难以取得）" rules={required('请写明理由')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="place" label="保存地点" rules={required('请填写保存地点')}>
          <Input maxLength={200} />
        </Form.Item>
        <ItemsField />
        <OfficersField agencyId={c.agencyId} />
        <Typography.Paragraph type="secondary">处理决定期限为七个工作日（《行政处罚法》第五十六条、第八十五条），由系统计算并写入通知书。</Typography.Paragraph>
      </DocModal>
      <DocModal<{ reason: string }> title="延长查封、扣押期限" open={extending != null} onClose={() => setExtending(null)} submit={(v) => siteDocumentsApi.extendSeizure(c.id, extending!, v.reason)}>
        <Form.Item name="reason" label="延长理由（情况复杂）" rules={required('请写明延长理由')} extra="只能延长一次，延长期限不超过三十日，须在原期限届满前作出">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </DocModal>
    </div>
  );
}

// ---------------- the inspection: 询问笔录 ----------------

export function InspectionInterviewButton({ inspectionId, agencyId }: { inspectionId: number; agencyId: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button block onClick={() => setOpen(true)} data-testid="inspection-interview">
        制作询问笔录
      </Button>
      <InterviewModal open={open} onClose={() => setOpen(false)} agencyId={agencyId} send={(b) => siteDocumentsApi.inspectionInterview(inspectionId, b)} />
    </>
  );
}

// ---------------- the hazard: 现场处理措施, escalation letters ----------------

const letterHints: Record<EscalationLevel, { recipient: string; requirement: string }> = {
  letter: { recipient: '企业的上级单位或者行业主管部门（必填）', requirement: '请督促该单位立即落实隐患整改，并将整改情况书面告知本机关。' },
  notice: { recipient: '通报的单位（必填，如：各乡镇（街道）、区有关部门）', requirement: '各单位要引以为戒，举一反三，开展同类隐患排查。' },
  interview: { recipient: '被约谈单位（默认：该企业）', requirement: '请按时参加约谈，汇报隐患整改情况和整改计划。' },
  supervision: { recipient: '被督办单位（默认：该企业）', requirement: '请按照挂牌督办要求，落实整改责任、措施、资金、时限和预案，整改完成后申请销号。' },
};

export function HazardSiteDocuments({ hazard }: { hazard: HazardDetail }) {
  const [measure, setMeasure] = useState(false);
  const [letter, setLetter] = useState<EscalationLevel | null>(null);
  const today = shanghaiToday();
  if (hazard.status === 'closed') return null;
  const reached = new Map(hazard.escalations.map((e) => [e.level, e]));
  return (
    <div data-testid="hazard-site-documents">
      <Button block onClick={() => setMeasure(true)} style={{ marginBottom: 8 }}>
        现场处理措施决定
      </Button>
      {hazard.escalations.length ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          {escalationLevels
            .filter((l) => reached.has(l))
            .map((l) => (
              <Space key={l} wrap>
                <Tag color="orange">{escalationLevelLabels[l]}</Tag>
                {reached.get(l)!.documentId ? (
                  <a href={hazardsApi.documentPdfUrl(reached.get(l)!.documentId!)} target="_blank" rel="noopener">
                    <FilePdfOutlined /> 已出具
                  </a>
                ) : (
                  <Button size="small" type="primary" onClick={() => setLetter(l)} data-testid={`escalation-letter-${l}`}>
                    出具{escalationLevelLabels[l]}文书
                  </Button>
                )}
              </Space>
            ))}
        </Space>
      ) : null}
      <DocModal<{ measures: OnSiteMeasure[]; scope?: string; officerIds: number[] }>
        title="现场处理措施决定书"
        open={measure}
        onClose={() => setMeasure(false)}
        initialValues={{ measures: ['eliminate'] }}
        submit={(v) => siteDocumentsApi.onSiteMeasure(hazard.id, v)}
      >
        <Form.Item name="measures" label="措施（《安全生产法》第六十五条第一款第（三）项）" rules={[{ required: true, message: '请选择现场处理措施' }]}>
          <Checkbox.Group style={{ display: 'grid', gap: 6 }} options={onSiteMeasures.map((m) => ({ value: m, label: onSiteMeasureLabels[m] }))} />
        </Form.Item>
        <Form.Item name="scope" label="停产停业或者停止使用的范围、设施、设备" extra="选择暂时停产停业或者停止使用时必填">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
        </Form.Item>
        <OfficersField agencyId={hazard.agencyId} />
      </DocModal>
      <DocModal<{ recipient?: string; requirement: string; requiredBy: Dayjs; meetingAt?: Dayjs; meetingPlace?: string; attendees?: string; supervisor?: string }>
        key={letter ?? 'none'}
        title={letter ? `${escalationLevelLabels[letter]}文书` : ''}
        open={letter != null}
        onClose={() => setLetter(null)}
        initialValues={letter ? { requirement: letterHints[letter].requirement } : undefined}
        submit={(v) =>
          siteDocumentsApi.escalationLetter(hazard.id, letter!, {
            recipient: v.recipient,
            requirement: v.requirement,
            requiredBy: v.requiredBy.format('YYYY-MM-DD'),
            ...(letter === 'interview' && v.meetingAt ? { meeting: { at: v.meetingAt.toDate().toISOString(), place: v.meetingPlace ?? '', attendees: (v.attendees ?? '').split(/[、,，]+/).map((s) => s.trim()).filter(Boolean) } } : {}),
            ...(letter === 'supervision' ? { supervisor: v.supervisor } : {}),
          })
        }
      >
        <Typography.Paragraph type="secondary">文书自动载明隐患情况、责令整改指令书文号、整改期限、历次复查和逾期工作日数。</Typography.Paragraph>
        <Form.Item name="recipient" label={`主送：${letter ? letterHints[letter].recipient : ''}`} rules={letter === 'letter' || letter === 'notice' ? required('请填写主送单位') : []}>
          <Input maxLength={200} />
        </Form.Item>
        {letter === 'interview' ? (
          <>
            <Form.Item name="meetingAt" label="约谈时间" rules={[{ required: true, message: '请选择约谈时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
            </Form.Item>
            <Form.Item name="meetingPlace" label="约谈地点" rules={required('请填写约谈地点')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="attendees" label="须参加人员（用顿号分隔）" rules={required('请填写须参加约谈的人员')}>
              <Input maxLength={500} placeholder="主要负责人、分管安全负责人、安全管理人员" />
            </Form.Item>
          </>
        ) : null}
        {letter === 'supervision' ? (
          <Form.Item name="supervisor" label="督办单位" rules={required('请填写督办单位')}>
            <Input maxLength={200} />
          </Form.Item>
        ) : null}
        <Form.Item name="requirement" label="工作要求" rules={required('请填写工作要求')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="requiredBy" label="完成期限" rules={[{ required: true, message: '请选择完成期限' }]}>
          <DatePicker inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
        </Form.Item>
      </DocModal>
    </div>
  );
}
