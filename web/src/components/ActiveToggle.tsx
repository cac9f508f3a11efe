/** Deactivate / activate with a confirmation; sends the version the user saw. */
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../utils/errors.ts';

interface Props {
  active: boolean;
  name: string;
  onToggle: (active: boolean) => Promise<unknown>;
  onDone: () => void;
  type?: 'link' | 'default';
  size?: 'small' | 'middle';
}

export function ActiveToggle({ active, name, onToggle, onDone, type = 'link', size = 'small' }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onToggle(!active);
      void message.success(active ? t('common.deactivated', { name }) : t('common.activated', { name }));
      onDone();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm
      title={active ? t('common.deactivateTitle') : t('common.activateTitle')}
      description={active ? t('common.deactivateConfirm', { name }) : t('common.activateConfirm', { name })}
      okText={active ? t('common.deactivate') : t('common.activate')}
      okButtonProps={{ danger: active }}
      cancelText={t('common.cancel')}
      onConfirm={run}
    >
      <Button type={type} size={size} danger={active} loading={busy}>
        {active ? t('common.deactivate') : t('common.activate')}
      </Button>
    </Popconfirm>
  );
}
