/** Sign-in: username and password; shows the server's message (wrong credentials, rate limited). */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { BrandMark } from '../../layout/Brand.tsx';
import { LanguageSwitch } from '../../layout/LanguageSwitch.tsx';
import { errorText } from '../../utils/errors.ts';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { user, ready, login, expired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (ready && user) return <Navigate to={from === '/login' ? '/' : from} replace />;

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(from === '/login' ? '/' : from, { replace: true });
    } catch (err) {
      if (isApiError(err) && err.status === 429) setError(errorText(err) || t('login.rateLimited'));
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <section className="login-hero" aria-hidden="false">
        <div className="login-hero-inner">
          <div className="login-hero-brand">
            <BrandMark size={52} />
            <div>
              <div className="login-hero-name">{t('app.name')}</div>
              <div className="login-hero-product">{t('app.product')}</div>
            </div>
          </div>
          <p className="login-hero-lead">{t('login.lead')}</p>
          <ul className="login-hero-points">
            <li>{t('login.point1')}</li>
            <li>{t('login.point2')}</li>
            <li>{t('login.point3')}</li>
          </ul>
        </div>
        <div className="login-hero-foot">{t('app.footer')}</div>
      </section>
      <main className="login-panel">
        <div className="login-lang">
          <LanguageSwitch size="middle" />
        </div>
        <div className="login-card">
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          {expired && !error ? <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} /> : null}
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
          <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={submit} size="large" autoComplete="on">
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder={t('login.usernamePlaceholder')} />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder={t('login.passwordPlaceholder')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="login-help">
            {t('login.help')}
          </Typography.Paragraph>
        </div>
      </main>
    </div>
  );
}
