/** 一人一档: the deputies' performance archives, a deputy's own archive, its print view, and self-reports with their review. */
import './archive.i18n.ts';

export { ArchiveListPage } from './ArchiveListPage.tsx';
export { ArchivePrintPage } from './ArchivePrintPage.tsx';
export { DeputyArchivePage, MyArchivePage } from './DeputyArchivePage.tsx';
export { SelfReportDetailPage } from './SelfReportDetailPage.tsx';
export { SelfReportFormPage } from './SelfReportFormPage.tsx';
export { SelfReportsPage } from './SelfReportsPage.tsx';
