import { useQuery } from "@apollo/client";
import { MyPetsDocument } from "../../../__generated__/web/graphql";
import { Link } from "../Link";
import { errorMessage } from "./errors";
import { speciesName } from "./species";

export function MyPets() {
  const { data, loading, error } = useQuery(MyPetsDocument, {
    variables: { first: 50 },
    // A pet added or shared elsewhere shows when the list is opened again.
    fetchPolicy: "cache-and-network",
  });
  const pets = data?.myPets?.edges.map((edge) => edge.node) ?? [];

  return (
    <section aria-labelledby="pets-title">
      <div className="heading-row">
        <h1 id="pets-title">My pets</h1>
        <Link to="/pets/new">Add a pet</Link>
      </div>
      {loading && <p role="status">Loading your pets…</p>}
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {data && pets.length === 0 && <p>No pets yet. Add your first one.</p>}
      {pets.length > 0 && (
        <ul className="cards" aria-label="Pets">
          {pets.map((pet) => (
            <li key={pet.id}>
              <Link to={`/pets/${encodeURIComponent(pet.id)}`}>{pet.name}</Link>
              <span className="muted">
                {speciesName(pet.species)}
                {pet.myRelationship === "CARER" ? " · you care for this pet" : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
