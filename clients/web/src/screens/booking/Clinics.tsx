import { useQuery } from "@apollo/client";
import { useState, type FormEvent } from "react";
import { ClinicsNearDocument } from "../../../../__generated__/web/graphql";
import { Link } from "../../Link";
import { errorMessage } from "../errors";
import { SPECIES, speciesName } from "../species";

/** Approved clinics, filtered by a service name and a species as `clinics` allows. */
export function Clinics() {
  const [service, setService] = useState("");
  const [species, setSpecies] = useState("");
  const [filters, setFilters] = useState<{ service?: string; species?: string }>({});
  const { data, loading, error } = useQuery(ClinicsNearDocument, {
    variables: { first: 50, ...filters },
    fetchPolicy: "cache-and-network",
  });
  const clinics = data?.clinics?.edges.map((edge) => edge.node) ?? [];

  function search(event: FormEvent) {
    event.preventDefault();
    setFilters({ service: service.trim() || undefined, species: species || undefined });
  }

  return (
    <section aria-labelledby="clinics-title">
      <h1 id="clinics-title">Find a clinic</h1>
      <form className="inline" role="search" aria-label="Clinics" onSubmit={search}>
        <label htmlFor="clinic-service">Service (optional)</label>
        <input id="clinic-service" value={service} onChange={(e) => setService(e.target.value)} />
        <label htmlFor="clinic-species">Species (optional)</label>
        <select id="clinic-species" value={species} onChange={(e) => setSpecies(e.target.value)}>
          <option value="">Any</option>
          {SPECIES.map((option) => (
            <option key={option} value={option}>
              {speciesName(option)}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      {loading && <p role="status">Loading clinics…</p>}
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {data && clinics.length === 0 && <p role="status">No clinic matches.</p>}
      {clinics.length > 0 && (
        <ul className="cards" aria-label="Clinics">
          {clinics.map((clinic) => (
            <li key={clinic.id}>
              <Link to={`/clinics/${encodeURIComponent(clinic.id)}`}>{clinic.name}</Link>
              <span className="muted">
                {[clinic.address?.line, clinic.address?.city].filter(Boolean).join(", ")}
                {clinic.distanceKm != null ? ` · ${clinic.distanceKm.toFixed(1)} km` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
