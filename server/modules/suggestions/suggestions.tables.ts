/** Deputies' suggestions tables (filled in with the module). */
export interface SuggestionsTables {}
