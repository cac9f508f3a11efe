/** Reception scheduling: the calendar and rota, the rules that generate it, the records of each reception. */
export { DeputyReceptionsCard } from './DeputyReceptionsCard.tsx';
export { NewSessionPage } from './NewSessionPage.tsx';
export { ReceptionCalendarPage } from './ReceptionCalendarPage.tsx';
export { ReceptionRulesPage } from './ReceptionRulesPage.tsx';
export { RuleEditPage } from './RuleEditPage.tsx';
export { SessionDetailPage } from './SessionDetailPage.tsx';
export { SessionsPage } from './SessionsPage.tsx';
