/** i18next set-up: zh-CN first, English second; the choice is kept in localStorage. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { settingsEn, settingsZhCN } from '../pages/settings/settings.i18n.ts';
import { scheduleEn, scheduleZhCN } from '../pages/schedule/schedule.i18n.ts';
import { activitiesEn, activitiesZhCN } from '../pages/activities/activities.i18n.ts';
import { standardsEn, standardsZhCN } from '../pages/standards/standards.i18n.ts';
import { projectCallsEn, projectCallsZhCN } from '../pages/project-calls/project-calls.i18n.ts';
import { votingEn, votingZhCN } from '../pages/voting/voting.i18n.ts';
import { suggestionsEn, suggestionsZhCN } from '../pages/suggestions/suggestions.i18n.ts';
import { projectsEn, projectsZhCN } from '../pages/projects/projects.i18n.ts';
import { projectEvaluationEn, projectEvaluationZhCN } from '../pages/project-evaluation/evaluation.i18n.ts';
import { publicationsEn, publicationsZhCN } from '../pages/publications/publications.i18n.ts';
import { departmentWebhookEn, departmentWebhookZhCN } from '../pages/departments/department-webhook.i18n.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'lianxin.console.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: { ...zhCN, settings: settingsZhCN, schedule: scheduleZhCN, activities: activitiesZhCN, standards: standardsZhCN, projectCalls: projectCallsZhCN, voting: votingZhCN, suggestions: suggestionsZhCN, projects: projectsZhCN, projectEvaluation: projectEvaluationZhCN, publications: publicationsZhCN, departmentWebhook: departmentWebhookZhCN } }, en: { translation: { ...en, settings: settingsEn, schedule: scheduleEn, activities: activitiesEn, standards: standardsEn, projectCalls: projectCallsEn, voting: votingEn, suggestions: suggestionsEn, projects: projectsEn, projectEvaluation: projectEvaluationEn, publications: publicationsEn, departmentWebhook: departmentWebhookEn } } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;

export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lng;
  void i18n.changeLanguage(lng);
}

export const isEnglish = (lng: string): boolean => lng.startsWith('en');

export default i18n;
