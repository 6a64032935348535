import { useEffect } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, type FormInstance } from 'antd';
import { checkCreditCode } from '@anjian/domain/creditCode';
import {
  creditStatuses,
  creditStatusLabels,
  industries,
  industryLabels,
  riskCodeLabels,
  riskCodes,
  standardizationLevelLabels,
  standardizationLevels,
} from '@anjian/domain/enums';
import type { Enterprise, EnterpriseInput } from '../../../api';
import { RegionCascader } from '../../../components/RegionCascader';
import { AgencySelect } from '../../../components/agencies';
import { fieldLabels as L } from '../../../app/format';
import { RiskTag } from '../../../components/tags';

export type EnterpriseFormValues = EnterpriseInput;

interface Props {
  mode: 'create' | 'edit';
  form: FormInstance<EnterpriseFormValues>;
  initial?: Partial<Enterprise>;
  submitting: boolean;
  serverError?: string | null;
  serverErrorExtra?: React.ReactNode;
  onSubmit: (values: EnterpriseFormValues) => void;
  onCancel: () => void;
}

const opts = <K extends string>(values: readonly K[], labels: Record<K, string>) =>
  values.map((v) => ({ value: v, label: labels[v] }));

const phoneRule = {
  pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/,
  message: '请输入正确的手机号或座机号（如 0571-87654321）',
};

export function EnterpriseForm({ mode, form, initial, submitting, serverError, serverErrorExtra, onSubmit, onCancel }: Props) {
  useEffect(() => {
    if (initial) form.setFieldsValue(initial as EnterpriseFormValues);
  }, [initial, form]);

  return (
    <Form<EnterpriseFormValues>
      form={form}
      layout="vertical"
      onFinish={onSubmit}
      scrollToFirstError
      initialValues={
        mode === 'create'
          ? {
              riskCode: 'blue',
              standardizationLevel: 'none',
              creditStatus: 'normal',
              hazardSourceCount: 0,
              majorHazardSourceCount: 0,
              fatalAccidents3y: 0,
              nonSiteMonitored: false,
              employeeCount: 0,
              ...initial,
            }
          : undefined
      }
    >
      {serverError ? (
        <Alert type="error" showIcon title={serverError} action={serverErrorExtra} style={{ marginBottom: 16 }} role="alert" data-testid="form-error" />
      ) : null}
      <Card size="small" title="基本信息" className="form-section">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={L.creditCode}
              name="creditCode"
              required={mode === 'create'}
              validateFirst
              normalize={(v: string) => (v ?? '').toUpperCase().replace(/\s/g, '')}
              rules={[
                {
                  validator: async (_r, v: string) => {
                    if (mode === 'edit') return;
                    const res = checkCreditCode(v ?? '');
                    if (!res.ok) throw new Error(res.message);
                  },
                },
              ]}
              extra={mode === 'create' ? '18 位，按 GB 32100-2015 校验；是企业在平台上的唯一标识' : '统一社会信用代码不可修改'}
            >
              <Input maxLength={18} placeholder="例如 91330106MA2XXXXXXX" disabled={mode === 'edit'} className="mono" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={L.name} name="name" rules={[{ required: true, whitespace: true, message: '请输入企业名称' }, { max: 100 }]}>
              <Input placeholder="营业执照上的企业全称" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="行政区划" name="regionCode" rules={[{ required: true, message: '请选择行政区划' }]}>
              <RegionCascader placeholder="选择企业所在区县 / 乡镇" style={{ width: '100%' }} allowClear={false} aria-label="行政区划" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={L.address} name="address" rules={[{ required: true, whitespace: true, message: '请输入地址' }, { max: 200 }]}>
              <Input placeholder="生产经营场所地址" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.legalRepresentative} name="legalRepresentative" rules={[{ required: true, whitespace: true, message: '请输入法定代表人' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.contactPhone} name="contactPhone" rules={[{ required: true, message: '请输入联系电话' }, phoneRule]}>
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.employeeCount} name="employeeCount" rules={[{ required: true, message: '请输入从业人数' }]}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} suffix="人" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title="监管属性" className="form-section">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label={L.industry} name="industry" rules={[{ required: true, message: '请选择行业' }]}>
              <Select options={opts(industries, industryLabels)} placeholder="选择行业" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.riskCode} name="riskCode" rules={[{ required: true, message: '请选择风险赋码' }]}>
              <Select
                options={riskCodes.map((r) => ({ value: r, label: <RiskTag value={r} />, title: riskCodeLabels[r] }))}
                placeholder="选择风险赋码"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.standardizationLevel} name="standardizationLevel" rules={[{ required: true }]}>
              <Select options={opts(standardizationLevels, standardizationLevelLabels)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={L.creditStatus} name="creditStatus" rules={[{ required: true }]}>
              <Select options={opts(creditStatuses, creditStatusLabels)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={L.hazardSourceCount} name="hazardSourceCount" rules={[{ required: true, message: '请输入' }]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              label={L.majorHazardSourceCount}
              name="majorHazardSourceCount"
              dependencies={['hazardSourceCount']}
              rules={[
                { required: true, message: '请输入' },
                ({ getFieldValue }) => ({
                  validator: async (_r, v: number) => {
                    if (v != null && v > (getFieldValue('hazardSourceCount') ?? 0)) throw new Error('不能多于危险源数量');
                  },
                }),
              ]}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={L.fatalAccidents3y} name="fatalAccidents3y" rules={[{ required: true, message: '请输入' }]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={L.nonSiteMonitored} name="nonSiteMonitored" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          {mode === 'create' ? (
            <Col xs={24} md={16}>
              <Form.Item
                label="监管机构"
                name="supervisingAgencyId"
                rules={[{ required: true, message: '请选择监管机构' }]}
                extra="一家企业只对应一个层级的执法主体；机构辖区须包含企业所在行政区划"
              >
                <AgencySelect />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Card>
      <div className="form-actions">
        <Space>
          <Button type="primary" htmlType="submit" loading={submitting}>
            {mode === 'create' ? '保存' : '保存修改'}
          </Button>
          <Button onClick={onCancel}>取消</Button>
        </Space>
      </div>
    </Form>
  );
}
