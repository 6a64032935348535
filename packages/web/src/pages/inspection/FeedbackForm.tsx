// R19 事后评价: the enterprise's evaluation of an inspection — from the QR page or its own account, once.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Radio } from 'antd';
import { feedbackQuestions, type FeedbackAnswers } from '@anjian/domain/inspection';
import { errorMessage } from '../../api';

const questionKeys = Object.keys(feedbackQuestions) as (keyof FeedbackAnswers)[];

export function FeedbackForm({ submit: send, onDone }: { submit: (b: { answers: FeedbackAnswers; comment?: string }) => Promise<unknown>; onDone: () => void }) {
  const [answers, setAnswers] = useState<Partial<FeedbackAnswers>>({});
  const [comment, setComment] = useState('');
  const submit = useMutation({
    mutationFn: () => send({ answers: answers as FeedbackAnswers, comment }),
    onSuccess: onDone,
  });
  const complete = questionKeys.every((k) => answers[k] !== undefined);
  return (
    <Card size="small" title="评价本次检查" style={{ marginTop: 12 }}>
      {questionKeys.map((k) => (
        <div key={k} className="feedback-q">
          <div>{feedbackQuestions[k]}</div>
          <Radio.Group
            value={answers[k]}
            onChange={(e) => setAnswers({ ...answers, [k]: e.target.value as boolean })}
            options={[
              { label: '是', value: true },
              { label: '否', value: false },
            ]}
            optionType="button"
            aria-label={feedbackQuestions[k]}
          />
        </div>
      ))}
      <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="其他意见和建议（选填）" aria-label="其他意见" maxLength={1000} />
      {submit.error && <Alert type="error" showIcon message={errorMessage(submit.error)} style={{ marginTop: 8 }} />}
      <Button type="primary" block size="large" style={{ marginTop: 12 }} disabled={!complete} loading={submit.isPending} onClick={() => submit.mutate()}>
        提交评价
      </Button>
    </Card>
  );
}
