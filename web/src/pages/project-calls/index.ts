/** 项目征集: the calls for livelihood-project proposals and a call's proposals (screening). */
export { CallPage } from './CallPage.tsx';
export { ProjectCallsPage } from './ProjectCallsPage.tsx';
