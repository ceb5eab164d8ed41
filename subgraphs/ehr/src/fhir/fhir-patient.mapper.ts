import type { Extension, Identifier, Observation, Patient } from "fhir/r4";
import {
  ANIMAL_GENDER_STATUS,
  LOINC,
  MICROCHIP,
  OBSERVATION_CATEGORY,
  PATIENT_ANIMAL,
  SNOMED,
  UCUM,
  URI_IDENTIFIER,
  coding,
  concept,
  ref,
  SPECIES,
} from "./fhir-codes";
import type { FhirPet, FhirPetWeight } from "./fhir-records";

const GENDER: Record<FhirPet["sex"], Patient["gender"]> = { MALE: "male", FEMALE: "female", UNKNOWN: "unknown" };

/** R4's patient-animal extension: species (required), breed and gender status (neutered or not). */
function animalExtension(pet: FhirPet): Extension {
  const species = SPECIES[pet.species] ?? { text: pet.species };
  const [statusCode, statusText]: [string, string] =
    pet.neutered === null ? ["unknown", "Unknown"] : pet.neutered ? ["neutered", "Neutered"] : ["intact", "Intact"];
  return {
    url: PATIENT_ANIMAL,
    extension: [
      {
        url: "species",
        valueCodeableConcept: species.snomed
          ? concept(species.text, coding(SNOMED, ...species.snomed))
          : concept(species.text),
      },
      ...(pet.breed ? [{ url: "breed", valueCodeableConcept: concept(pet.breed) }] : []),
      {
        url: "genderStatus",
        valueCodeableConcept: concept(statusText, coding(ANIMAL_GENDER_STATUS, statusCode, statusText)),
      },
    ],
  };
}

/** The pet as a FHIR Patient; its id is the pet's id, so other systems can match later exports. */
export function toPatient(pet: FhirPet): Patient {
  const identifier: Identifier[] = [{ system: URI_IDENTIFIER, value: `urn:uuid:${pet.id}` }];
  if (pet.microchipId)
    identifier.push({ system: MICROCHIP, value: pet.microchipId, type: concept("Microchip number (ISO 11784/11785)") });
  return {
    resourceType: "Patient",
    id: pet.id,
    extension: [animalExtension(pet)],
    identifier,
    active: true,
    name: [{ use: "usual", text: pet.name }],
    gender: GENDER[pet.sex] ?? "unknown",
    ...(pet.dateOfBirth ? { birthDate: pet.dateOfBirth } : {}),
    ...(pet.deceasedOn ? { deceasedDateTime: pet.deceasedOn } : { deceasedBoolean: false }),
  };
}

/** One weighing as a vital-signs Observation with LOINC 29463-7 in UCUM kilograms. */
export function toWeightObservation(petId: string, weight: FhirPetWeight): Observation {
  return {
    resourceType: "Observation",
    id: weight.id,
    status: "final",
    category: [concept("Vital Signs", coding(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs"))],
    code: concept("Body weight", coding(LOINC, "29463-7", "Body weight")),
    subject: ref(petId),
    effectiveDateTime: weight.measuredAt,
    valueQuantity: { value: weight.weightKg, unit: "kg", system: UCUM, code: "kg" },
  };
}
