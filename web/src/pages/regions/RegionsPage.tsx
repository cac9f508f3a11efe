/** 行政区划: browse the official region tree (province → city → county → street → community), loaded level by level. */
import { AimOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Col, Descriptions, Empty, Input, Row, Spin, Tag, Tree, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_LEVEL_LABELS } from '../../../../shared/org.ts';
import { api, type Page } from '../../api/client.ts';
import type { Region, RegionDetail } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLabel } from '../../i18n/labels.ts';
import { findNode, loadChildren, setChildren, type RegionNode } from './region-tree.ts';

export function RegionsPage() {
  const { t } = useTranslation();
  const L = useLabel();
  const user = useUser();
  const [tree, setTreeState] = useState<RegionNode[]>([]);
  const treeRef = useRef<RegionNode[]>([]);
  const setTree = useCallback((next: RegionNode[]) => {
    treeRef.current = next;
    setTreeState(next);
  }, []);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selected, setSelected] = useState<RegionDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [locating, setLocating] = useState(false);
  const [found, setFound] = useState<Region[]>([]);
  const [searchText, setSearchText] = useState('');
  const treeView = useRef<{ scrollTo: (arg: { key: string; align?: 'top' | 'bottom' | 'auto'; offset?: number }) => void } | null>(null);

  const select = useCallback(async (code: string) => {
    try {
      setSelected(await api.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`));
    } catch (e) {
      setError(e);
    }
  }, []);

  /** Opens every level above a region and selects it. */
  const locate = useCallback(
    async (code: string) => {
      setLocating(true);
      try {
        const detail = await api.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`);
        let nodes = treeRef.current;
        const ancestors = detail.path.slice(0, -1).map((p) => p.code);
        // open the levels above it, and the region itself so its subdivisions show
        const open = [...ancestors];
        for (const a of ancestors) {
          if (!findNode(nodes, a)?.children) nodes = setChildren(nodes, a, await loadChildren(a));
        }
        const self = findNode(nodes, code);
        if (self && !self.isLeaf) {
          if (!self.children) nodes = setChildren(nodes, code, await loadChildren(code));
          open.push(code);
        }
        setTree(nodes);
        setExpanded((prev) => [...new Set([...prev, ...open])]);
        setSelected(detail);
        setTimeout(() => treeView.current?.scrollTo({ key: code, align: 'top', offset: 60 }), 50);
      } catch (e) {
        setError(e);
      } finally {
        setLocating(false);
      }
    },
    [setTree],
  );

  useEffect(() => {
    loadChildren(null)
      .then((top) => {
        setTree(top);
        if (user.districtCode) void locate(user.districtCode);
      })
      .catch(setError);
  }, [user.districtCode, locate, setTree]);

  // The API searches names among one region's subdivisions (`parent` + `q`); a code is looked up directly.
  // the selected region, or its parent when it has no subdivisions
  const selectedIsLeaf = selected ? findNode(tree, selected.code)?.isLeaf === true : false;
  const scope = selected ? (selectedIsLeaf ? (selected.path[selected.path.length - 2] ?? null) : selected) : null;
  const scopeCode = scope?.code ?? null;
  useEffect(() => {
    const q = searchText.trim();
    if (!q) {
      setFound([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      const lookup: Promise<Region[]> = /^\d{2,12}$/.test(q)
        ? api.get<RegionDetail>(`/regions/${q}`, undefined, ctrl.signal).then((r) => [{ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, hasChildren: true }])
        : api.get<Page<Region>>('/regions', { parent: scopeCode, q, limit: 20 }, ctrl.signal).then((p) => p.items);
      lookup.then(setFound).catch(() => setFound([]));
    }, 300);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [searchText, scopeCode]);

  if (error) return <LoadError error={error} />;

  return (
    <div className="page">
      <PageHeader title={t('regions.title')} subtitle={t('regions.subtitle')} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card
            variant="borderless"
            title={t('regions.tree')}
            extra={
              user.districtCode ? (
                <Button size="small" icon={<AimOutlined />} onClick={() => void locate(user.districtCode as string)}>
                  {t('regions.myDistrict')}
                </Button>
              ) : null
            }
          >
            <AutoComplete
              style={{ width: '100%', marginBottom: 12 }}
              value={searchText}
              onChange={setSearchText}
              options={found.map((r) => ({ value: r.code, label: `${r.name}（${r.code} · ${L(REGION_LEVEL_LABELS, r.level)}）` }))}
              onSelect={(code: string) => {
                setSearchText('');
                void locate(code);
              }}
            >
              <Input.Search
                placeholder={scope ? t('regions.searchIn', { name: scope.name }) : t('regions.searchPlaceholder')}
                allowClear
                aria-label={t('common.search')}
              />
            </AutoComplete>
            <Spin spinning={locating || tree.length === 0}>
              <Tree<RegionNode>
                ref={treeView as never}
                className="region-tree"
                height={560}
                treeData={tree}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selected ? [selected.code] : []}
                onSelect={(keys) => keys[0] && void select(String(keys[0]))}
                loadData={async (node) => {
                  if (node.children) return;
                  setTree(setChildren(treeRef.current, node.key, await loadChildren(node.key)));
                }}
                titleRender={(n) => (
                  <span className="region-node">
                    {n.title}
                    <Typography.Text type="secondary" className="region-code">
                      {n.key}
                    </Typography.Text>
                  </span>
                )}
              />
            </Spin>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title={t('regions.detail')}>
            {selected ? (
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'name', label: t('regions.name'), children: <strong>{selected.name}</strong> },
                  { key: 'code', label: t('regions.code'), children: <Typography.Text copyable>{selected.code}</Typography.Text> },
                  { key: 'level', label: t('regions.level'), children: <Tag>{L(REGION_LEVEL_LABELS, selected.level)}</Tag> },
                  { key: 'path', label: t('region.path'), children: selected.path.map((p) => p.name).join(' / ') },
                  {
                    key: 'children',
                    label: t('regions.children'),
                    children: (() => {
                      const n = findNode(tree, selected.code);
                      if (n?.isLeaf) return t('regions.none');
                      return n?.children ? t('regions.childCount', { count: n.children.length }) : t('regions.notLoaded');
                    })(),
                  },
                ]}
              />
            ) : (
              <Empty description={t('regions.pick')} />
            )}
            <Typography.Paragraph type="secondary" className="table-note">
              {t('regions.codeNote')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
