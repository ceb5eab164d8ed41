import {
  BadUserInputError,
  ForbiddenError,
  isPlatformAdmin,
  isUuid,
  NotFoundError,
  requireViewer,
  type BaseContext,
  type Viewer,
} from "@pawgraph/subgraph-kit";
import type { CatalogClient } from "../catalog/catalog.client";
import type { ClinicServices } from "./clinic-services.client";
import type { CreateWellnessOfferInput } from "./wellness-offer.types";
import type { OfferCredit, OfferLine, WellnessOfferRepository, WellnessOfferRow } from "./wellness-offer.repository";

const MAX_ITEMS = 20;

/** Whether the viewer may manage the clinic's offers: its CLINIC_ADMINs and platform admins. */
function canManageClinic(viewer: Viewer, clinicId: string): boolean {
  return (
    isPlatformAdmin(viewer) ||
    viewer.memberships.some((m) => m.clinicId.toLowerCase() === clinicId && m.role === "CLINIC_ADMIN")
  );
}

/** The clinic id (lower case) when the viewer manages it; its other staff FORBIDDEN, anyone else NOT_FOUND. */
function requireClinicManager(viewer: Viewer, clinicId: string, field: string, what = "Clinic"): string {
  const id = clinicId.toLowerCase();
  if (!isUuid(id)) throw new NotFoundError(what, field);
  if (canManageClinic(viewer, id)) return id;
  if (viewer.memberships.some((m) => m.clinicId.toLowerCase() === id))
    throw new ForbiddenError("Only the clinic's admins manage its wellness plans");
  throw new NotFoundError(what, field);
}

function count(field: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new BadUserInputError(field, `must be a whole number from 1 to ${max}`);
  return value;
}

/**
 * Wellness plans clinics offer: products from the clinic's own shop every month, and a yearly
 * allowance of its services. Written by the clinic's admins, public to read while active.
 */
export class WellnessOfferService {
  constructor(
    private readonly offers: WellnessOfferRepository,
    private readonly catalog: CatalogClient,
    private readonly services: ClinicServices,
  ) {}

  async create(ctx: BaseContext, input: CreateWellnessOfferInput): Promise<WellnessOfferRow> {
    const viewer = requireViewer(ctx.viewer);
    const clinicId = requireClinicManager(viewer, input.clinicId, "input.clinicId");
    const name = input.name.trim();
    if (name.length < 1 || name.length > 120) throw new BadUserInputError("input.name", "must be 1–120 characters");
    const description = (input.description ?? "").trim();
    if (description.length > 2000) throw new BadUserInputError("input.description", "must be at most 2000 characters");
    const serviceCredits = await this.checkedCredits(ctx, clinicId, input.serviceCredits);
    const { lines, vendorId, currency, monthlyPriceMinor } = await this.checkedLines(clinicId, input.lines);
    return this.offers.create(
      { clinicId, vendorId, name, description, currency, monthlyPriceMinor, lines, serviceCredits },
      viewer.userId,
    );
  }

  async archive(ctx: BaseContext, offerId: string): Promise<WellnessOfferRow> {
    const viewer = requireViewer(ctx.viewer);
    const offer = isUuid(offerId) ? await this.offers.byId(offerId.toLowerCase()) : null;
    if (!offer) throw new NotFoundError("Wellness offer", "offerId");
    requireClinicManager(viewer, offer.clinicId, "offerId", "Wellness offer");
    return offer.active ? this.offers.archive(offer.id) : offer;
  }

  /** The clinic's active offers, oldest first; an id that is no clinic's answers an empty list. */
  async activeAt(clinicId: string): Promise<WellnessOfferRow[]> {
    return isUuid(clinicId) ? this.offers.activeAt(clinicId.toLowerCase()) : [];
  }

  /** An offer: active ones are public, archived ones only to the clinic's managers. */
  async byId(ctx: BaseContext, offerId: string): Promise<WellnessOfferRow> {
    const offer = isUuid(offerId) ? await this.offers.byId(offerId.toLowerCase()) : null;
    if (!offer || (!offer.active && !(ctx.viewer && canManageClinic(ctx.viewer, offer.clinicId))))
      throw new NotFoundError("Wellness offer", "id");
    return offer;
  }

  /** Every line a purchasable variant of the clinic's own shop, in one currency. */
  private async checkedLines(clinicId: string, input: CreateWellnessOfferInput["lines"]) {
    if (input.length < 1 || input.length > MAX_ITEMS)
      throw new BadUserInputError("input.lines", `must have 1 to ${MAX_ITEMS} products`);
    const lines: OfferLine[] = input.map((line, i) => {
      if (!isUuid(line.variantId)) throw new NotFoundError("Product variant", `input.lines.${i}.variantId`);
      return {
        variantId: line.variantId.toLowerCase(),
        quantity: count(`input.lines.${i}.quantity`, line.quantity, 99),
      };
    });
    const variants = await this.catalog.variants(lines.map((l) => l.variantId));
    let monthlyPriceMinor = 0;
    const vendors = new Set<string>();
    const currencies = new Set<string>();
    lines.forEach((line, i) => {
      const field = `input.lines.${i}.variantId`;
      const variant = variants.get(line.variantId);
      if (!variant) throw new NotFoundError("Product variant", field);
      // Only the clinic's own shop's products: any other variant is, for this offer, not there.
      if (variant.vendorClinicId?.toLowerCase() !== clinicId) throw new NotFoundError("Product variant", field);
      if (!variant.purchasable) throw new BadUserInputError(field, `${variant.title} cannot be bought now`);
      if (lines.findIndex((l) => l.variantId === line.variantId) !== i)
        throw new BadUserInputError(field, "lists a product twice: raise its quantity instead");
      vendors.add(variant.vendorId);
      currencies.add(variant.currency);
      if (currencies.size > 1) throw new BadUserInputError(field, "is priced in another currency than the others");
      monthlyPriceMinor += variant.priceMinor * line.quantity;
    });
    return { lines, vendorId: [...vendors][0]!, currency: [...currencies][0]!, monthlyPriceMinor };
  }

  /** Every credit one of the clinic's services, each once. */
  private async checkedCredits(
    ctx: BaseContext,
    clinicId: string,
    input: CreateWellnessOfferInput["serviceCredits"],
  ): Promise<OfferCredit[]> {
    if (input.length > MAX_ITEMS)
      throw new BadUserInputError("input.serviceCredits", `must have at most ${MAX_ITEMS} services`);
    if (input.length === 0) return [];
    const offered = await this.services.of(ctx, clinicId);
    return input.map((credit, i) => {
      const field = `input.serviceCredits.${i}.serviceId`;
      const serviceId = credit.serviceId.toLowerCase();
      const serviceName = offered.get(serviceId);
      if (serviceName === undefined) throw new NotFoundError("Clinic service", field);
      if (input.findIndex((c) => c.serviceId.toLowerCase() === serviceId) !== i)
        throw new BadUserInputError(field, "lists a service twice");
      return { serviceId, serviceName, perYear: count(`input.serviceCredits.${i}.perYear`, credit.perYear, 52) };
    });
  }
}
