/**
 * The insight module's tables (docs/plans/insight.md). Each part adds its tables here, written only
 * by the module (read models kept by projections and jobs, trained models).
 */
import type { InsightSearchTables } from './search/search.tables.ts';
import type { InsightDuplicatesTables } from './duplicates/duplicates.tables.ts';
import type { InsightHotTables } from './hot/hot.tables.ts';
import type { InsightModelsTables } from './classifier/classifier.tables.ts';

export interface InsightTables extends InsightSearchTables, InsightDuplicatesTables, InsightHotTables, InsightModelsTables {}
