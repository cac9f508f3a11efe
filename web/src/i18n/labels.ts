/** Picks the zh or en text of a shared label ({zh, en}, from shared/org.ts and shared/cases.ts) for the current language. */
import { useTranslation } from 'react-i18next';
import { isEnglish } from './index.ts';

export interface Label {
  zh: string;
  en: string;
}

export function pickLabel(label: Label | undefined, lng: string, fallback = ''): string {
  if (!label) return fallback;
  return isEnglish(lng) ? label.en : label.zh;
}

/** `const L = useLabel(); L(ROLE_LABELS[role])`; an unknown key falls back to the raw value. */
export function useLabel(): <K extends string>(labels: Record<K, Label>, key: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return (labels, key) => {
    if (key === null || key === undefined || key === '') return '';
    return pickLabel((labels as Record<string, Label>)[key], i18n.language, key);
  };
}

/** Options for a Select from an enum list and its labels. */
export function useEnumOptions(): <K extends string>(values: readonly K[], labels: Record<K, Label>) => { value: K; label: string }[] {
  const { i18n } = useTranslation();
  return (values, labels) => values.map((value) => ({ value, label: pickLabel(labels[value], i18n.language, value) }));
}
