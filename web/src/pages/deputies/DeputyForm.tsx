/** Create or edit a deputy (Modal). */
import { Col, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEPUTY_LEVELS, DEPUTY_LEVEL_LABELS, EXPERTISE_SUGGESTIONS, GENDERS, GENDER_LABELS, type DeputyLevel, type Gender } from '../../../../shared/org.ts';
import { deputiesApi } from '../../api/resources.ts';
import type { Deputy, DeputyInput, Station } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { createOrUpdate, useEntityForm } from '../../hooks/useEntityForm.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { num, text } from '../../utils/form-values.ts';
import { rules } from '../../utils/rules.ts';

interface Values {
  name: string;
  gender?: Gender;
  level?: DeputyLevel;
  occupation?: string;
  constituency?: string;
  regionCode?: string;
  term?: string;
  termStart?: number | null;
  termEnd?: number | null;
  expertise?: string[];
  publicPhone?: string;
  bio?: string;
  stationIds?: string[];
}

function toValues(d: Deputy): Values {
  return {
    name: d.name,
    gender: d.gender ?? undefined,
    level: d.level,
    occupation: d.occupation ?? undefined,
    constituency: d.constituency ?? undefined,
    regionCode: d.regionCode,
    term: d.term ?? undefined,
    termStart: d.termStart,
    termEnd: d.termEnd,
    expertise: d.expertise,
    publicPhone: d.publicPhone ?? undefined,
    bio: d.bio ?? undefined,
    stationIds: d.stations.map((s) => s.id),
  };
}

function toInput(v: Values): DeputyInput {
  return {
    name: v.name.trim(),
    gender: v.gender ?? null,
    level: v.level as DeputyLevel,
    occupation: text(v.occupation),
    constituency: text(v.constituency),
    regionCode: v.regionCode ?? '',
    term: text(v.term),
    termStart: num(v.termStart),
    termEnd: num(v.termEnd),
    expertise: (v.expertise ?? []).map((e) => e.trim()).filter(Boolean),
    publicPhone: text(v.publicPhone),
    bio: text(v.bio),
    stationIds: v.stationIds ?? [],
  };
}

interface Props {
  open: boolean;
  deputy: Deputy | null;
  onClose: () => void;
  onSaved: (d: Deputy) => void;
}

export function DeputyForm({ open, deputy, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const user = useUser();
  const enumOptions = useEnumOptions();
  const { form, modalProps } = useEntityForm<Values, Deputy>({
    open,
    record: deputy,
    initialValues: () => (deputy ? toValues(deputy) : { regionCode: user.districtCode ?? undefined, expertise: [], stationIds: user.stationId ? [user.stationId] : [] }),
    save: (values) => createOrUpdate(deputiesApi, deputy, toInput(values), (d) => toInput(toValues(d))),
    onClose,
    onSaved,
  });
  const r = rules(t);

  const tagLength = {
    validator: async (_: unknown, v: string[] | undefined) => {
      if ((v ?? []).some((s) => s.trim().length > 20)) throw new Error(t('validation.tagMax', { max: 20 }));
    },
  };

  const year = (field: string) => ({
    type: 'integer' as const,
    min: 1949,
    max: 2100,
    message: t('validation.year', { field }),
  });

  return (
    <Modal
      {...modalProps}
      title={deputy ? t('deputies.editTitle', { name: deputy.name }) : t('deputies.createTitle')}
      width={820}
    >
      <Form<Values> form={form} layout="vertical" className="record-form" scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="name" label={t('deputies.name')} rules={[r.required(t('deputies.name')), r.max(t('deputies.name'), 30)]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="gender" label={t('deputies.gender')}>
              <Radio.Group options={enumOptions(GENDERS, GENDER_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="level" label={t('deputies.level')} rules={[r.requiredSelect(t('deputies.level'))]}>
              <Select options={enumOptions(DEPUTY_LEVELS, DEPUTY_LEVEL_LABELS)} placeholder={t('common.pleaseSelect')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="occupation" label={t('deputies.occupation')} rules={[r.max(t('deputies.occupation'), 100)]}>
              <Input placeholder={t('deputies.occupationPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="constituency" label={t('deputies.constituency')} rules={[r.max(t('deputies.constituency'), 100)]}>
              <Input placeholder={t('deputies.constituencyPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('common.region')} rules={[r.requiredSelect(t('common.region'))]}>
              <RegionCascader rootCode={user.districtCode} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="stationIds" label={t('deputies.stations')} rules={[{ type: 'array', max: 10, message: t('validation.maxItems', { max: 10 }) }]}>
              <RemoteSelect<Station>
                mode="multiple"
                path="/stations"
                query={{ active: true }}
                toOption={(s) => ({ value: s.id, label: s.name })}
                knownOptions={deputy?.stations.map((s) => ({ value: s.id, label: s.name }))}
                placeholder={t('deputies.stationsPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="term" label={t('deputies.term')} rules={[r.max(t('deputies.term'), 30)]}>
              <Input placeholder={t('deputies.termPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="termStart" label={t('deputies.termStart')} rules={[year(t('deputies.termStart'))]}>
              <InputNumber style={{ width: '100%' }} precision={0} placeholder="2021" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="termEnd"
              label={t('deputies.termEnd')}
              dependencies={['termStart']}
              rules={[
                year(t('deputies.termEnd')),
                ({ getFieldValue }) => ({
                  validator: async (_: unknown, v: number | null | undefined) => {
                    const start = getFieldValue('termStart') as number | null | undefined;
                    if (typeof v === 'number' && typeof start === 'number' && v < start) throw new Error(t('deputies.termOrder'));
                  },
                }),
              ]}
            >
              <InputNumber style={{ width: '100%' }} precision={0} placeholder="2026" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="expertise"
              label={t('deputies.expertise')}
              extra={t('deputies.expertiseHelp')}
              rules={[{ type: 'array', max: 10, message: t('validation.maxItems', { max: 10 }) }, tagLength]}
            >
              <Select mode="tags" options={EXPERTISE_SUGGESTIONS.map((e) => ({ value: e, label: e }))} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="publicPhone" label={t('deputies.publicPhone')} rules={[r.phone(t('deputies.publicPhone'))]} extra={t('deputies.publicPhoneHelp')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="bio" label={t('deputies.bio')} rules={[r.max(t('deputies.bio'), 2000)]}>
              <Input.TextArea rows={3} showCount maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
