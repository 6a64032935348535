// The small forms of the inspection page: 逢查必考, 逢查必检, a finding (R18) and the emergency backfill (R15).
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { findingDispositionLabels, type FindingDisposition } from '@anjian/domain/inspection';
import { inspectionsApi, type CertificateInput, type ExamInput, type FindingInput, type InspectionDetail, type InspectionItem } from '../../api/inspection';
import { fmtDate } from '../../app/format';
import { showError, showSuccess } from '../../app/feedback';
import { newClientId, type OutboxEntry } from './offline';
import { EvidenceStrip, PhotoButton } from './evidence';
import { useWorkingCalendar } from '../../app/workingDays';

const dateValue = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

export function ExamForm({ onDone, onCancel }: { onDone: (b: ExamInput) => void; onCancel: () => void }) {
  const [form] = Form.useForm();
  return (
    <Card size="small" className="inline-form">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ position: '主要负责人' }}
        onFinish={(v: { personName: string; position: string; questions: string; score: number }) => onDone({ clientId: newClientId(), ...v })}
      >
        <Form.Item name="personName" label="被考核人" rules={[{ required: true, message: '请填写被考核人' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="position" label="职务" rules={[{ required: true, message: '请选择职务' }]}>
          <Select options={['主要负责人', '分管安全负责人', '安全管理人员', '特种作业人员', '从业人员'].map((v) => ({ value: v, label: v }))} />
        </Form.Item>
        <Form.Item name="questions" label="考核内容" rules={[{ required: true, min: 2, message: '请填写考核内容' }]}>
          <Input.TextArea autoSize placeholder="例如：本单位重大危险源管控措施、应急预案" />
        </Form.Item>
        <Form.Item name="score" label="得分（60分合格）" rules={[{ required: true, message: '请填写得分' }]}>
          <InputNumber min={0} max={100} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            保存考核
          </Button>
          <Button onClick={onCancel}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}

export function CertificateForm({ onDone, onCancel }: { onDone: (b: CertificateInput) => void; onCancel: () => void }) {
  return (
    <Card size="small" className="inline-form">
      <Form
        layout="vertical"
        onFinish={(v: { holderName: string; certificateType: string; certificateNo: string; validTo: dayjs.Dayjs }) =>
          onDone({ clientId: newClientId(), holderName: v.holderName, certificateType: v.certificateType, certificateNo: v.certificateNo, validTo: dateValue(v.validTo)! })
        }
      >
        <Form.Item name="holderName" label="持证人" rules={[{ required: true, message: '请填写持证人' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="certificateType" label="证书类别" rules={[{ required: true, message: '请填写证书类别' }]}>
          <Select
            showSearch
            options={['主要负责人安全生产知识和管理能力考核合格证', '安全生产管理人员考核合格证', '特种作业操作证（电工作业）', '特种作业操作证（焊接与热切割作业）', '特种作业操作证（高处作业）', '特种作业操作证（危险化学品安全作业）', '特种设备作业人员证'].map((v) => ({ value: v, label: v }))}
          />
        </Form.Item>
        <Form.Item name="certificateNo" label="证书编号" rules={[{ required: true, message: '请填写证书编号' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="validTo" label="有效期至" rules={[{ required: true, message: '请选择有效期' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            保存证件检查
          </Button>
          <Button onClick={onCancel}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}

interface FindingValues {
  itemCode?: string;
  description: string;
  disposition: FindingDisposition;
  major: boolean;
  requirement?: string;
  deadline?: dayjs.Dayjs;
  responsiblePerson?: string;
  trackerName?: string;
}

/**
 * R18: one non-conformity and what is done about it. Its clientId exists before it is saved, so photos taken while
 * filling it in belong to it (当场整改 needs one). A major hazard is always a hazard with a tracker, and the server
 * opens a penalty case for it: the form says so before it is saved.
 */
export function FindingForm({ detail, items, pending, onDone, onCancel }: { detail: InspectionDetail; items: InspectionItem[]; pending: OutboxEntry[]; onDone: (b: FindingInput) => void; onCancel: () => void }) {
  // R38: a rectification deadline falls on a working day
  const calendar = useWorkingCalendar();
  const [form] = Form.useForm<FindingValues>();
  const [clientId] = useState(newClientId);
  const disposition = Form.useWatch('disposition', form);
  const major = Form.useWatch('major', form);
  const itemCode = Form.useWatch('itemCode', form);
  const item = items.find((i) => i.code === itemCode);
  const photos = detail.evidence.filter((e) => e.findingClientId === clientId).length + pending.filter((e) => e.op.kind === 'evidence' && e.op.fields.findingClientId === clientId).length;
  const needsDeadline = disposition === 'hazard' || major;
  return (
    <Card size="small" className="inline-form" data-testid="finding-form">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ disposition: 'hazard', major: false, itemCode: items[0]?.code, deadline: dayjs().add(7, 'day') }}
        onFinish={(v) => {
          if (v.disposition === 'fixed_on_spot' && photos === 0) {
            showError(new Error('当场整改须附整改后的照片等证据'));
            return;
          }
          onDone({
            clientId,
            itemCode: v.itemCode ?? null,
            description: v.description,
            disposition: v.major ? 'hazard' : v.disposition,
            major: v.major,
            requirement: v.requirement,
            deadline: needsDeadline ? dateValue(v.deadline) : null,
            responsiblePerson: needsDeadline ? v.responsiblePerson : null,
            trackerName: v.major ? v.trackerName : null,
          });
        }}
      >
        <Form.Item name="itemCode" label="对应检查事项">
          <Select
            showSearch
            optionFilterProp="label"
            options={items.map((i) => ({ value: i.code, label: `${i.code} ${i.title}` }))}
            allowClear
            placeholder="不对应具体事项可不选"
          />
        </Form.Item>
        <Form.Item name="description" label="问题描述" rules={[{ required: true, min: 4, message: '请描述发现的问题（不少于4个字）' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} placeholder="写明位置、现象和违反的规定" />
        </Form.Item>
        <Form.Item name="major" label="是否重大事故隐患" valuePropName="checked" extra={item?.majorHazardStandard ? `判定标准：${item.majorHazardStandard}${item.criterion ? `，${item.criterion}` : ''}` : undefined}>
          <Switch checkedChildren="重大" unCheckedChildren="一般" />
        </Form.Item>
        {major ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message="重大事故隐患必须依法处罚"
            description="保存后系统自动生成行政处罚案件草稿，并列入隐患台账、指定跟踪督办人。不得以责令整改代替处罚。"
          />
        ) : (
          <Form.Item name="disposition" label="处理方式">
            <Radio.Group optionType="button" buttonStyle="solid" options={(['fixed_on_spot', 'hazard', 'violation'] as const).map((d) => ({ value: d, label: findingDispositionLabels[d] }))} />
          </Form.Item>
        )}
        {needsDeadline && (
          <>
            <Form.Item name="requirement" label="整改要求">
              <Input.TextArea autoSize placeholder="例如：立即停止作业，完善审批手续" />
            </Form.Item>
            <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isBefore(dayjs(), 'day') || !calendar.isWorkingDay(d.format('YYYY-MM-DD'))} />
            </Form.Item>
            <Form.Item name="responsiblePerson" label="企业整改责任人" rules={[{ required: true, message: '请填写整改责任人' }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </>
        )}
        {major && (
          <Form.Item name="trackerName" label="跟踪督办人" rules={[{ required: true, message: '重大事故隐患须指定跟踪督办人' }]}>
            <Input autoComplete="off" placeholder="本机构负责跟踪的人员" />
          </Form.Item>
        )}
        <div className="finding-photos">
          <PhotoButton inspectionId={detail.id} itemCode={itemCode} findingClientId={clientId} label={disposition === 'fixed_on_spot' && !major ? '拍摄整改后照片' : '拍照取证'} />
          <span className="muted">{photos ? `已附 ${photos} 个文件` : disposition === 'fixed_on_spot' && !major ? '当场整改须附照片' : '可附照片、录音、视频'}</span>
        </div>
        <EvidenceStrip detail={detail} pending={pending} match={(e) => e.findingClientId === clientId} />
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit">
            保存问题
          </Button>
          <Button onClick={onCancel}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** R15: an emergency inspection started without filing is backfilled within 1 working day of entry. */
export function BackfillCard({ detail, editable }: { detail: InspectionDetail; editable: boolean }) {
  const qc = useQueryClient();
  const [basis, setBasis] = useState('');
  const backfill = useMutation({
    mutationFn: () => inspectionsApi.backfill(detail.id, { legalBasis: basis }),
    onSuccess: (d) => {
      qc.setQueryData(['inspection', detail.id], d);
      showSuccess('已补录报备');
    },
    onError: showError,
  });
  return (
    <Alert
      type={detail.backfillOverdue ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      message={detail.backfillOverdue ? `紧急检查补录已逾期（应于 ${fmtDate(detail.backfillDue)} 前补录）` : `紧急检查须于 ${fmtDate(detail.backfillDue)} 前补录报备（进场后1个工作日内）`}
      description={
        editable && (
          <Space.Compact style={{ width: '100%', marginTop: 8 }}>
            <Input placeholder="检查的法律依据，如《安全生产法》第六十五条" value={basis} onChange={(e) => setBasis(e.target.value)} aria-label="补录法律依据" />
            <Button type="primary" disabled={basis.trim().length < 4} loading={backfill.isPending} onClick={() => backfill.mutate()}>
              补录报备
            </Button>
          </Space.Compact>
        )
      }
    />
  );
}
