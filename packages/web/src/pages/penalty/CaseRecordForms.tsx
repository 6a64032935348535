// Issue #17: the facts the procedure documents are generated from — 送达 (送达回证), the legal review's points
// (法制审核意见书) and the hearing's notice and minutes (听证通知书, 听证笔录). Chinese labels; the fields wrap at 390 px.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Typography, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { legalReviewAspectLabels, legalReviewAspects, serviceMethodLabels, serviceMethods, type LegalReviewAspect, type ServiceMethod } from '@anjian/domain/caseRecords';
import { errorMessage } from '../../api';
import { penaltiesApi, type CaseDetail } from '../../api/penalty';
import { showSuccess } from '../../app/feedback';

interface ServeValues {
  servedOn: dayjs.Dayjs;
  method: ServiceMethod;
  recipient: string;
  bySigner?: boolean;
  signerName?: string;
  signerRelation?: string;
  place: string;
  witnessName?: string;
  witnessPosition?: string;
  electronicConsentOn?: dayjs.Dayjs;
  note?: string;
}

const placeLabel: Record<ServiceMethod, string> = {
  direct: '送达地点',
  left_at_premises: '留置地点（受送达人住所或者经营场所）',
  mail: '邮寄地址',
  entrusted: '送达地点',
  electronic: '电子送达地址（当事人确认的传真号码或者电子邮箱）',
  public_notice: '公告发布的媒体或者场所',
};

/** 送达: how, where and to whom the decision was served; the 送达回证 is generated from it. */
export function ServeModal({ c, onDone, onClose }: { c: CaseDetail; onDone: (d: CaseDetail) => void; onClose: () => void }) {
  const [form] = Form.useForm<ServeValues>();
  const method = Form.useWatch('method', form) ?? 'direct';
  const bySigner = Form.useWatch('bySigner', form);
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (v: ServeValues) =>
      penaltiesApi.action(c.id, {
        action: 'serve',
        service: {
          servedOn: v.servedOn.format('YYYY-MM-DD'),
          method: v.method,
          recipient: v.recipient,
          place: v.place,
          signer: v.bySigner ? { name: v.signerName ?? '', relation: v.signerRelation ?? '' } : null,
          witness: v.method === 'left_at_premises' ? { name: v.witnessName ?? '', ...(v.witnessPosition ? { position: v.witnessPosition } : {}) } : null,
          electronicConsentOn: v.method === 'electronic' ? (v.electronicConsentOn?.format('YYYY-MM-DD') ?? null) : null,
          note: v.note?.trim() || null,
        },
      }),
    onSuccess: (d) => {
      onDone(d);
      showSuccess('已送达，送达回证已生成');
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Modal open title="送达" okText="确定" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: run.isPending, 'data-testid': 'action-confirm' } as ButtonProps} destroyOnHidden>
      <Typography.Paragraph type="secondary">送达回证由系统按以下送达情况生成，列明送达的《行政处罚决定书》和《行政处罚信息信用修复告知书》。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)} initialValues={{ servedOn: dayjs(), method: 'direct', recipient: c.partyName }} data-testid="serve-form">
        <Form.Item name="method" label="送达方式" rules={[{ required: true, message: '请选择送达方式' }]}>
          <Select options={serviceMethods.map((m) => ({ value: m, label: serviceMethodLabels[m] }))} aria-label="送达方式" data-testid="serve-method" />
        </Form.Item>
        <Form.Item name="servedOn" label="送达日期" rules={[{ required: true, message: '请选择送达日期' }]}>
          <DatePicker inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="recipient" label="受送达人" rules={[{ required: true, whitespace: true, message: '请填写受送达人' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="place" label={placeLabel[method]} rules={[{ required: true, whitespace: true, message: '请填写' }]}>
          <Input maxLength={300} data-testid="serve-place" />
        </Form.Item>
        {method === 'electronic' ? (
          <Form.Item name="electronicConsentOn" label="当事人签订电子送达确认书的日期" extra="采用电子方式送达，须当事人同意并签订确认书（《行政处罚法》第六十一条）" rules={[{ required: true, message: '当事人未签订确认书的，不能电子送达' }]}>
            <DatePicker inputReadOnly style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        {method === 'left_at_premises' ? (
          <div className="form-row-wrap">
            <Form.Item name="witnessName" label="见证人" rules={[{ required: true, whitespace: true, message: '留置送达须有见证人' }]}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="witnessPosition" label="见证人身份">
              <Input maxLength={50} placeholder="如：社区工作人员" />
            </Form.Item>
          </div>
        ) : null}
        <Form.Item name="bySigner" valuePropName="checked">
          <Checkbox>由他人代为签收</Checkbox>
        </Form.Item>
        {bySigner ? (
          <div className="form-row-wrap">
            <Form.Item name="signerName" label="签收人" rules={[{ required: true, whitespace: true, message: '请填写签收人' }]}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="signerRelation" label="与受送达人的关系" rules={[{ required: true, whitespace: true, message: '请填写关系' }]}>
              <Input maxLength={30} placeholder="如：单位办公室工作人员" />
            </Form.Item>
          </div>
        ) : null}
        <Form.Item name="note" label="备注" extra={method === 'mail' ? '邮寄送达请填写邮件编号' : undefined}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={error} data-testid="action-error" /> : null}
    </Modal>
  );
}

/** 法制审核: the reviewer's finding on each point reviewed (optional, printed in the 法制审核意见书). */
export function ReviewPointsFields({ value, onChange }: { value: Partial<Record<LegalReviewAspect, string>>; onChange: (v: Partial<Record<LegalReviewAspect, string>>) => void }) {
  return (
    <div data-testid="review-points">
      <Typography.Text type="secondary">审核要点（可逐项填写，写入法制审核意见书）</Typography.Text>
      {legalReviewAspects.map((a) => (
        <Form.Item key={a} label={legalReviewAspectLabels[a]} style={{ marginBottom: 8 }}>
          <Input maxLength={500} value={value[a] ?? ''} onChange={(e) => onChange({ ...value, [a]: e.target.value })} aria-label={legalReviewAspectLabels[a]} />
        </Form.Item>
      ))}
    </div>
  );
}

/** The 听证通知书's facts inside the hearing form (time, place, 听证员, 记录员). */
export function HearingNoticeFields() {
  return (
    <div className="form-row-wrap">
      <Form.Item name={['notice', 'time']} label="听证时间（时:分）" rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '如 09:30' }]}>
        <Input maxLength={5} placeholder="09:30" style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name={['notice', 'place']} label="听证地点">
        <Input maxLength={200} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name={['notice', 'panelists']} label="听证员">
        <Select mode="tags" style={{ width: 220 }} open={false} placeholder="输入姓名后回车" aria-label="听证员" />
      </Form.Item>
      <Form.Item name={['notice', 'clerk']} label="记录员">
        <Input maxLength={20} style={{ width: 140 }} />
      </Form.Item>
    </div>
  );
}

/** The 听证笔录 inside the hearing form, once the hearing was held. */
export function HearingMinutesFields({ attended }: { attended: boolean }) {
  return (
    <div data-testid="hearing-minutes">
      <Form.Item name={['minutes', 'attended']} valuePropName="checked">
        <Checkbox>当事人（或其代理人）出席听证</Checkbox>
      </Form.Item>
      {attended ? (
        <>
          <Form.List name={['minutes', 'partyAttendees']}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div className="form-row-wrap" key={f.key}>
                    <Form.Item name={[f.name, 'name']} label="出席人" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                      <Input maxLength={20} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} label="身份" rules={[{ required: true, whitespace: true, message: '请填写身份' }]}>
                      <Input maxLength={30} style={{ width: 150 }} placeholder="法定代表人 / 委托代理人" />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <Button type="link" danger onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                        删除
                      </Button>
                    ) : null}
                  </div>
                ))}
                <Button type="dashed" onClick={() => add({ name: '', role: '' })} style={{ marginBottom: 16 }}>
                  增加出席人
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name={['minutes', 'investigatorCase']} label="调查人员提出的违法事实、证据和处罚建议" rules={[{ required: true, whitespace: true, message: '请记录' }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name={['minutes', 'partyStatement']} label="当事人的陈述和申辩" rules={[{ required: true, whitespace: true, message: '请记录' }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name={['minutes', 'crossExamination']} label="质证情况" rules={[{ required: true, whitespace: true, message: '请记录' }]}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          <Form.Item name={['minutes', 'finalStatements']} label="最后陈述" rules={[{ required: true, whitespace: true, message: '请记录' }]}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
        </>
      ) : (
        <Form.Item name={['minutes', 'absenceNote']} label="当事人未出席（或者未经许可中途退出）的情况" rules={[{ required: true, whitespace: true, message: '请写明' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
    </div>
  );
}
