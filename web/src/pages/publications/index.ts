/** 公开办理结果: the queue, a publication's page (preview, editor, review dialogs), the new-publication editor, and the card on a case page. */
export { PublicationsPage } from './PublicationsPage.tsx';
export { PublicationPage } from './PublicationPage.tsx';
export { NewPublicationPage } from './NewPublicationPage.tsx';
export { CasePublicationCard } from './CasePublicationCard.tsx';
