/** The standards checklist (八有 / 五有): coverage at a glance, a station's checklist, one item's evidence, the items. */
export { CoveragePage } from './CoveragePage.tsx';
export { EvidencePage } from './EvidencePage.tsx';
export { StandardItemsPage } from './StandardItemsPage.tsx';
export { StationStandardsPage } from './StationStandardsPage.tsx';
