/** Deputies' suggestions (代表建议): the list, the draft form, the suggestion page with its actions, and the card on a case page. */
export { SuggestionsPage } from './SuggestionsPage.tsx';
export { SuggestionFormPage } from './SuggestionFormPage.tsx';
export { SuggestionDetailPage } from './SuggestionDetailPage.tsx';
export { CaseSuggestionsCard } from './CaseSuggestionsCard.tsx';
