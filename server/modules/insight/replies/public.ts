/** What the reply hints offer outside the module (the mining script): re-exported by ../index.ts as `replyHints`. */
export { normalise } from '../text/normalise.ts';
export { continuations, mineElement, prepare, sentences, phraseSource, type Candidate, type ElementSpec } from './mine.ts';
export { compileElement, compile, matches, REPLY_ELEMENTS, type ElementPatterns, type ReplyElement, type ReplyPatterns } from './matcher.ts';
