import type { ModuleManifest } from '../../platform/module.ts';

export type { SuggestionsTables } from './suggestions.tables.ts';

/** Deputies' suggestions (代表建议): drafted from cases, co-signed, registered, assigned, replied, evaluated. */
export const suggestionsModule: ModuleManifest = {
  name: 'suggestions',
};
