/** Form rules with Chinese (or English) messages that name the field. */
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { PHONE_PATTERN } from './form-values.ts';

export function rules(t: TFunction) {
  return {
    required: (field: string): FormRule => ({ required: true, whitespace: true, message: t('validation.required', { field }) }),
    requiredSelect: (field: string): FormRule => ({ required: true, message: t('validation.select', { field }) }),
    max: (field: string, max: number): FormRule => ({ max, message: t('validation.max', { field, max }) }),
    phone: (field: string): FormRule => ({ pattern: PHONE_PATTERN, message: t('validation.phone', { field }) }),
  };
}
