/** Create or edit a staff account; which link (station, department, deputy) is asked for depends on the roles. */
import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/org.ts';
import { usersApi } from '../../api/resources.ts';
import type { Department, Deputy, Station, User, UserInput } from '../../api/types.ts';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useEntityForm } from '../../hooks/useEntityForm.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { changedFields, text } from '../../utils/form-values.ts';
import { rules } from '../../utils/rules.ts';

interface Values {
  username?: string;
  displayName: string;
  password?: string;
  roles?: Role[];
  stationId?: string;
  departmentId?: string;
  deputyId?: string;
  phone?: string;
}

const toValues = (u: User): Values => ({
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  stationId: u.stationId ?? undefined,
  departmentId: u.departmentId ?? undefined,
  deputyId: u.deputyId ?? undefined,
  phone: u.phone ?? undefined,
});

function links(v: Values): Pick<UserInput, 'stationId' | 'departmentId' | 'deputyId'> {
  const roles = v.roles ?? [];
  return {
    stationId: roles.includes('station') || roles.includes('liaison') ? (v.stationId ?? null) : null,
    departmentId: roles.includes('department') ? (v.departmentId ?? null) : null,
    deputyId: roles.includes('deputy') ? (v.deputyId ?? null) : null,
  };
}

interface Props {
  open: boolean;
  user: User | null;
  onClose: () => void;
  onSaved: (u: User) => void;
}

export function UserForm({ open, user, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const { form, modalProps } = useEntityForm<Values, User>({
    open,
    record: user,
    initialValues: () => (user ? toValues(user) : { roles: [] }),
    save: async (v) => {
      if (user) {
        const before = { displayName: user.displayName, roles: user.roles, ...links(toValues(user)), phone: user.phone ?? '' };
        const after = { displayName: v.displayName.trim(), roles: v.roles ?? [], ...links(v), phone: text(v.phone) };
        const changes = changedFields(before, after);
        if (Object.keys(changes).length === 0) return null;
        return usersApi.update(user.id, user.version, changes);
      }
      const input: UserInput = {
        username: (v.username ?? '').trim(),
        displayName: v.displayName.trim(),
        password: v.password ?? '',
        roles: v.roles ?? [],
      };
      const l = links(v);
      if (l.stationId) input.stationId = l.stationId;
      if (l.departmentId) input.departmentId = l.departmentId;
      if (l.deputyId) input.deputyId = l.deputyId;
      const phone = text(v.phone);
      if (phone) input.phone = phone;
      return usersApi.create(input);
    },
    onClose,
    onSaved,
  });
  const roles = Form.useWatch('roles', form) ?? [];
  const r = rules(t);

  const known = (id: string | null | undefined, name: string | null | undefined) => (id && name ? [{ value: id, label: name }] : []);

  return (
    <Modal {...modalProps} title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')} width={720}>
      <Form<Values> form={form} layout="vertical" className="record-form" scrollToFirstError autoComplete="off">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="username"
              label={t('users.username')}
              rules={
                user
                  ? []
                  : [r.required(t('users.username')), { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: t('users.usernameRule') }]
              }
              extra={user ? t('users.usernameFixed') : t('users.usernameRule')}
            >
              <Input disabled={!!user} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="displayName" label={t('users.displayName')} rules={[r.required(t('users.displayName')), r.max(t('users.displayName'), 50)]}>
              <Input />
            </Form.Item>
          </Col>
          {!user ? (
            <Col xs={24} md={12}>
              <Form.Item
                name="password"
                label={t('users.initialPassword')}
                rules={[r.required(t('users.initialPassword')), { min: 10, message: t('validation.passwordMin') }, r.max(t('users.initialPassword'), 200)]}
                extra={t('users.passwordHelp')}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('users.phone')} rules={[r.phone(t('users.phone'))]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}>
              <Select mode="multiple" options={enumOptions(ROLES, ROLE_LABELS)} placeholder={t('common.pleaseSelect')} />
            </Form.Item>
          </Col>
          {roles.includes('station') || roles.includes('liaison') ? (
            <Col xs={24} md={12}>
              <Form.Item
                name="stationId"
                label={t('users.station')}
                rules={roles.includes('station') ? [r.requiredSelect(t('users.station'))] : []}
              >
                <RemoteSelect<Station>
                  path="/stations"
                  query={{ active: true }}
                  toOption={(s) => ({ value: s.id, label: s.name })}
                  knownOptions={known(user?.stationId, user?.stationName)}
                  placeholder={t('common.pleaseSelect')}
                />
              </Form.Item>
            </Col>
          ) : null}
          {roles.includes('department') ? (
            <Col xs={24} md={12}>
              <Form.Item name="departmentId" label={t('users.department')} rules={[r.requiredSelect(t('users.department'))]}>
                <RemoteSelect<Department>
                  path="/departments"
                  query={{ active: true }}
                  toOption={(d) => ({ value: d.id, label: d.name })}
                  knownOptions={known(user?.departmentId, user?.departmentName)}
                  placeholder={t('common.pleaseSelect')}
                />
              </Form.Item>
            </Col>
          ) : null}
          {roles.includes('deputy') ? (
            <Col xs={24} md={12}>
              <Form.Item name="deputyId" label={t('users.deputy')} rules={[r.requiredSelect(t('users.deputy'))]}>
                <RemoteSelect<Deputy>
                  path="/deputies"
                  query={{ active: true }}
                  toOption={(d) => ({ value: d.id, label: d.name })}
                  knownOptions={known(user?.deputyId, user?.deputyName)}
                  placeholder={t('common.pleaseSelect')}
                />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
