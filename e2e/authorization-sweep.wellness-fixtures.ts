import { ArchiveWellnessOfferDocument, CreateWellnessOfferDocument } from "../clients/__generated__/graphql";
import { execute, type Stack } from "./harness";
import { clinicWithShop } from "./wellness-fixtures";

/**
 * The wellness side of the authorization sweep: A's clinic (with its own shop) offers one wellness plan
 * and archived another. B is the admin of another clinic (e2e/authorization-sweep.fixtures.ts).
 */
export async function buildWellnessSweep(stack: Stack) {
  const clinic = await clinicWithShop(stack, [{ priceMinor: 1500, stock: 5 }]);
  const input = {
    clinicId: clinic.clinicId,
    name: "A's wellness plan",
    lines: [{ variantId: clinic.variantIds[0]!, quantity: 1 }],
    serviceCredits: [{ serviceId: clinic.services[0]!.id, perYear: 2 }],
  };
  const offer = async () => {
    const created = await execute(stack.gateway.url, CreateWellnessOfferDocument, { input }, clinic.clinicAdmin.token);
    if (!created.data) throw new Error(`fixture failed: createWellnessOffer: ${JSON.stringify(created.errors)}`);
    return created.data.createWellnessOffer.id;
  };
  const wellnessOfferId = await offer();
  const archivedWellnessOfferId = await offer();
  await execute(
    stack.gateway.url,
    ArchiveWellnessOfferDocument,
    { offerId: archivedWellnessOfferId },
    clinic.clinicAdmin.token,
  );
  return {
    a: {
      wellnessClinicId: clinic.clinicId,
      wellnessVariantId: clinic.variantIds[0]!,
      wellnessServiceId: clinic.services[0]!.id,
      wellnessOfferId,
      archivedWellnessOfferId,
    },
  };
}
