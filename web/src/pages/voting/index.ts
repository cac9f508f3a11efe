/** 票决会议: the sessions, a session's page, the deputy's ballot, the live tally screen. */
export { BallotPage } from './BallotPage.tsx';
export { TallyScreen } from './TallyScreen.tsx';
export { VotingSessionPage } from './VotingSessionPage.tsx';
export { VotingSessionsPage } from './VotingSessionsPage.tsx';
