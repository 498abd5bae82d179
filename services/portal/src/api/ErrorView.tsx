import { Alert, Button, Result } from 'antd';
import { describeError } from './errors';
import { useI18n } from '../i18n/I18n';

/** A failed request as a clear sentence (never a blank page), with a retry when there is one. */
export function ErrorView({ error, retry, page = false }: { error: unknown; retry?: () => void; page?: boolean }) {
  const { lang, t } = useI18n();
  const { title, detail } = describeError(error, lang);
  const action = retry ? (
    <Button size="small" onClick={retry}>
      {t('app.retry')}
    </Button>
  ) : undefined;
  if (page) return <Result status="warning" title={title} subTitle={detail} extra={action} data-testid="error-page" />;
  return <Alert type="error" showIcon title={title} description={detail} action={action} data-testid="error-alert" />;
}
