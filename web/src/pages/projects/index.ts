/** Livelihood projects after the vote (民生实事项目): the list and a project's page. */
export { ProjectDetailPage } from './ProjectDetailPage.tsx';
export { ProjectsPage } from './ProjectsPage.tsx';
