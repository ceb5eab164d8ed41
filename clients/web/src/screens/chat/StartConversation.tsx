import { useMutation, useQuery } from "@apollo/client";
import { useState, type FormEvent } from "react";
import { StartConversationDocument, WebClinicToMessageDocument } from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { navigate } from "../../router";
import { errorMessage } from "../errors";

/** An owner writes to a clinic: a subject, the first message and, optionally, one of their pets (the clinic then sees it). */
export function StartConversation({ clinicId }: { clinicId: string }) {
  const { data, loading, error } = useQuery(WebClinicToMessageDocument, { variables: { id: clinicId } });
  const [start, { loading: starting }] = useMutation(StartConversationDocument);
  const [problem, setProblem] = useState<string>();
  const clinic = data?.clinic;
  // Only owners open a pet to a clinic (carers get FORBIDDEN).
  const pets = data?.myPets?.edges.map((edge) => edge.node).filter((pet) => pet.myRelationship === "OWNER") ?? [];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setProblem(undefined);
    try {
      const { data: started } = await start({
        variables: {
          input: {
            clinicId,
            petId: String(form.get("petId") ?? "") || undefined,
            subject: String(form.get("subject")).trim(),
            text: String(form.get("text")).trim(),
          },
        },
      });
      if (started) navigate(`/messages/${encodeURIComponent(started.startConversation.id)}`);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  if (loading && !data) return <p role="status">Loading…</p>;
  if (error || !clinic)
    return (
      <section aria-labelledby="start-title">
        <h1 id="start-title">Clinic not found</h1>
        <p role="alert" className="error">
          {error ? errorMessage(error) : "This clinic does not exist."}
        </p>
        <Link to="/messages">Back to messages</Link>
      </section>
    );

  return (
    <section aria-labelledby="start-title" className="narrow">
      <h1 id="start-title">Message {clinic.name}</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="petId">About (optional)</label>
        <select id="petId" name="petId" defaultValue="">
          <option value="">No pet in particular</option>
          {pets.map((pet) => (
            <option key={pet.id} value={pet.id}>
              {pet.name}
            </option>
          ))}
        </select>
        <label htmlFor="subject">Subject</label>
        <input id="subject" name="subject" required maxLength={200} />
        <label htmlFor="first-message">Message</label>
        <textarea id="first-message" name="text" required maxLength={4000} rows={4} />
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <button type="submit" disabled={starting}>
          Send to clinic
        </button>
      </form>
    </section>
  );
}
