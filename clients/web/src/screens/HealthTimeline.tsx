import { useMutation, useQuery } from "@apollo/client";
import { useState, type FormEvent } from "react";
import {
  AddHomeNoteDocument,
  PetHealthTimelineDocument,
  PetRemindersDocument,
  type HealthRecordEntryFragment,
} from "../../../__generated__/web/graphql";
import { errorMessage } from "./errors";

/** One line about an entry, by its kind (the fields come through the HealthRecordEntry interface fragment). */
function summary(entry: HealthRecordEntryFragment): string {
  switch (entry.__typename) {
    case "Visit":
      return `Visit: ${entry.reason}`;
    case "Vaccination":
      return `Vaccination: ${entry.vaccine}${entry.nextDueOn ? ` (next due ${entry.nextDueOn})` : ""}`;
    case "Medication":
      return `Medication: ${entry.drug}`;
    case "Allergy":
      return `Allergy: ${entry.substance}`;
    case "LabResult":
      return `Lab result: ${entry.test} ${entry.value}${entry.unit ? ` ${entry.unit}` : ""}`;
    case "ClinicalAlert":
      return `Alert: ${entry.alert}`;
    case "HomeNote":
      return `Note: ${entry.text}`;
    default:
      return entry.kind.toLowerCase().replace(/_/g, " ");
  }
}

/** The pet's health record, newest first, its due reminders, and (for owners) a note of one's own. */
export function HealthTimeline({ petId, owner }: { petId: string; owner: boolean }) {
  const timeline = useQuery(PetHealthTimelineDocument, { variables: { id: petId, first: 20 } });
  const reminders = useQuery(PetRemindersDocument, { variables: { id: petId, withinDays: 60 } });
  const [addNote, { loading: saving }] = useMutation(AddHomeNoteDocument, {
    refetchQueries: [PetHealthTimelineDocument],
    awaitRefetchQueries: true,
  });
  const [problem, setProblem] = useState<string>();
  const entries = timeline.data?.pet?.healthTimeline?.edges.map((edge) => edge.node) ?? [];
  const due = reminders.data?.pet?.upcomingReminders ?? [];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    setProblem(undefined);
    try {
      await addNote({ variables: { input: { petId, text: String(new FormData(formElement).get("note")).trim() } } });
      formElement.reset();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <>
      <h2>Due soon</h2>
      {reminders.data && due.length === 0 && <p>Nothing due in the next 60 days.</p>}
      {due.length > 0 && (
        <ul aria-label="Due soon">
          {due.map((reminder) => (
            <li key={reminder.id}>
              {reminder.title}, due {reminder.dueOn}
            </li>
          ))}
        </ul>
      )}

      <h2>Health record</h2>
      {timeline.error && (
        <p role="alert" className="error">
          {errorMessage(timeline.error)}
        </p>
      )}
      {timeline.data?.pet && !timeline.data.pet.healthTimeline && (
        <p role="status">The health record cannot be reached just now.</p>
      )}
      {timeline.data?.pet?.healthTimeline && entries.length === 0 && <p>No entries yet.</p>}
      {entries.length > 0 && (
        <ol className="timeline" aria-label="Health record">
          {entries.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.occurredAt}>{new Date(entry.occurredAt).toLocaleDateString()}</time>{" "}
              {summary(entry)}
              {entry.recordedBy && <span className="muted"> · {entry.recordedBy.displayName}</span>}
            </li>
          ))}
        </ol>
      )}
      {owner && (
        <form className="inline" onSubmit={(event) => void submit(event)}>
          <label htmlFor="note">Add a note to the record</label>
          <textarea id="note" name="note" required maxLength={10000} rows={3} />
          <button type="submit" disabled={saving}>
            Add note
          </button>
          {problem && (
            <p role="alert" className="error">
              {problem}
            </p>
          )}
        </form>
      )}
    </>
  );
}
