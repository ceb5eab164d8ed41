import { useMutation, useQuery } from "@apollo/client";
import { useState, type FormEvent } from "react";
import { PetDocument, PetWeightHistoryDocument, RecordWeightDocument } from "../../../__generated__/web/graphql";
import { Link } from "../Link";
import { errorMessage } from "./errors";
import { speciesName } from "./species";
import { HealthTimeline } from "./HealthTimeline";
import { WeightChart } from "./WeightChart";

export function PetDetail({ id }: { id: string }) {
  const { data, loading, error } = useQuery(PetDocument, { variables: { id } });
  const weights = useQuery(PetWeightHistoryDocument, { variables: { id, first: 50 } });
  const [recordWeight, { loading: saving }] = useMutation(RecordWeightDocument, {
    refetchQueries: [PetWeightHistoryDocument, PetDocument],
    awaitRefetchQueries: true,
  });
  const [problem, setProblem] = useState<string>();
  const pet = data?.pet;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const weightKg = Number(new FormData(formElement).get("weightKg"));
    setProblem(undefined);
    try {
      await recordWeight({ variables: { input: { petId: id, weightKg } } });
      formElement.reset();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  if (loading) return <p role="status">Loading…</p>;
  if (error || !pet)
    return (
      <section aria-labelledby="pet-title">
        <h1 id="pet-title">Pet not found</h1>
        <p role="alert" className="error">
          {error ? errorMessage(error) : "This pet does not exist or is not shared with you."}
        </p>
        <Link to="/">Back to my pets</Link>
      </section>
    );

  return (
    <section aria-labelledby="pet-title">
      <p>
        <Link to="/">← My pets</Link>
      </p>
      <h1 id="pet-title">{pet.name}</h1>
      <dl className="facts">
        <dt>Species</dt>
        <dd>{speciesName(pet.species)}</dd>
        {pet.breed && (
          <>
            <dt>Breed</dt>
            <dd>{pet.breed}</dd>
          </>
        )}
        {pet.dateOfBirth && (
          <>
            <dt>Born</dt>
            <dd>{pet.dateOfBirth}</dd>
          </>
        )}
        {pet.microchipId && (
          <>
            <dt>Microchip</dt>
            <dd>{pet.microchipId}</dd>
          </>
        )}
        <dt>Owners</dt>
        <dd>{pet.owners.flatMap((owner) => (owner ? [owner.displayName] : [])).join(", ")}</dd>
        <dt>Current weight</dt>
        <dd>{pet.currentWeight ? `${pet.currentWeight.weightKg} kg` : "not recorded"}</dd>
      </dl>

      <h2>Weight</h2>
      {weights.data?.pet && <WeightChart points={weights.data.pet.weightHistory.edges.map((edge) => edge.node)} />}
      {pet.myRelationship === "OWNER" && (
        <form className="inline" onSubmit={(event) => void submit(event)}>
          <label htmlFor="weightKg">New weight (kg)</label>
          <input id="weightKg" name="weightKg" type="number" min="0.01" step="0.01" required />
          <button type="submit" disabled={saving}>
            Record weight
          </button>
          {problem && (
            <p role="alert" className="error">
              {problem}
            </p>
          )}
        </form>
      )}
      <HealthTimeline petId={id} owner={pet.myRelationship === "OWNER"} />
    </section>
  );
}
