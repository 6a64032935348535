// The result of a double-random draw (R13/R14), shown to staff and to the public alike.
import { Link } from 'react-router-dom';
import { Card, Col, Descriptions, Empty, Row, Space, Statistic, Table, Tag, type DescriptionsProps, type TableColumnsType } from 'antd';
import type { Draw } from '../../api';
import { fmtDate, fmtDateTime } from '../../app/format';
import { useIsMobile } from '../../app/useIsMobile';
import { CardList } from '../../components/CardList';
import { HashText } from './common';

type Assignment = Draw['assignments'][number];

function Officers({ a }: { a: Assignment }) {
  return (
    <Space size={[4, 4]} wrap>
      {a.officers.map((o) => (
        <Tag key={o.id} className="officer-tag">
          {o.name}
          <span className="mono officer-cred">{o.credentialNo}</span>
          {o.department && o.department !== '应急管理' ? <span className="officer-dept">（{o.department}）</span> : null}
        </Tag>
      ))}
    </Space>
  );
}

export function DrawSummary({ draw }: { draw: Draw }) {
  const isMobile = useIsMobile();
  const items: DescriptionsProps['items'] = [
    { key: 'agency', label: '执法机构', children: draw.agencyName },
    { key: 'date', label: '抽取日期', children: <span className="nowrap">{fmtDate(draw.drawDate)}</span> },
    { key: 'seed', label: '随机种子', children: <HashText value={draw.seed} testId="draw-seed" /> },
    { key: 'created', label: '记录时间', children: <span className="nowrap">{fmtDateTime(draw.createdAt)}</span> },
    {
      key: 'hash',
      label: '输入哈希（SM3）',
      children: <HashText value={draw.inputHash} testId="draw-hash" />,
      span: isMobile ? 1 : 2,
    },
  ];
  return (
    <>
      <Row gutter={[12, 12]} className="draw-stats">
        <Col xs={8}>
          <Card size="small">
            <Statistic title="备选企业" value={draw.poolSize} suffix="家" />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="执法人员库" value={draw.officerPoolSize} suffix="人" />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="抽中企业" value={draw.assignments.length} suffix={`/ ${draw.targetCount}`} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="抽取记录" style={{ marginTop: 12 }}>
        <Descriptions
          bordered={!isMobile}
          size="small"
          column={isMobile ? 1 : 2}
          items={items}
          styles={{ label: isMobile ? { color: 'rgba(0,0,0,0.5)' } : { width: 140, whiteSpace: 'nowrap' } }}
        />
      </Card>
    </>
  );
}

export function DrawAssignments({ draw, linkEnterprises }: { draw: Draw; linkEnterprises: boolean }) {
  const isMobile = useIsMobile();
  const name = (a: { enterpriseId: number; enterpriseName: string }) =>
    linkEnterprises ? <Link to={`/enterprises/${a.enterpriseId}`}>{a.enterpriseName}</Link> : a.enterpriseName;
  const columns: TableColumnsType<Assignment> = [
    { title: '序号', key: 'i', width: 64, render: (_, __, i) => i + 1 },
    { title: '企业名称', key: 'name', render: (_, a) => name(a) },
    { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'creditCode', width: 200, className: 'mono' },
    { title: '执法人员（执法证号）', key: 'officers', render: (_, a) => <Officers a={a} /> },
  ];
  return (
    <Card size="small" title={`抽取结果（${draw.assignments.length} 家）`} style={{ marginTop: 12 }} data-testid="draw-assignments">
      {isMobile ? (
        <CardList<Assignment>
          items={draw.assignments}
          rowKey={(a) => a.enterpriseId}
          empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有抽中企业" />}
          render={(a) => (
            <div className="ent-card-inner" data-testid="draw-row">
              <strong>{name(a)}</strong>
              <div className="ent-card-code mono">{a.creditCode}</div>
              <div style={{ marginTop: 6 }}>
                <Officers a={a} />
              </div>
            </div>
          )}
        />
      ) : (
        <Table<Assignment>
          rowKey="enterpriseId"
          size="middle"
          columns={columns}
          dataSource={draw.assignments}
          pagination={draw.assignments.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          onRow={() => ({ 'data-testid': 'draw-row' }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有抽中企业" /> }}
        />
      )}
      {draw.unassigned.length ? (
        <div className="draw-unassigned" data-testid="draw-unassigned">
          <div className="draw-unassigned-title">未能分配执法人员的企业（{draw.unassigned.length} 家）</div>
          <ul className="reason-list">
            {draw.unassigned.map((u) => (
              <li key={u.enterpriseId}>
                {linkEnterprises ? <Link to={`/enterprises/${u.enterpriseId}`}>企业编号 {u.enterpriseId}</Link> : `企业编号 ${u.enterpriseId}`}：{u.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
