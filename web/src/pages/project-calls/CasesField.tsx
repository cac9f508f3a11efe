/**
 * A form field of linked cases (ids): the console's CasePicker adds one at a time, each shown as a
 * removable tag with its tracking code and title.
 */
import { Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi } from '../../api/cases.ts';
import { CasePicker } from '../cases/CasePicker.tsx';

interface Props {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Ids already linked (not offered again, not removable here). */
  fixed?: string[];
}

export function CasesField({ id, value = [], onChange, fixed = [] }: Props) {
  const { t } = useTranslation();
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [picking, setPicking] = useState<string | undefined>(undefined);

  useEffect(() => {
    const missing = value.filter((v) => !(v in labels));
    if (!missing.length) return;
    let live = true;
    void Promise.all(missing.map((cid) => casesApi.get(cid).then((c) => [cid, `${c.trackingCode} ${c.title}`] as const, () => [cid, cid] as const))).then((pairs) => {
      if (live) setLabels((l) => ({ ...l, ...Object.fromEntries(pairs) }));
    });
    return () => {
      live = false;
    };
  }, [value, labels]);

  const add = (caseId: string | undefined) => {
    setPicking(undefined);
    if (!caseId || value.includes(caseId) || fixed.includes(caseId)) return;
    onChange?.([...value, caseId]);
  };

  return (
    <div className="pc-cases-field">
      <CasePicker id={id} value={picking} onChange={add} placeholder={t('projectCalls.proposals.casePlaceholder')} notFound={t('projectCalls.proposals.caseNone')} />
      {value.length ? (
        <Space size={[4, 4]} wrap className="pc-cases-chosen">
          {value.map((cid) => (
            <Tag key={cid} closable onClose={() => onChange?.(value.filter((v) => v !== cid))} className="pc-case-tag" title={labels[cid]}>
              {labels[cid] ?? t('common.loading')}
            </Tag>
          ))}
        </Space>
      ) : null}
    </div>
  );
}
