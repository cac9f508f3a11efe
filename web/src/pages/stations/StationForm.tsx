/** Create or edit a station or a room (Modal). */
import { Col, Form, Input, InputNumber, Modal, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATION_KINDS, STATION_KIND_LABELS, type StationKind } from '../../../../shared/org.ts';
import { stationsApi } from '../../api/resources.ts';
import type { Station, StationInput } from '../../api/types.ts';
import { useAuth, useUser } from '../../auth/AuthContext.tsx';
import { ContactFields } from '../../components/ContactFields.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { createOrUpdate, useEntityForm } from '../../hooks/useEntityForm.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { num, text } from '../../utils/form-values.ts';
import { rules } from '../../utils/rules.ts';

interface Values {
  name: string;
  kind: StationKind;
  parentId?: string;
  regionCode?: string;
  address?: string;
  location?: { lat?: number | null; lng?: number | null };
  openingHours?: string;
  contactName?: string;
  contactPhone?: string;
  description?: string;
}

interface Props {
  open: boolean;
  station: Station | null;
  /** For a new record: e.g. a room of a given station. */
  defaults?: Partial<Values> & { parentName?: string };
  onClose: () => void;
  onSaved: (s: Station) => void;
}

function toValues(s: Station): Values {
  return {
    name: s.name,
    kind: s.kind,
    parentId: s.parentId ?? undefined,
    regionCode: s.regionCode,
    address: s.address ?? undefined,
    location: { lat: s.location?.lat ?? null, lng: s.location?.lng ?? null },
    openingHours: s.openingHours ?? undefined,
    contactName: s.contactName ?? undefined,
    contactPhone: s.contactPhone ?? undefined,
    description: s.description ?? undefined,
  };
}

function toInput(v: Values): StationInput {
  const lat = num(v.location?.lat);
  const lng = num(v.location?.lng);
  return {
    name: v.name.trim(),
    kind: v.kind,
    parentId: v.kind === 'room' ? (v.parentId ?? null) : null,
    regionCode: v.regionCode ?? '',
    address: v.address?.trim() ?? '',
    location: lat !== null && lng !== null ? { lat, lng } : null,
    openingHours: text(v.openingHours),
    contactName: text(v.contactName),
    contactPhone: text(v.contactPhone),
    description: text(v.description),
  };
}

export function StationForm({ open, station, defaults, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const user = useUser();
  const { hasRole } = useAuth();
  // Station staff may edit their station's profile; name, kind, parent and region are the district office's.
  const profileOnly = !!station && !hasRole('admin');
  const locked = profileOnly ? { disabled: true, extra: t('stations.lockedField') } : {};
  const enumOptions = useEnumOptions();
  // `defaults` may be a fresh object on every render: the form is filled once each time the dialog opens.
  const { form, modalProps } = useEntityForm<Values, Station>({
    open,
    record: station,
    initialValues: () => (station ? toValues(station) : { kind: 'station', ...defaults }),
    save: (values) => createOrUpdate(stationsApi, station, toInput(values), (s) => toInput(toValues(s))),
    onClose,
    onSaved,
  });
  const kind = Form.useWatch('kind', form);
  const r = rules(t);

  const both = (field: 'lat' | 'lng') => ({
    validator: async (_: unknown, value: number | null | undefined) => {
      const other = form.getFieldValue(['location', field === 'lat' ? 'lng' : 'lat']) as number | null | undefined;
      if ((value === null || value === undefined) !== (other === null || other === undefined)) throw new Error(t('stations.locationBoth'));
    },
  });

  return (
    <Modal
      {...modalProps}
      title={station ? t('stations.editTitle', { name: station.name }) : kind === 'room' ? t('stations.createRoom') : t('stations.createTitle')}
      width={780}
    >
      <Form<Values> form={form} layout="vertical" className="record-form" scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="name" label={t('stations.name')} rules={[r.required(t('stations.name')), r.max(t('stations.name'), 100)]} extra={locked.extra}>
              <Input placeholder={t('stations.namePlaceholder')} maxLength={120} disabled={locked.disabled} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="kind" label={t('stations.kind')} rules={[r.requiredSelect(t('stations.kind'))]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={enumOptions(STATION_KINDS, STATION_KIND_LABELS)} disabled={locked.disabled} />
            </Form.Item>
          </Col>
          {kind === 'room' ? (
            <Col span={24}>
              <Form.Item
                name="parentId"
                label={t('stations.parent')}
                rules={[r.requiredSelect(t('stations.parent'))]}
                extra={t('stations.parentHelp')}
              >
                <RemoteSelect<Station>
                  path="/stations"
                  query={{ kind: 'station', active: true }}
                  toOption={(s) => ({ value: s.id, label: s.name })}
                  knownOptions={
                    station?.parentId && station.parentName
                      ? [{ value: station.parentId, label: station.parentName }]
                      : defaults?.parentId && defaults.parentName
                        ? [{ value: defaults.parentId, label: defaults.parentName }]
                        : []
                  }
                  placeholder={t('stations.parentPlaceholder')}
                  disabled={locked.disabled}
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('common.region')} rules={[r.requiredSelect(t('common.region'))]}>
              <RegionCascader rootCode={user.districtCode} disabled={locked.disabled} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('common.address')} rules={[r.required(t('common.address')), r.max(t('common.address'), 200)]}>
              <Input placeholder={t('stations.addressPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['location', 'lat']} label={t('stations.lat')} rules={[both('lat')]} dependencies={[['location', 'lng']]}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} placeholder="27.8321" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['location', 'lng']} label={t('stations.lng')} rules={[both('lng')]} dependencies={[['location', 'lat']]}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} placeholder="113.0825" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="openingHours" label={t('stations.openingHours')} rules={[r.max(t('stations.openingHours'), 200)]}>
              <Input placeholder={t('stations.openingHoursPlaceholder')} />
            </Form.Item>
          </Col>
          <ContactFields />
          <Col span={24}>
            <Form.Item name="description" label={t('stations.description')} rules={[r.max(t('stations.description'), 2000)]}>
              <Input.TextArea rows={3} showCount maxLength={2000} placeholder={t('stations.descriptionPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
