import { z } from "zod";
import type { BaseContext, SubgraphClient } from "@pawgraph/subgraph-kit";
import type { AssistantTool } from "../model/answer-model";
import type { PetRecord } from "../record/pet-record";

const PRODUCTS = `query ($query: String, $filter: ProductSearchFilter) {
  searchProducts(query: $query, filter: $filter, first: 5) {
    edges { node { id title brand prescriptionOnly variants { id } } }
  }
}`;

const CLINICS = `query ($species: String) {
  clinics(species: $species, first: 5) {
    edges { node { id name phone address { city } services { id name durationMinutes species } } }
  }
}`;

const SLOTS = `query ($clinicId: ID!, $serviceId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
  availableSlots(clinicId: $clinicId, serviceId: $serviceId, from: $from, to: $to) { startsAt endsAt }
}`;

/** What the tools found that the answer may turn into suggested actions (never done by the assistant). */
export interface ToolFindings {
  products: { id: string; title: string; variantId: string | null }[];
  clinics: { id: string; name: string }[];
  slots: { clinicId: string; serviceId: string; startsAt: string }[];
}

/**
 * The tools a model may call: all read-only, all with the asker's rights (the pet's record as already
 * read for them; catalog and bookings with their token). Anything that writes — holding a slot,
 * adding to the cart — comes back as a suggested action the user confirms (issue 15).
 */
export function assistantTools(
  ctx: BaseContext,
  record: PetRecord | null,
  clients: { catalog: SubgraphClient; bookings: SubgraphClient },
  findings: ToolFindings,
): Record<string, AssistantTool> {
  const tools: Record<string, AssistantTool> = {
    searchProducts: {
      description: "Search the Pawgraph shop for products (food, supplies, non-prescription care). Read-only.",
      input: z.object({ query: z.string().min(2).max(100).describe("What to look for, e.g. 'ear cleaner'.") }),
      async execute(input) {
        const { query } = input as { query: string };
        const data = await clients.catalog.query<{
          searchProducts: {
            edges: { node: { id: string; title: string; brand: string | null; variants: { id: string }[] } }[];
          } | null;
        }>(ctx, PRODUCTS, { query, filter: { inStock: true, species: record?.profile.species ?? null } });
        const products = (data.searchProducts?.edges ?? []).map((e) => e.node);
        findings.products.push(
          ...products.map((p) => ({ id: p.id, title: p.title, variantId: p.variants[0]?.id ?? null })),
        );
        return products;
      },
    },
    clinicSlots: {
      description:
        "Free appointment times at a clinic for one of its services (ids from findClinics), in the next `days` days. Read-only: booking is the user's choice.",
      input: z.object({
        clinicId: z.string().uuid().describe("The clinic (from findClinics)."),
        serviceId: z.string().uuid().describe("One of its services (from findClinics)."),
        days: z.number().int().min(1).max(14).default(7).describe("How many days ahead to look."),
      }),
      async execute(input) {
        const { clinicId, serviceId, days } = input as { clinicId: string; serviceId: string; days: number };
        const from = new Date();
        const to = new Date(from.getTime() + days * 86_400_000);
        const data = await clients.bookings.query<{ availableSlots: { startsAt: string; endsAt: string }[] | null }>(
          ctx,
          SLOTS,
          { clinicId, serviceId, from: from.toISOString(), to: to.toISOString() },
        );
        const slots = (data.availableSlots ?? []).slice(0, 10);
        findings.slots.push(...slots.slice(0, 3).map((slot) => ({ clinicId, serviceId, startsAt: slot.startsAt })));
        return slots;
      },
    },
    findClinics: {
      description:
        "Clinics on Pawgraph that treat this species, with their services (for clinicSlots), to suggest booking a visit. Read-only.",
      input: z.object({}),
      async execute() {
        const data = await clients.bookings.query<{
          clinics: { edges: { node: { id: string; name: string } }[] } | null;
        }>(ctx, CLINICS, { species: record?.profile.species ?? null });
        const clinics = (data.clinics?.edges ?? []).map((e) => e.node);
        findings.clinics.push(...clinics.map((c) => ({ id: c.id, name: c.name })));
        return clinics;
      },
    },
  };
  if (record) {
    tools.petProfile = {
      description: "The pet's profile: name, species, breed, sex, neutered, date of birth.",
      input: z.object({}),
      execute: async () => record.profile,
    };
    tools.vaccinationsDue = {
      description: "Vaccinations and treatments due for the pet in the next 90 days.",
      input: z.object({}),
      execute: async () => record.reminders,
    };
    tools.medications = {
      description: "The pet's running prescriptions, as prescribed by its vet (quote them; never suggest other doses).",
      input: z.object({}),
      execute: async () => record.prescriptions,
    };
  }
  return tools;
}
