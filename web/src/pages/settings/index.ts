/** The district office's case-handling settings: routing rules, the holiday calendar, time limits. */
export { CalendarPage } from './CalendarPage.tsx';
export { RoutingRulesPage } from './RoutingRulesPage.tsx';
export { SlaSettingsPage } from './SlaSettingsPage.tsx';
