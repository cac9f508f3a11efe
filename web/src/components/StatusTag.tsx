import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function StatusTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? (
    <Tag color="success" variant="outlined">
      {t('common.active')}
    </Tag>
  ) : (
    <Tag color="default" variant="outlined">
      {t('common.inactive')}
    </Tag>
  );
}
