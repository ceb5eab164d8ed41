import { useMutation } from "@apollo/client";
import { useState, type FormEvent } from "react";
import { CreatePetDocument, type Species } from "../../../__generated__/web/graphql";
import { navigate } from "../router";
import { errorMessage } from "./errors";
import { SPECIES, speciesName } from "./species";

export function AddPet() {
  // My pets refetches when shown again (cache-and-network).
  const [createPet, { loading }] = useMutation(CreatePetDocument);
  const [problem, setProblem] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const optional = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    setProblem(undefined);
    try {
      const { data } = await createPet({
        variables: {
          input: {
            name: String(form.get("name")).trim(),
            species: String(form.get("species")) as Species,
            breed: optional("breed"),
            dateOfBirth: optional("dateOfBirth"),
            microchipId: optional("microchipId"),
          },
        },
      });
      const result = data?.createPet;
      if (result?.__typename === "Pet") navigate(`/pets/${encodeURIComponent(result.id)}`);
      else setProblem(result?.message ?? "The pet was not added.");
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <section aria-labelledby="add-pet-title" className="narrow">
      <h1 id="add-pet-title">Add a pet</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="name">Name</label>
        <input id="name" name="name" required maxLength={100} />
        <label htmlFor="species">Species</label>
        <select id="species" name="species" required defaultValue="DOG">
          {SPECIES.map((species) => (
            <option key={species} value={species}>
              {speciesName(species)}
            </option>
          ))}
        </select>
        <label htmlFor="breed">Breed (optional)</label>
        <input id="breed" name="breed" maxLength={100} />
        <label htmlFor="dateOfBirth">Date of birth (optional)</label>
        <input id="dateOfBirth" name="dateOfBirth" type="date" />
        <label htmlFor="microchipId">Microchip number (optional)</label>
        <input id="microchipId" name="microchipId" inputMode="numeric" />
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <button type="submit" disabled={loading}>
          Add pet
        </button>
      </form>
    </section>
  );
}
