// Pieces shared by the credit pages (R29, R32): credit status tag, the 3-working-day answer countdown, decide dialogs.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Radio, Tag, Tooltip, type ButtonProps } from 'antd';
import { creditStatusLabels, labelOf } from '@anjian/domain/enums';
import { errorMessage } from '../../api';
import { penaltiesApi, type CreditObjection, type CreditRepair } from '../../api/penalty';
import { showSuccess } from '../../app/feedback';
import type { WorkingCalendar } from '../../app/workingDays';
import { creditKeys } from '../../api/keys';

const creditColor: Record<string, string> = { trustworthy: 'green', normal: 'blue', dishonest: 'orange', blacklist: 'red' };

export function CreditStatusTag({ value }: { value: string }) {
  return (
    <Tag color={creditColor[value] ?? 'default'} variant={value === 'blacklist' ? 'solid' : undefined} data-testid="credit-status" data-status={value}>
      {labelOf(creditStatusLabels, value)}
    </Tag>
  );
}

/** 答复期限 answerDue: 剩余 n 个工作日 / 今日到期 / 逾期 (red); answered ones show 按期 or 逾期答复. */
export function AnswerDue({ item, calendar }: { item: { answerDue: string; status: string; late: boolean; decidedOn: string | null }; calendar: WorkingCalendar }) {
  if (item.status !== 'pending') {
    return item.late ? (
      <Tag color="red" data-testid="answer-late" data-late="1">逾期答复（{item.decidedOn}）</Tag>
    ) : (
      <Tag color="green" data-testid="answer-in-time" data-late="0">按期答复（{item.decidedOn}）</Tag>
    );
  }
  const n = calendar.remaining(item.answerDue);
  const late = item.late || calendar.today > item.answerDue;
  return (
    <Tooltip title={`应于 ${item.answerDue} 前答复（收到申请后3个工作日内）`}>
      <span>
        <span className="mono">{item.answerDue}</span>{' '}
        {late ? (
          <Tag color="red" variant="solid" data-testid="answer-countdown" data-late="1">已逾期</Tag>
        ) : n === 0 ? (
          <Tag color="orange" data-testid="answer-countdown" data-late="0">今日到期</Tag>
        ) : n != null ? (
          <Tag color={n <= 1 ? 'orange' : 'blue'} data-testid="answer-countdown" data-late="0">剩余 {n} 个工作日</Tag>
        ) : null}
      </span>
    </Tooltip>
  );
}

export function DecideRepairModal({ repair, onClose }: { repair: CreditRepair; onClose: () => void }) {
  const qc = useQueryClient();
  const [approve, setApprove] = useState<boolean>(repair.eligibilityProblems.length === 0);
  const [opinion, setOpinion] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => penaltiesApi.decideRepair(repair.id, { approve, opinion: opinion.trim() }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: creditKeys.all });
      void qc.invalidateQueries({ queryKey: creditKeys.repairsAll });
      showSuccess(r.late ? '已答复（已超过3个工作日答复期限，记为逾期）' : '已按期答复');
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Modal open title="答复信用修复申请" onCancel={onClose} okText="提交答复" cancelText="取消" onOk={() => run.mutate()} okButtonProps={{ loading: run.isPending, disabled: opinion.trim().length < 2, 'data-testid': 'repair-submit' } as ButtonProps} destroyOnHidden>
      {repair.eligibilityProblems.length ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="申请时不符合修复条件" description={repair.eligibilityProblems.join('；')} /> : null}
      <Form layout="vertical">
        <Form.Item label="答复结论">
          <Radio.Group value={approve} onChange={(e) => setApprove(e.target.value as boolean)} optionType="button" options={[{ value: true, label: '同意修复' }, { value: false, label: '不予修复' }]} data-testid="repair-approve" />
        </Form.Item>
        <Form.Item label="答复意见" required help="不少于2个字">
          <Input.TextArea rows={3} maxLength={2000} value={opinion} onChange={(e) => setOpinion(e.target.value)} aria-label="答复意见" data-testid="repair-opinion" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={error} data-testid="repair-error" /> : null}
    </Modal>
  );
}

export function AnswerObjectionModal({ objection, onClose }: { objection: CreditObjection; onClose: () => void }) {
  const qc = useQueryClient();
  const [upheld, setUpheld] = useState(false);
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => penaltiesApi.answerObjection(objection.id, { upheld, answer: answer.trim() }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: creditKeys.all });
      void qc.invalidateQueries({ queryKey: creditKeys.objectionsAll });
      showSuccess('已答复异议');
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
    meta: { silent: true },
  });
  return (
    <Modal open title="答复信用异议" onCancel={onClose} okText="提交答复" cancelText="取消" onOk={() => run.mutate()} okButtonProps={{ loading: run.isPending, disabled: answer.trim().length < 2 }} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`异议理由：${objection.reason}`} description={objection.evidence.length ? `证据：${objection.evidence.join('；')}` : undefined} />
      <Form layout="vertical">
        <Form.Item label="核查结论">
          <Radio.Group value={upheld} onChange={(e) => setUpheld(e.target.value as boolean)} optionType="button" options={[{ value: true, label: '异议成立，更正记录' }, { value: false, label: '异议不成立' }]} />
        </Form.Item>
        <Form.Item label="答复意见" required>
          <Input.TextArea rows={3} maxLength={2000} value={answer} onChange={(e) => setAnswer(e.target.value)} aria-label="答复意见" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={error} /> : null}
    </Modal>
  );
}
