// 编制年度计划 (R6–R9): ① parameters → ② preview (nothing stored) → ③ save as a draft.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Result, Row, Select, Space, Steps } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, SaveOutlined } from '@ant-design/icons';
import { agencyLevelLabels, labelOf, type AgencyLevel } from '@anjian/domain/enums';
import { api, ApiError, errorMessage, type PlanParamsInput, type PlanPreview } from '../../api';
import { planKeys } from '../../api/keys';
import { planBody } from '@anjian/domain/contract/planning';
import { contractSubmit } from '../../lib/contractForm';
import { useMe } from '../../app/auth';
import { useIsMobile } from '../../app/useIsMobile';
import { showSuccess } from '../../app/feedback';
import { PageHeader } from '../../components/PageHeader';
import { AgencySelect, useAgencies } from '../../components/agencies';
import { LevelTag } from '../../components/tags';
import {
  defaultParamsForm,
  defaultPlanYear,
  formToParams,
  HashText,
  PlanParamsFields,
  yearOptions,
  type ParamsFormValues,
} from './common';
import { IndustryRiskCharts, MonthChart, MonthTable, PlanStatistics } from './PlanCharts';

interface WizardValues extends ParamsFormValues {
  agencyId: number;
  year: number;
}

const spotCheckLevels: AgencyLevel[] = ['province', 'city'];

export default function PlanWizardPage() {
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const isAdmin = me?.role === 'admin';
  const { data: agencies } = useAgencies(isAdmin);
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [input, setInput] = useState<{ agencyId: number; year: number; params: PlanParamsInput } | null>(null);
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const agencyId = Form.useWatch('agencyId', form);

  const agencyLevel: AgencyLevel | undefined = isAdmin
    ? agencies?.find((a) => a.id === agencyId)?.level
    : me?.agency?.level;
  const agencyName = isAdmin ? agencies?.find((a) => a.id === (input?.agencyId ?? agencyId))?.name : me?.agency?.name;
  const allowSpotCheck = !!agencyLevel && spotCheckLevels.includes(agencyLevel);

  const existing = useQuery({
    queryKey: planKeys.list({ year: input?.year, agencyId: input?.agencyId }),
    queryFn: () => api.plans({ year: input!.year, agencyId: input!.agencyId }),
    enabled: !!input,
  });
  const existingPlan = existing.data?.items.find((p) => p.agencyId === input?.agencyId && p.year === input?.year);

  const previewM = useMutation({
    mutationFn: (body: { agencyId: number; year: number; params: PlanParamsInput }) => api.previewPlan(body),
    meta: { silent: true },
    onSuccess: (p) => {
      setPreview(p);
      setStep(1);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const save = useMutation({
    mutationFn: () => api.createPlan(input!),
    meta: { silent: true },
    onSuccess: (plan) => {
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
      queryClient.setQueryData(['plan', String(plan.id)], plan);
      showSuccess(`已保存为草稿：${plan.agencyName}${plan.year}年度计划`);
      navigate(`/plans/${plan.id}`);
    },
    onError: (e) => setError(e instanceof ApiError && e.status === 409 ? `${errorMessage(e)}。` : errorMessage(e)),
  });

  if (!me) return null;
  if (!isAdmin && !me.agency) {
    return <Result status="403" title="请以执法机构账户编制计划" subTitle="年度监督检查计划由各执法机构编制。" />;
  }

  // checked with the request schema of POST /plans before the preview; a params issue shows on its field
  const onParams = contractSubmit(
    form,
    planBody,
    (body) => {
      setError(null);
      setInput(body);
      previewM.mutate(body);
    },
    { toBody: (v: WizardValues) => ({ agencyId: isAdmin ? v.agencyId : me.agency!.id, year: v.year, params: formToParams(v, allowSpotCheck) }), fields: { params: [] }, onFormError: setError },
  );

  const steps = [{ title: '设置参数' }, { title: '预览计划' }, { title: '保存草稿' }];

  return (
    <>
      <PageHeader
        title="编制年度监督检查计划"
        sub="系统按企业登记信息和规则生成检查对象及月度安排；预览不保存，确认后保存为草稿"
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/plans')}>
            返回列表
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps current={step} items={steps} size="small" responsive={false} className="wizard-steps" />
      </Card>
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={error}
          data-testid="wizard-error"
          action={
            existingPlan ? (
              <Button size="small" onClick={() => navigate(`/plans/${existingPlan.id}`)}>
                查看已有计划
              </Button>
            ) : undefined
          }
        />
      ) : null}

      <div style={{ display: step === 0 ? undefined : 'none' }}>
        <Form<WizardValues>
          form={form}
          layout="vertical"
          initialValues={{ ...defaultParamsForm, year: defaultPlanYear(), agencyId: me.agency?.id }}
          onFinish={onParams}
          scrollToFirstError
        >
          <Card size="small" title="计划主体" className="form-section">
            <Row gutter={16}>
              <Col xs={24} md={12}>
                {isAdmin ? (
                  <Form.Item label="执法机构" name="agencyId" rules={[{ required: true, message: '请选择执法机构' }]}>
                    <AgencySelect />
                  </Form.Item>
                ) : (
                  <Form.Item label="执法机构">
                    <Space size={4} wrap>
                      <span data-testid="wizard-agency">{me.agency!.name}</span>
                      <LevelTag value={me.agency!.level} />
                    </Space>
                  </Form.Item>
                )}
              </Col>
              <Col xs={24} md={6}>
                <Form.Item label="计划年度" name="year" rules={[{ required: true, message: '请选择年度' }]}>
                  <Select options={yearOptions(defaultPlanYear(), 1, 1)} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title="计划参数" className="form-section">
            <PlanParamsFields allowSpotCheck={allowSpotCheck} />
            {!allowSpotCheck ? (
              <div className="muted">
                上级抽查由省、市两级在本级计划中安排{agencyLevel ? `；${labelOf(agencyLevelLabels, agencyLevel)}机构不设置` : ''}。
              </div>
            ) : null}
          </Card>
          <div className="form-actions">
            <Button type="primary" htmlType="submit" icon={<ArrowRightOutlined />} loading={previewM.isPending} size={isMobile ? 'large' : 'middle'} block={isMobile}>
              下一步：预览计划
            </Button>
          </div>
        </Form>
      </div>

      {step >= 1 && preview ? (
        <div style={{ display: step === 1 ? undefined : 'none' }} data-testid="plan-preview">
          {existingPlan ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`${existingPlan.agencyName}${existingPlan.year}年度计划已存在（${existingPlan.statusLabel}），不能重复编制`}
              description="如需变更，请在该计划页面使用“调整计划”，写明调整原因。"
              action={<Link to={`/plans/${existingPlan.id}`}>查看该计划</Link>}
            />
          ) : null}
          {preview.warnings.map((w, i) => (
            <Alert key={i} type="warning" showIcon title={w} style={{ marginBottom: 8 }} data-testid="preview-warning" />
          ))}
          {preview.summary.overCapacity ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              title={`计划检查 ${preview.summary.totalPlanned} 家次，超出年度执法力量 ${preview.summary.annualCapacity} 家次`}
              description="可提高每组每日检查家数或外勤天数占比，或减少抽查比例（不得低于30%）后重新预览。"
            />
          ) : null}
          <PlanStatistics summary={preview.summary} params={preview.params} levelAllowsSpotCheck={allowSpotCheck} />
          <IndustryRiskCharts byIndustry={preview.byIndustry} byRisk={preview.byRisk} />
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} lg={14}>
              <Card size="small" title="各月计划检查与执法力量">
                <MonthChart months={preview.months} />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title="月度安排">
                <MonthTable months={preview.months} />
              </Card>
            </Col>
          </Row>
          <Card size="small" style={{ marginTop: 12 }}>
            <Descriptions
              size="small"
              column={isMobile ? 1 : 3}
              items={[
                { key: 'officers', label: '持有效执法证人员', children: `${preview.params.officerCount ?? '—'} 人` },
                { key: 'seed', label: '随机种子', children: <HashText value={preview.params.seed} /> },
                { key: 'hash', label: '输入哈希', children: <HashText value={preview.inputHash} short /> },
              ]}
            />
          </Card>
          <Space className="form-actions wizard-actions" wrap style={{ marginTop: 16 }}>
            <Button icon={<ArrowLeftOutlined />} onClick={() => setStep(0)}>
              上一步：修改参数
            </Button>
            <Button type="primary" icon={<ArrowRightOutlined />} onClick={() => setStep(2)} disabled={!!existingPlan}>
              下一步：保存草稿
            </Button>
          </Space>
        </div>
      ) : null}

      {step === 2 && preview && input ? (
        <Card data-testid="plan-confirm">
          <Result
            status="info"
            title={`保存${agencyName ?? ''}${input.year}年度监督检查计划草稿`}
            subTitle={`计划检查 ${preview.summary.totalPlanned.toLocaleString('zh-CN')} 家次（重点 ${preview.summary.keyCount}、高危行业 ${preview.summary.highRiskCount}、双随机 ${preview.summary.randomSampleSize}${preview.summary.spotCheckCount ? `、上级抽查 ${preview.summary.spotCheckCount}` : ''}）。保存后按企业登记信息重新生成并记录版本；草稿经提交审批、批准、备案后公布。`}
            extra={
              <Space wrap style={{ justifyContent: 'center' }}>
                <Button icon={<ArrowLeftOutlined />} onClick={() => setStep(1)}>
                  上一步
                </Button>
                <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate()} disabled={!!existingPlan}>
                  保存为草稿
                </Button>
              </Space>
            }
          />
        </Card>
      ) : null}
    </>
  );
}
