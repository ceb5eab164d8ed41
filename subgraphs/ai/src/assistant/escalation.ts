import type { SubgraphClient, BaseContext } from "@pawgraph/subgraph-kit";
import type { TriageResult } from "../triage/triage";
import { action, AssistantActionKindValue, type ComposedAnswer } from "./answer-parts";

/** A poison helpline shown with toxin emergencies (env `AI_POISON_CONTROL`: JSON `[{ "name", "phone" }]`). */
export interface PoisonContact {
  name: string;
  phone: string;
}

/** Public helplines for pet poisoning (fees may apply); replaced by `AI_POISON_CONTROL` for other countries. */
export const DEFAULT_POISON_CONTACTS: PoisonContact[] = [
  { name: "ASPCA Animal Poison Control Center (US)", phone: "+1 888 426 4435" },
  { name: "Pet Poison Helpline (US and Canada)", phone: "+1 855 764 7661" },
  { name: "Animal PoisonLine (UK)", phone: "+44 1202 509000" },
];

export interface OpenClinic {
  id: string;
  name: string;
  phone: string | null;
  address: string;
  distanceKm: number | null;
}

const OPEN_CLINICS = `query ($species: String, $near: NearInput) {
  clinics(openNow: true, species: $species, near: $near, first: 1) {
    edges { node { id name phone distanceKm address { line city postalCode } } }
  }
}`;

/** The nearest clinic open right now for the species, from bookings; null when none is or bookings is down. */
export async function nearestOpenClinic(
  bookings: SubgraphClient,
  ctx: BaseContext,
  species: string | null,
  near: { lat: number; lng: number } | null,
): Promise<OpenClinic | null> {
  try {
    const data = await bookings.query<{
      clinics: {
        edges: {
          node: {
            id: string;
            name: string;
            phone: string | null;
            distanceKm: number | null;
            address: { line: string; city: string; postalCode: string | null };
          };
        }[];
      } | null;
    }>(ctx, OPEN_CLINICS, { species, near: near ? { ...near, radiusKm: 100 } : null });
    const node = data.clinics?.edges[0]?.node;
    if (!node) return null;
    const a = node.address;
    return { ...node, address: [a.line, a.city, a.postalCode].filter(Boolean).join(", ") };
  } catch (error) {
    ctx.log.warn({ err: error }, "bookings did not say which clinic is open; the escalation names none");
    return null;
  }
}

/**
 * The fixed answer to a RED or ORANGE question: contact a vet now, where, and (for poisons) whom to
 * call. No model is asked and no advice is written for the case (issue 15): the only words are these.
 */
export function escalationAnswer(
  triage: TriageResult,
  clinic: OpenClinic | null,
  poisonContacts: readonly PoisonContact[],
  petId: string | null,
): ComposedAnswer {
  const poison = triage.findings.some((f) => f.code.startsWith("TOXIN"));
  const lines = [
    "**This may be an emergency. Contact a vet now.**",
    ...triage.findings.slice(0, 3).map((f) => `- ${f.label}`),
    clinic
      ? `Open now: **${clinic.name}**, ${clinic.address}${clinic.phone ? `, ${clinic.phone}` : ""}. Call them on your way.`
      : "No Pawgraph clinic is open right now: call your nearest emergency vet.",
    "Do not wait to see whether it passes, and do not give medicines or make your pet sick unless a vet tells you to.",
  ];
  if (poison) lines.push(`Poison helplines: ${poisonContacts.map((c) => `${c.name} ${c.phone}`).join("; ")}.`);
  const actions = [];
  if (clinic?.phone)
    actions.push(
      action(AssistantActionKindValue.CALL_VET, `Call ${clinic.name}`, {
        clinicId: clinic.id,
        phone: clinic.phone,
        petId,
      }),
    );
  if (clinic)
    actions.push(
      action(AssistantActionKindValue.BOOK_APPOINTMENT, `Book now at ${clinic.name}`, { clinicId: clinic.id, petId }),
    );
  if (poison)
    for (const contact of poisonContacts)
      actions.push(
        action(AssistantActionKindValue.CALL_POISON_CONTROL, `Call ${contact.name}`, { phone: contact.phone, petId }),
      );
  return { text: lines.join("\n"), notice: null, citations: [], actions, provider: "triage", model: null };
}
