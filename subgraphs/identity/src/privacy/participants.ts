import { privacyAnswersOf, readEvent, type EventReader } from "@pawgraph/subgraph-kit";

/**
 * Every subgraph that holds personal data (each has a `src/personal-data.ts`; the registry test
 * checks this list against them). An export waits for all of them; a deletion for all but identity,
 * which deletes the account last.
 */
export const PRIVACY_PARTICIPANTS = [
  "identity",
  "pets",
  "ehr",
  "bookings",
  "messaging",
  "catalog",
  "orders",
  "ai",
  "reports",
] as const;

export const ERASING_PARTICIPANTS = PRIVACY_PARTICIPANTS.filter((subgraph) => subgraph !== "identity");

/** identity's copies of each participant's answers (their producers' contracts, read as-is). */
export const PRIVACY_ANSWER_READERS = PRIVACY_PARTICIPANTS.flatMap((subgraph) => {
  const answers = privacyAnswersOf(subgraph);
  const readers: EventReader[] = [readEvent(answers.partWritten)];
  if (subgraph !== "identity") readers.push(readEvent(answers.erasureCompleted));
  return readers;
});

/** The types identity's answer consumer reads (the same two names from every participant). */
export const PART_WRITTEN_TYPE = privacyAnswersOf("identity").partWritten.type;
export const ERASURE_COMPLETED_TYPE = privacyAnswersOf("identity").erasureCompleted.type;
