// 工作日历 (R38): the bureau's year — official once the State Council's notice is entered, 暂定 until then (the law's
// festival days only). The province administrator enters the notice; what it changed is listed to the agencies.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage, type CalendarYearView } from '../../api';
import { useMe } from '../../app/auth';
import { fmtDateTime } from '../../app/format';
import { showSuccess } from '../../app/feedback';
import { PageHeader } from '../../components/PageHeader';
import { shanghaiToday } from '../../api/hazard';
import { calendarQuery } from '../../app/workingDays';
import { calendarKeys, planKeys } from '../../api/keys';

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

function MonthGrid({ year, month, days }: { year: number; month: number; days: CalendarYearView['days'] }) {
  const prefix = `${year}-${String(month).padStart(2, '0')}-`;
  const own = days.filter((d) => d.date.startsWith(prefix));
  const lead = (new Date(`${prefix}01T00:00:00Z`).getUTCDay() + 6) % 7; // Monday first
  return (
    <div className="cal-month" data-testid="calendar-month">
      <div className="cal-month-title">{month}月</div>
      <div className="cal-grid">
        {WEEK.map((w) => (
          <div key={w} className="cal-head">
            {w}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`x${i}`} />
        ))}
        {own.map((d) => (
          <div key={d.date} className={`cal-day cal-${d.kind}`} title={d.name ? `${d.date} ${d.name}` : d.date} data-date={d.date} data-kind={d.kind}>
            {Number(d.date.slice(8))}
          </div>
        ))}
      </div>
    </div>
  );
}

interface NoticeForm {
  number: string;
  issuedOn: Dayjs;
  holidays: { name: string; range: [Dayjs, Dayjs] }[];
  makeup: Dayjs[];
}

function NoticeModal({ year, current, open, onClose }: { year: number; current: CalendarYearView; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<NoticeForm>();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: NoticeForm) =>
      api.enterNotice(year, {
        notice: { number: v.number, issuedOn: v.issuedOn.format('YYYY-MM-DD') },
        holidays: (v.holidays ?? []).map((h) => ({ name: h.name, from: h.range[0].format('YYYY-MM-DD'), to: h.range[1].format('YYYY-MM-DD') })),
        makeupWorkdays: (v.makeup ?? []).map((d) => d.format('YYYY-MM-DD')),
      }),
    onSuccess: (r) => {
      showSuccess(`已录入${year}年放假安排（第${r.version}版），调整事项 ${r.changes.length} 项`);
      void qc.invalidateQueries({ queryKey: calendarKeys.all });
      void qc.invalidateQueries({ queryKey: planKeys.all });
      onClose();
    },
  });
  // start from what is known: the holidays of the calendar in force
  const initial = {
    holidays: current.holidays.map((h) => ({ name: h.name.split('、')[0], range: [dayjs(h.start < `${year}-01-01` ? `${year}-01-01` : h.start), dayjs(h.end > `${year}-12-31` ? `${year}-12-31` : h.end)] })),
    makeup: [],
  };
  const inYear = (d: Dayjs) => d.year() !== year;
  return (
    <Modal open={open} title={`录入${year}年国务院放假安排通知`} onCancel={onClose} onOk={() => form.submit()} okText="录入" confirmLoading={save.isPending} width={640} destroyOnHidden>
      {save.error ? <Alert type="error" showIcon message={errorMessage(save.error)} style={{ marginBottom: 12 }} data-testid="notice-error" /> : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Space wrap>
          <Form.Item name="number" label="通知文号" rules={[{ required: true, message: '请填写通知文号' }]}>
            <Input placeholder="例如：国办发明电〔2026〕7号" style={{ width: 260 }} data-testid="notice-number" />
          </Form.Item>
          <Form.Item name="issuedOn" label="发布日期" rules={[{ required: true, message: '请选择发布日期' }]}>
            <DatePicker inputReadOnly data-testid="notice-issued" />
          </Form.Item>
        </Space>
        <Typography.Text strong>放假安排</Typography.Text>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '节日名称' }]}>
                    <Input placeholder="节日" style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'range']} rules={[{ required: true, message: '放假日期' }]}>
                    <DatePicker.RangePicker inputReadOnly disabledDate={inYear} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除" />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} block style={{ marginBottom: 12 }}>
                添加放假安排
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="makeup" label="调休上班日（周末）">
          <DatePicker multiple inputReadOnly disabledDate={(d) => inYear(d) || (d.day() !== 0 && d.day() !== 6)} style={{ width: '100%' }} data-testid="notice-makeup" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CalendarPage() {
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState(thisYear + (Number(shanghaiToday().slice(5, 7)) >= 11 ? 1 : 0));
  const { data: me } = useMe();
  const { data, isLoading } = useQuery(calendarQuery(year));
  const [open, setOpen] = useState(false);
  const provinceAdmin = me?.role === 'admin' && (!me.agency || me.agency.level === 'province');
  return (
    <>
      <PageHeader
        title="工作日历"
        sub="法定节假日与调休安排，执法期限、检查计划、整改期限均按此计算"
        extra={
          <Space wrap>
            <Segmented value={year} onChange={(v) => setYear(Number(v))} options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: `${y}年` }))} />
            {provinceAdmin && data ? (
              <Button type="primary" onClick={() => setOpen(true)} data-testid="enter-notice">
                录入放假通知
              </Button>
            ) : null}
          </Space>
        }
      />
      {data ? (
        <>
          {data.official ? (
            <Alert
              type="success"
              showIcon
              data-testid="calendar-status"
              message={data.notice ? `${year}年放假安排：${data.notice.number}（${data.notice.issuedOn}发布）` : `${year}年放假安排已按国务院公布的通知载入`}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              data-testid="calendar-status"
              message={
                <>
                  <Tag color="orange">暂定</Tag>
                  {year}年国务院放假安排通知尚未录入：目前只按《全国年节及纪念日放假办法》确定的法定节假日（含周末补假）计算，调休待通知录入后确定。
                </>
              }
            />
          )}
          <Card size="small" title="假期" style={{ marginTop: 12 }}>
            <Table
              size="small"
              rowKey={(h) => h.start}
              pagination={false}
              dataSource={data.holidays}
              data-testid="calendar-holidays"
              columns={[
                { title: '节日', dataIndex: 'name' },
                { title: '放假', key: 'range', render: (_: unknown, h) => `${h.start.slice(5)} 至 ${h.end.slice(5)}` },
                { title: '连休', dataIndex: 'daysOff', render: (n: number) => `${n}天` },
                { title: '调休上班', dataIndex: 'makeupWorkdays', render: (w: string[]) => (w.length ? w.map((d) => d.slice(5)).join('、') : '—') },
              ]}
            />
          </Card>
          <div className="cal-legend">
            <span className="cal-day cal-holiday">休</span>放假 <span className="cal-day cal-makeup">班</span>调休上班 <span className="cal-day cal-weekend">末</span>周末
            {!data.official ? <Tag color="orange">暂定</Tag> : null}
          </div>
          <div className="cal-months">
            {Array.from({ length: 12 }, (_, i) => (
              <MonthGrid key={i} year={year} month={i + 1} days={data.days} />
            ))}
          </div>
          {data.versions.some((v) => v.source === 'notice') ? (
            <Card size="small" title="录入记录与调整事项" style={{ marginTop: 12 }}>
              {data.versions
                .filter((v) => v.source === 'notice')
                .map((v) => (
                  <div key={v.version} style={{ marginBottom: 8 }}>
                    <Typography.Text strong>
                      第{v.version}版 {v.notice?.number}
                    </Typography.Text>{' '}
                    <span className="muted">
                      {v.enteredBy} {fmtDateTime(v.enteredAt)}
                    </span>
                    {v.changes.length ? (
                      <ul data-testid="calendar-changes">
                        {v.changes.map((c, i) => (
                          <li key={i}>
                            {c.what}：{c.subject}
                            {c.before && c.after ? (c.before === c.after ? `（保持 ${c.after}）` : `（${c.before} → ${c.after}）`) : ''}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <div className="muted">本辖区无需调整的事项</div>
                    )}
                  </div>
                ))}
            </Card>
          ) : null}
          {open ? <NoticeModal year={year} current={data} open={open} onClose={() => setOpen(false)} /> : null}
        </>
      ) : isLoading ? (
        <Card loading />
      ) : null}
    </>
  );
}
export default CalendarPage;
