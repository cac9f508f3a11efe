/**
 * A record's view / edit / deactivate-activate actions, offered as the server's `abilities` say:
 * links in a table row, or buttons in a detail page's header (`variant="header"`).
 */
import { EditOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Abilities } from '../api/types.ts';
import { ActiveToggle } from './ActiveToggle.tsx';

interface Props {
  record: { active: boolean; abilities?: Abilities };
  /** Named in the confirmation and the toast. */
  name: string;
  onEdit: () => void;
  /** Sends the version the user saw. */
  onSetActive: (active: boolean) => Promise<unknown>;
  onDone: () => void;
  variant?: 'row' | 'header';
  /** Rows only: a "view" link to the record's page. */
  viewTo?: string;
  /** Deactivation may be withheld beyond the abilities (one's own account). */
  canToggle?: boolean;
  /** More actions after these. */
  children?: ReactNode;
}

export function EntityActions({ record, name, onEdit, onSetActive, onDone, variant = 'row', viewTo, canToggle = true, children }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = record.abilities ?? {};
  const toggle = can.deactivate && canToggle;
  if (variant === 'header') {
    return (
      <Space>
        {can.update ? (
          <Button icon={<EditOutlined />} onClick={onEdit}>
            {t('common.edit')}
          </Button>
        ) : null}
        {toggle ? <ActiveToggle type="default" size="middle" active={record.active} name={name} onToggle={onSetActive} onDone={onDone} /> : null}
        {children}
      </Space>
    );
  }
  return (
    <Space size={0}>
      {viewTo ? (
        <Button type="link" size="small" onClick={() => navigate(viewTo)}>
          {t('common.view')}
        </Button>
      ) : null}
      {can.update ? (
        <Button type="link" size="small" onClick={onEdit}>
          {t('common.edit')}
        </Button>
      ) : null}
      {toggle ? <ActiveToggle active={record.active} name={name} onToggle={onSetActive} onDone={onDone} /> : null}
      {children}
    </Space>
  );
}
