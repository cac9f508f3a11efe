/** 人大代表: the deputies of the jurisdiction, with roster import. */
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DEPUTY_LEVELS, DEPUTY_LEVEL_LABELS, EXPERTISE_SUGGESTIONS, GENDER_LABELS } from '../../../../shared/org.ts';
import { deputiesApi } from '../../api/resources.ts';
import type { Deputy, Station } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { EntityActions } from '../../components/EntityActions.tsx';
import { ListToolbar, StatusFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useRecordDialog } from '../../hooks/useRecordDialog.ts';
import { useSort } from '../../hooks/useSort.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useEnumOptions, useLabel } from '../../i18n/labels.ts';
import { dash } from '../../utils/format.ts';
import { DeputyForm } from './DeputyForm.tsx';
import { LEVEL_COLORS } from './level-colors.ts';
import { RosterImport } from './RosterImport.tsx';

export function DeputiesPage() {
  const { t, i18n } = useTranslation();
  const L = useLabel();
  const enumOptions = useEnumOptions();
  const { hasRole } = useAuth();
  const [q, setQ] = useState('');
  const [level, setLevel] = useState<string | undefined>();
  const [stationId, setStationId] = useState<string | undefined>();
  const [expertise, setExpertise] = useState<string | undefined>();
  const [active, setActive] = useState<string | undefined>('true');
  const sort = useSort('name');
  const list = useCursorList<Deputy>('/deputies', { q, level, stationId, expertise, active, sort: sort.value });
  const dialog = useRecordDialog<Deputy>(list);
  const [importOpen, setImportOpen] = useState(false);
  // creating deputies and importing the roster are the district office's (the server enforces it too)
  const canManage = hasRole('admin');

  const columns = useMemo<ColumnsType<Deputy>>(
    () => [
      {
        title: t('deputies.name'),
        dataIndex: 'name',
        key: 'name',
        sorter: true,
        sortOrder: sort.orderOf('name'),
        width: 110,
        render: (_: unknown, d) => (
          <Link to={`/deputies/${d.id}`} className="cell-strong">
            {d.name}
          </Link>
        ),
      },
      { title: t('deputies.gender'), dataIndex: 'gender', width: 64, render: (g: string | null) => L(GENDER_LABELS, g) || '—' },
      {
        title: t('deputies.level'),
        dataIndex: 'level',
        key: 'level',
        width: 130,
        sorter: true,
        sortOrder: sort.orderOf('level'),
        render: (l: string) => <Tag color={LEVEL_COLORS[l] ?? 'default'}>{L(DEPUTY_LEVEL_LABELS, l)}</Tag>,
      },
      { title: t('deputies.occupation'), dataIndex: 'occupation', ellipsis: { showTitle: true }, render: dash },
      { title: t('deputies.constituency'), dataIndex: 'constituency', width: 130, ellipsis: true, render: dash },
      {
        title: t('deputies.stations'),
        dataIndex: 'stations',
        width: 180,
        render: (ss: Deputy['stations']) =>
          ss.length ? (
            <Space size={[0, 4]} wrap>
              {ss.map((s) => (
                <Tag key={s.id}>
                  <Link to={`/stations/${s.id}`}>{s.name}</Link>
                </Tag>
              ))}
            </Space>
          ) : (
            '—'
          ),
      },
      {
        title: t('deputies.expertise'),
        dataIndex: 'expertise',
        width: 150,
        render: (es: string[]) =>
          es.length ? (
            <Space size={[0, 4]} wrap>
              {es.map((e) => (
                <Tag key={e} color="blue" variant="filled">
                  {e}
                </Tag>
              ))}
            </Space>
          ) : (
            '—'
          ),
      },
      { title: t('common.status'), dataIndex: 'active', width: 76, render: (a: boolean) => <StatusTag active={a} /> },
      {
        title: t('common.actions'),
        key: 'actions',
        width: isEnglish(i18n.language) ? 220 : 150,
        fixed: 'right',
        render: (_: unknown, d) => (
          <EntityActions
            record={d}
            name={d.name}
            viewTo={`/deputies/${d.id}`}
            onEdit={() => dialog.edit(d)}
            onSetActive={(a) => deputiesApi.setActive(d.id, d.version, a)}
            onDone={list.reload}
          />
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, sort, list.reload, dialog.edit],
  );

  return (
    <div className="page">
      <PageHeader
        title={t('deputies.title')}
        subtitle={t('deputies.subtitle')}
        extra={
          <Space wrap>
            <ExportButton path="/deputies" query={{ q, level, stationId, expertise, active, sort: sort.value }} />
            {canManage ? (
              <>
                <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)}>
                  {t('import.button')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={dialog.create}>
                  {t('deputies.create')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      <Card variant="borderless">
        <ListToolbar searchPlaceholder={t('deputies.searchPlaceholder')} searchWidth={240} onSearch={setQ} onRefresh={list.reload}>
          <Select allowClear placeholder={t('deputies.level')} value={level} onChange={setLevel} style={{ width: 150 }} options={enumOptions(DEPUTY_LEVELS, DEPUTY_LEVEL_LABELS)} aria-label={t('deputies.level')} />
          <RemoteSelect<Station>
            path="/stations"
            toOption={(s) => ({ value: s.id, label: s.name })}
            value={stationId}
            onChange={(v) => setStationId(typeof v === 'string' ? v : undefined)}
            placeholder={t('deputies.stationFilter')}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('deputies.expertise')}
            value={expertise}
            onChange={setExpertise}
            style={{ width: 140 }}
            options={EXPERTISE_SUGGESTIONS.map((e) => ({ value: e, label: e }))}
            aria-label={t('deputies.expertise')}
          />
          <StatusFilter value={active} onChange={setActive} width={110} />
        </ListToolbar>
        <CursorTable list={list} columns={columns} sort={sort} />
      </Card>
      <DeputyForm open={dialog.open} deputy={dialog.record} onClose={dialog.close} onSaved={dialog.onSaved} />
      <RosterImport open={importOpen} onClose={() => setImportOpen(false)} onImported={list.reset} />
    </div>
  );
}
