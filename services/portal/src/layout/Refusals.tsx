import { Button, Result } from 'antd';
import { homeOf, Role } from '../auth/roles';
import { useI18n } from '../i18n/I18n';

// antd's Result carries its 403/404/500 pictures: loaded with the first refusal, not with the login page.

/** A page the role may not open. */
export function Forbidden({ role }: { role: Role }) {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('app.forbiddenPage')}
      extra={
        <Button type="primary" href={homeOf(role)}>
          {t('app.home')}
        </Button>
      }
      data-testid="forbidden-page"
    />
  );
}

/** No such page. */
export function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('app.notFound')} extra={<Button href="/">{t('app.home')}</Button>} />;
}
