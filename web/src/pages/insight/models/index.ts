export { ModelsPage } from './ModelsPage.tsx';
