import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { errorText } from '../utils/errors.ts';

/** What a page shows when its data could not be loaded (404 and 403 read differently). */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = isApiError(error) ? error.status : 0;
  const kind = status === 404 ? '404' : status === 403 ? '403' : 'error';
  return (
    <Result
      status={kind}
      title={status === 404 ? t('errors.notFoundTitle') : status === 403 ? t('errors.forbiddenTitle') : t('errors.loadFailed')}
      subTitle={errorText(error)}
      extra={onRetry && kind === 'error' ? <Button onClick={onRetry}>{t('common.retry')}</Button> : null}
    />
  );
}
