// 抽取批次: the quarterly draws (province over all levels below, a city over its counties) with their published seed and
// input hash; anyone may re-run a round to check it. The draw form is shown to those who may draw.
import { useState } from 'react';
import { useQuery, useQueryClient, useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Form, InputNumber, Radio, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, ExperimentOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../api';
import { caseReviewsApi, type ReviewRound } from '../../../api/caseReviews';
import { caseReviewKeys } from '../../../api/keys';
import { roundBody } from '@anjian/domain/contract/oversight';
import { contractSubmit } from '../../../lib/contractForm';
import { fmtDateTime } from '../../../app/format';
import { showError, showSuccess, getMessage } from '../../../app/feedback';
import { useIsMobile } from '../../../app/useIsMobile';
import { CardList } from '../../../components/CardList';

/** The current quarter and the seven before it, in Beijing time. */
function recentQuarters(): { value: string; label: string }[] {
  const now = new Date(Date.now() + 8 * 3600_000);
  let y = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3) + 1;
  const out: { value: string; label: string }[] = [];
  for (let i = 0; i < 8; i++) {
    out.push({ value: `${y}-Q${q}`, label: `${y}年第${q}季度${i === 0 ? '（本季度）' : ''}` });
    q--;
    if (q === 0) {
      q = 4;
      y--;
    }
  }
  return out;
}

interface DrawValues {
  quarter: string;
  perAgency?: number;
  ratio?: number;
  seed?: number;
}

function DrawForm() {
  const qc = useQueryClient();
  const quarters = recentQuarters();
  const [mode, setMode] = useState<'count' | 'ratio'>('count');
  const [form] = Form.useForm<DrawValues>();
  const draw = useMutation({
    mutationFn: caseReviewsApi.draw,
    onSuccess: (r) => {
      showSuccess(`已抽取${r.itemCount}卷案卷（随机种子 ${r.seed}）`);
      void qc.invalidateQueries({ queryKey: caseReviewKeys.rounds });
      void qc.invalidateQueries({ queryKey: caseReviewKeys.allItems });
    },
    onError: showError,
  });
  return (
    <Card size="small" title="按季度抽取评查案卷" style={{ marginBottom: 12 }} data-testid="draw-form">
      <Typography.Paragraph type="secondary">
        从所辖各单位本季度已结案的行政处罚案卷和已完成的监督检查案卷中，按单位随机抽取。随机种子和输入数据的哈希随结果公布，任何人可重新抽取核验。本单位的案卷由上级机关评查。
      </Typography.Paragraph>
      <Form<DrawValues>
        form={form}
        layout="vertical"
        initialValues={{ quarter: quarters[1]!.value, perAgency: 2, ratio: 10 }}
        onFinish={contractSubmit(form, roundBody, (body) => draw.mutate(body), {
          toBody: (v) => ({ quarter: v.quarter, ...(mode === 'count' ? { perAgency: v.perAgency } : { ratio: v.ratio == null ? undefined : v.ratio / 100 }), ...(v.seed != null ? { seed: v.seed } : {}) }),
          onFormError: showError,
        })}
      >
        <Space wrap align="start" size={16}>
          <Form.Item name="quarter" label="评查季度" rules={[{ required: true, message: '请选择季度' }]}>
            <Select options={quarters} style={{ width: 200 }} data-testid="draw-quarter" />
          </Form.Item>
          <Form.Item label="抽取方式">
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'count' | 'ratio')} optionType="button" options={[{ value: 'count', label: '按数量' }, { value: 'ratio', label: '按比例' }]} />
          </Form.Item>
          {mode === 'count' ? (
            <Form.Item name="perAgency" label="每单位每类抽取（卷）" rules={[{ required: true, message: '请填写数量' }]}>
              <InputNumber min={1} max={50} precision={0} style={{ width: 160 }} />
            </Form.Item>
          ) : (
            <Form.Item name="ratio" label="抽取比例（%）" rules={[{ required: true, message: '请填写比例' }]}>
              <InputNumber min={1} max={100} precision={0} style={{ width: 160 }} />
            </Form.Item>
          )}
          <Form.Item name="seed" label="随机种子（可不填，系统随机生成）">
            <InputNumber min={0} max={4294967295} precision={0} style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" icon={<ExperimentOutlined />} loading={draw.isPending} data-testid="draw-submit">
          抽取
        </Button>
      </Form>
    </Card>
  );
}

export function RoundsView() {
  const isMobile = useIsMobile();
  const { data, isLoading, error } = useQuery({ queryKey: caseReviewKeys.rounds, queryFn: caseReviewsApi.rounds });
  const verify = async (r: ReviewRound) => {
    try {
      const v = await caseReviewsApi.verify(r.id);
      if (v.ok) getMessage().success(`核验通过：按种子 ${v.seed} 重新抽取，结果与公布的一致`);
      else getMessage().error(`核验未通过：${v.reason ?? ''}`);
    } catch (e) {
      showError(e);
    }
  };
  const detail = (r: ReviewRound) => (
    <Descriptions size="small" column={1} items={[
      { key: 'seed', label: '随机种子', children: <span className="mono">{r.seed}</span> },
      { key: 'hash', label: '输入数据哈希（SM3）', children: <span className="cr-hash">{r.inputHash}</span> },
      { key: 'rule', label: '抽取规则', children: r.ratio != null ? `每单位每类抽取 ${Math.round(r.ratio * 100)}%（至少1卷）` : `每单位每类抽取 ${r.perAgency} 卷` },
      { key: 'sheet', label: '评查标准', children: r.sheetVersion ? `第 ${r.sheetVersion} 版` : '默认评查标准' },
    ]} />
  );
  const columns: TableColumnsType<ReviewRound> = [
    { title: '批次', key: 'title', render: (_: unknown, r) => <><b>{r.title}</b><div className="muted">{r.agencyName} · {r.periodStart} 至 {r.periodEnd}</div></> },
    { title: '抽取案卷', dataIndex: 'itemCount', key: 'n', width: 90 },
    { title: '已评查', key: 'done', width: 90, render: (_: unknown, r) => `${r.scored}/${r.scored + r.pending}` },
    { title: '随机种子', dataIndex: 'seed', key: 'seed', width: 120, render: (v: number) => <span className="mono">{v}</span> },
    { title: '抽取', key: 'by', width: 170, render: (_: unknown, r) => <>{r.drawnByName}<div className="muted">{fmtDateTime(r.drawnAt)}</div></> },
    { title: '', key: 'verify', width: 100, render: (_: unknown, r) => <Button size="small" icon={<CheckCircleOutlined />} onClick={() => void verify(r)} data-testid="round-verify">核验</Button> },
  ];
  return (
    <>
      {data?.canDraw ? <DrawForm /> : null}
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      {isMobile ? (
        <CardList<ReviewRound>
          items={data?.items ?? []}
          loading={isLoading}
          rowKey={(r) => r.id}
          empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有抽取批次" />}
          testId="round-cards"
          render={(r) => (
            <div data-testid="round-row">
              <div className="cr-card-head">
                <span>{r.title}</span>
                <span>{r.scored}/{r.scored + r.pending}</span>
              </div>
              <div className="cr-card-meta">{r.agencyName} · {r.periodStart} 至 {r.periodEnd}</div>
              {detail(r)}
              <Button size="small" icon={<CheckCircleOutlined />} onClick={() => void verify(r)} data-testid="round-verify">核验</Button>
            </div>
          )}
        />
      ) : (
        <Table<ReviewRound>
          rowKey="id"
          size="middle"
          loading={isLoading}
          columns={columns}
          dataSource={data?.items ?? []}
          expandable={{ expandedRowRender: detail }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有抽取批次" /> }}
          pagination={false}
          onRow={() => ({ 'data-testid': 'round-row' }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
    </>
  );
}
