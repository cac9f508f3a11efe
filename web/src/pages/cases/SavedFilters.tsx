/** The user's own saved views of the case list (`/me/case-filters`): apply, save the current filters under a name, delete. */
import { CloseOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseFiltersApi, type SavedCaseFilter } from '../../api/cases.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { errorText } from '../../utils/errors.ts';
import { rules } from '../../utils/rules.ts';
import { readFilters, sameFilters, savableQuery, type CaseFilters } from './case-filters.ts';

interface Props {
  current: CaseFilters;
  onApply: (query: CaseFilters) => void;
}

export function SavedFilters({ current, onApply }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const saved = useAsync((signal) => caseFiltersApi.list(signal), []);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const r = rules(t);
  const items = saved.data?.items ?? [];

  const { saving: busy, submit } = useFormSubmit(form, async ({ name }) => {
    await caseFiltersApi.create(name.trim(), savableQuery(current));
    void message.success(t('cases.filters.savedOne', { name: name.trim() }));
    setSaving(false);
    saved.reload();
  });

  const remove = async (f: SavedCaseFilter) => {
    try {
      await caseFiltersApi.remove(f.id);
      void message.success(t('cases.filters.deleted', { name: f.name }));
      saved.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  const toFilters = (f: SavedCaseFilter) => readFilters(new URLSearchParams(f.query));

  return (
    <div className="saved-filters">
      <Typography.Text type="secondary">{t('cases.filters.mine')}</Typography.Text>
      {saved.error ? (
        <Typography.Text type="danger">{errorText(saved.error)}</Typography.Text>
      ) : items.length === 0 && !saved.loading ? (
        <Typography.Text type="secondary" className="saved-filters-empty">
          {t('cases.filters.none')}
        </Typography.Text>
      ) : (
        <Space size={[6, 6]} wrap>
          {items.map((f) => {
            const on = sameFilters(toFilters(f), current);
            return (
              <Tag
                key={f.id}
                color={on ? 'red' : undefined}
                variant={on ? 'filled' : 'outlined'}
                className="saved-filter-tag"
                closable
                closeIcon={
                  <Popconfirm
                    title={t('cases.filters.deleteTitle')}
                    description={t('cases.filters.deleteConfirm', { name: f.name })}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove(f)}
                  >
                    <span aria-label={t('common.delete')} role="button" onClick={(e) => e.stopPropagation()}>
                      <CloseOutlined />
                    </span>
                  </Popconfirm>
                }
                onClose={(e) => e.preventDefault()}
              >
                <span role="button" tabIndex={0} onClick={() => onApply(toFilters(f))} onKeyDown={(e) => e.key === 'Enter' && onApply(toFilters(f))}>
                  {f.name}
                </span>
              </Tag>
            );
          })}
        </Space>
      )}
      <Tooltip title={t('cases.filters.saveHint')}>
        <Button
          size="small"
          type="link"
          icon={<SaveOutlined />}
          onClick={() => {
            form.resetFields();
            setSaving(true);
          }}
        >
          {t('cases.filters.save')}
        </Button>
      </Tooltip>
      <Modal
        open={saving}
        title={t('cases.filters.saveTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setSaving(false)}
        destroyOnHidden
        width={420}
      >
        <Typography.Paragraph type="secondary">{t('cases.filters.saveHelp')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={() => void submit()}>
          <Form.Item name="name" label={t('cases.filters.name')} rules={[r.required(t('cases.filters.name')), r.max(t('cases.filters.name'), 30)]}>
            <Input placeholder={t('cases.filters.namePlaceholder')} autoFocus maxLength={30} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
