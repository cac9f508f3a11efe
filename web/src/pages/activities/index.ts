/** Deputy activities (代表活动): the list, the record form, the activity page with its online roundtable. */
export { ActivitiesPage } from './ActivitiesPage.tsx';
export { ActivityDetailPage } from './ActivityDetailPage.tsx';
export { ActivityFormPage } from './ActivityFormPage.tsx';
