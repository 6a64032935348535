import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Input, Row, Skeleton, Space, Statistic, Tree, Typography, type TreeDataNode } from 'antd';
import { BankOutlined, IdcardOutlined } from '@ant-design/icons';
import { agencyLevelLabels, labelOf } from '@anjian/domain/enums';
import { api, type Agency } from '../../../api';
import { useAgencies } from '../../../components/agencies';
import { LevelTag } from '../../../components/tags';
import { PageHeader } from '../../../components/PageHeader';
import { useIsMobile } from '../../../app/useIsMobile';
import { registryKeys } from '../../../api/keys';

interface Node extends TreeDataNode {
  key: number;
  agency: Agency;
  children: Node[];
}

function buildTree(items: Agency[]): Node[] {
  const byId = new Map<number, Node>();
  for (const a of items) byId.set(a.id, { key: a.id, agency: a, title: a.name, children: [] });
  const roots: Node[] = [];
  for (const a of items) {
    const node = byId.get(a.id)!;
    const parent = a.parentId != null ? byId.get(a.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const order = { province: 0, city: 1, county: 2, township: 3 } as Record<string, number>;
  const sort = (ns: Node[]) => {
    ns.sort((x, y) => (order[x.agency.level] ?? 9) - (order[y.agency.level] ?? 9) || x.agency.regionCode.localeCompare(y.agency.regionCode));
    for (const n of ns) {
      if (n.children.length) sort(n.children);
      else n.isLeaf = true;
    }
  };
  sort(roots);
  return roots;
}

/** Keeps nodes whose name matches, with their ancestors; returns the keys to expand. */
function filterTree(nodes: Node[], kw: string, expand: Set<number>): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    const kids = filterTree(n.children, kw, expand);
    if (n.agency.name.includes(kw) || kids.length) {
      if (kids.length) expand.add(n.key);
      out.push({ ...n, children: kids, isLeaf: kids.length === 0 });
    }
  }
  return out;
}

function AgencyDetail({ id }: { id: number }) {
  const navigate = useNavigate();
  const { data, isLoading } = useQuery({ queryKey: registryKeys.agency(id), queryFn: () => api.agency(id) });
  if (isLoading) return <Skeleton active />;
  if (!data) return null;
  return (
    <div data-testid="agency-detail">
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {data.name}
        </Typography.Title>
        <LevelTag value={data.level} />
      </Space>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={12}>
          <Link to={`/enterprises?supervisingAgencyId=${data.id}`}>
            <Card size="small" hoverable>
              <Statistic title="直接监管企业" value={data.enterpriseCount} prefix={<BankOutlined />} />
            </Card>
          </Link>
        </Col>
        <Col span={12}>
          <Link to={`/officers?agencyId=${data.id}`}>
            <Card size="small" hoverable>
              <Statistic title="执法人员" value={data.officerCount} prefix={<IdcardOutlined />} />
            </Card>
          </Link>
        </Col>
      </Row>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'level', label: '层级', children: labelOf(agencyLevelLabels, data.level) },
          { key: 'region', label: '辖区', children: `${data.regionName}（${data.regionCode}）` },
        ]}
      />
      <Space wrap style={{ marginTop: 16 }}>
        <Button type="primary" icon={<BankOutlined />} onClick={() => navigate(`/enterprises?supervisingAgencyId=${data.id}`)}>
            查看监管企业
          </Button>
        <Button onClick={() => navigate(`/enterprises?regionCode=${data.regionCode}`)}>辖区内全部企业</Button>
        <Button icon={<IdcardOutlined />} onClick={() => navigate(`/officers?agencyId=${data.id}`)}>查看执法人员</Button>
      </Space>
    </div>
  );
}

export default function AgencyTreePage() {
  const isMobile = useIsMobile();
  const { data, isLoading } = useAgencies();
  const [keyword, setKeyword] = useState('');
  const detailRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<React.Key[] | null>(null);
  const tree = useMemo(() => buildTree(data ?? []), [data]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const a of data ?? []) c[a.level] = (c[a.level] ?? 0) + 1;
    return c;
  }, [data]);
  const { shown, autoExpand } = useMemo(() => {
    const kw = keyword.trim();
    if (!kw) return { shown: tree, autoExpand: null as number[] | null };
    const exp = new Set<number>();
    return { shown: filterTree(tree, kw, exp), autoExpand: [...exp] };
  }, [tree, keyword]);
  const defaultExpanded = useMemo(() => tree.flatMap((r) => [r.key]), [tree]);
  const current = selected ?? tree[0]?.key ?? null;

  return (
    <>
      <PageHeader
        title="执法机构"
        sub={
          data ? (
            <Space size={12} wrap>
              {(['province', 'city', 'county', 'township'] as const)
                .filter((l) => counts[l])
                .map((l) => (
                  <span key={l}>
                    {agencyLevelLabels[l]} {counts[l]} 个
                  </span>
                ))}
            </Space>
          ) : undefined
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11} xl={10}>
          <Card size="small" title="机构树（省 / 市 / 县 / 乡镇）">
            <Input.Search
              allowClear
              placeholder="输入机构名称筛选"
              aria-label="筛选机构名称"
              onSearch={(v) => setKeyword(v)}
              onChange={(e) => !e.target.value && setKeyword('')}
              style={{ marginBottom: 12 }}
            />
            {isLoading ? (
              <Skeleton active />
            ) : shown.length ? (
              <Tree<Node>
                treeData={shown}
                height={isMobile ? 360 : 620}
                virtual
                blockNode
                showLine
                selectedKeys={current != null ? [current] : []}
                expandedKeys={autoExpand ?? expanded ?? defaultExpanded}
                onExpand={(keys) => {
                  if (!autoExpand) setExpanded(keys);
                }}
                onSelect={(keys) => {
                  if (keys[0] == null) return;
                  setSelected(Number(keys[0]));
                  if (isMobile) setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
                }}
                titleRender={(n) => (
                  <span className="agency-node" data-testid="agency-node">
                    <LevelTag value={n.agency.level} />
                    <span>{n.agency.name}</span>
                  </span>
                )}
                data-testid="agency-tree"
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的机构" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={13} xl={14}>
          <Card size="small" title="机构详情" ref={detailRef}>
            {current != null ? <AgencyDetail id={current} /> : <Empty description="请在左侧选择一个机构" />}
          </Card>
        </Col>
      </Row>
    </>
  );
}
