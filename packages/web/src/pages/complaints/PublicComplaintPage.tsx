// 投诉举报 (R37), no login: the public form, made for a phone first. The complainant names the unit and the problem;
// routing to the competent agency is the system's job. After submitting, the tracking code (查询码) is shown to keep.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Result, Switch, Typography } from 'antd';
import { PhoneOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { complaintInputProblems, mobileOrLandline } from '@anjian/domain/complaints';
import { publicComplaintBody } from '@anjian/domain/contract/complaints';
import { errorMessage } from '../../api';
import { complaintsApi, type PublicComplaintInput } from '../../api/complaints';
import { contractSubmit } from '../../lib/contractForm';
import './complaints.css';

interface Values {
  enterpriseName: string;
  creditCode?: string;
  address?: string;
  content: string;
  anonymous: boolean;
  complainantName?: string;
  complainantPhone?: string;
}

export default function PublicComplaintPage() {
  const [form] = Form.useForm<Values>();
  const anonymous = Form.useWatch('anonymous', form) ?? false;
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ trackingCode: string; acceptDue: string } | null>(null);
  const [lookup, setLookup] = useState('');
  const navigate = useNavigate();
  const onFinish = contractSubmit(form, publicComplaintBody, (body) => void submit(body), {
    toBody: (v: Values) => ({
      // an untouched field is undefined: as '' it meets the schema's own "请填写…" message
      enterpriseName: v.enterpriseName ?? '',
      creditCode: v.creditCode?.trim() || null,
      address: v.address?.trim() || null,
      content: v.content ?? '',
      anonymous: !!v.anonymous,
      complainantName: v.anonymous ? null : v.complainantName?.trim() || null,
      complainantPhone: v.complainantPhone?.trim() || null,
    }),
    onFormError: setError,
  });

  const submit = async (body: PublicComplaintInput) => {
    const problems = complaintInputProblems(body);
    if (problems.length) {
      setError(problems.join('；'));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      setDone(await complaintsApi.file(body));
      window.scrollTo(0, 0);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  if (done) {
    return (
      <div className="pc-page">
        <Result
          status="success"
          title="举报已提交"
          subTitle={`我们将在${done.acceptDue}前决定是否受理，并依法为举报人保密。`}
          extra={[
            <div key="code" className="pc-code-box" data-testid="tracking-code-box">
              <div className="muted">查询码（请截图或抄写保存，凭此查询办理进度和答复）</div>
              <div className="pc-code" data-testid="tracking-code">
                {done.trackingCode}
              </div>
            </div>,
            <Button key="go" type="primary" block onClick={() => navigate(`/public/complaints/${done.trackingCode}`)}>
              查看办理进度
            </Button>,
          ]}
        />
      </div>
    );
  }

  return (
    <div className="pc-page">
      <Typography.Title level={4} className="pc-title">
        <SafetyCertificateOutlined /> 安全生产投诉举报
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        icon={<PhoneOutlined />}
        message={
          <>
            情况紧急请直接拨打 <a href="tel:12350">12350</a> 举报热线。
          </>
        }
        description="可实名或匿名举报。举报人的姓名和电话只有承办的执法人员可见，被举报单位不会得知。经查属实的，可按规定获得举报奖励（实名或留有联系电话）。"
        style={{ marginBottom: 12 }}
      />
      <Card size="small">
        <Form<Values> form={form} layout="vertical" initialValues={{ anonymous: false }} onFinish={onFinish} requiredMark="optional">
          <Form.Item name="enterpriseName" label="被举报单位名称" required>
            <Input maxLength={100} placeholder="如：某某化工有限公司" />
          </Form.Item>
          <Form.Item name="address" label="单位地址" extra="写明所在区县，便于交由属地部门办理">
            <Input maxLength={200} placeholder="如：杭州市西湖区某某路1号" />
          </Form.Item>
          <Form.Item name="creditCode" label="统一社会信用代码（知道的话）">
            <Input maxLength={18} className="mono" placeholder="18位，可不填" />
          </Form.Item>
          <Form.Item name="content" label="举报内容" required rules={[{ min: 10, message: '请具体描述举报的问题（不少于10个字）' }]}>
            <Input.TextArea rows={5} maxLength={4000} showCount placeholder="什么时间、什么地点、存在什么安全生产问题" />
          </Form.Item>
          <Form.Item name="anonymous" label="匿名举报" valuePropName="checked">
            <Switch checkedChildren="匿名" unCheckedChildren="实名" />
          </Form.Item>
          {anonymous ? null : (
            <Form.Item name="complainantName" label="举报人姓名" rules={[{ required: true, message: '实名举报请填写姓名' }]}>
              <Input maxLength={50} autoComplete="name" />
            </Form.Item>
          )}
          <Form.Item
            name="complainantPhone"
            label={anonymous ? '联系电话（可不填；留下电话可接收回访和奖励）' : '联系电话'}
            rules={[
              { required: !anonymous, message: '实名举报请填写联系电话' },
              { pattern: mobileOrLandline, message: '请填写正确的手机号码或固定电话' },
            ]}
          >
            <Input maxLength={20} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="complaint-error" /> : null}
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            提交举报
          </Button>
        </Form>
      </Card>
      <Card size="small" title="查询办理进度" style={{ marginTop: 12 }}>
        <Input.Search
          placeholder="输入12位查询码"
          enterButton="查询"
          value={lookup}
          onChange={(e) => setLookup(e.target.value.toUpperCase())}
          onSearch={(v) => v.trim() && navigate(`/public/complaints/${v.trim().toUpperCase()}`)}
        />
      </Card>
      <p className="muted pc-foot">
        <Link to="/login">工作人员登录</Link>
      </p>
    </div>
  );
}
