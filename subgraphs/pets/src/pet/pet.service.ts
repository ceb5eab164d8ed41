import type { DataSource } from "typeorm";
import {
  BadUserInputError,
  ForbiddenError,
  MAX_PAGE_SIZE,
  NotFoundError,
  loadEach,
  paginate,
  parseId,
  requireViewer,
  type Connection,
} from "@pawgraph/subgraph-kit";
import type { PetsContext } from "../context";
import { WeightRecordEntity } from "../weight/weight-record.entity";
import { PetEntity, PetOwnerEntity } from "./pet.entity";
import { PetRelationship, PetSex } from "./pet.type";
import type { CreatePetInput, PetFilter, UpdatePetInput } from "./pet.inputs";
import { parseMicrochip } from "./microchip";
import { PET_PAGE, type AccessiblePet, type PetRepository } from "./pet.repository";

const today = () => new Date().toISOString().slice(0, 10);

function checkDates(
  dateOfBirth: string | null | undefined,
  deceasedOn: string | null | undefined,
  prefix = "input",
): void {
  if (dateOfBirth && dateOfBirth > today()) {
    throw new BadUserInputError(`${prefix}.dateOfBirth`, "Date of birth must not be in the future");
  }
  if (deceasedOn && deceasedOn > today()) {
    throw new BadUserInputError(`${prefix}.deceasedOn`, "Date of death must not be in the future");
  }
  if (dateOfBirth && deceasedOn && deceasedOn < dateOfBirth) {
    throw new BadUserInputError(`${prefix}.deceasedOn`, "Date of death must not be before the date of birth");
  }
}

/** The partial unique index that keeps a microchip number to one living pet (migration 1765300000000). */
const LIVING_MICROCHIP_INDEX = "pets_living_microchip_idx";

/** Whether `error` is the database refusing a second living pet with the same microchip (a race the index settles). */
function isMicrochipTaken(error: unknown): boolean {
  const failure = error as { driverError?: { code?: string; constraint?: string } };
  return failure.driverError?.code === "23505" && failure.driverError.constraint === LIVING_MICROCHIP_INDEX;
}

/** A write refused because another living pet has the microchip (`MicrochipTakenError`); nothing was written. */
export interface MicrochipTaken {
  microchipTaken: true;
}

const trimOrNull = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** Pets and who may see or change them: owners write, current carers read, everyone else gets NOT_FOUND. */
export class PetService {
  constructor(
    private readonly db: DataSource,
    private readonly pets: PetRepository,
  ) {}

  /** The pet if the viewer may read it; NOT_FOUND otherwise (never "forbidden", which would leak existence). */
  async readable(ctx: PetsContext, id: string, field = "id"): Promise<AccessiblePet> {
    requireViewer(ctx.viewer);
    const found = await ctx.loaders.accessiblePet.load(parseId(id, field));
    if (!found) throw new NotFoundError("Pet", field);
    return found;
  }

  /** Pets by id in the order asked; null where the viewer may not read. */
  async readableMany(ctx: PetsContext, ids: string[]): Promise<(PetEntity | null)[]> {
    requireViewer(ctx.viewer);
    if (ids.length > MAX_PAGE_SIZE) throw new BadUserInputError("ids", `ids may list at most ${MAX_PAGE_SIZE} pets`);
    const parsed = ids.map((id, i) => parseId(id, `ids[${i}]`));
    // A failed load is an error (SERVICE_UNAVAILABLE), never a null: callers read null as "not yours".
    const found = await loadEach(ctx.loaders.accessiblePet, parsed);
    return found.map((row) => row?.pet ?? null);
  }

  /** The pet if the viewer owns it; carers get FORBIDDEN (they can see it), others NOT_FOUND. */
  async owned(ctx: PetsContext, id: string, field = "input.id"): Promise<PetEntity> {
    const { pet, relationship } = await this.readable(ctx, id, field);
    if (relationship !== PetRelationship.OWNER) throw new ForbiddenError("Only the pet's owners can change it");
    return pet;
  }

  /** The viewer's pets (those `ownedBy` someone, for `User.pets`), oldest first. */
  async list(
    ctx: PetsContext,
    args: { first?: number | null; after?: string | null; filter?: PetFilter | null; ownedBy?: string },
  ): Promise<Connection<PetEntity>> {
    const viewer = requireViewer(ctx.viewer);
    if (args.filter?.nameContains && args.filter.nameContains.length > 80) {
      throw new BadUserInputError("filter.nameContains", "nameContains must be at most 80 characters");
    }
    return paginate(args, {
      keyset: PET_PAGE,
      fetch: async (page) => {
        const rows = await this.pets.listAccessible(viewer, { ...args.filter, ownedBy: args.ownedBy }, page);
        for (const row of rows) ctx.loaders.accessiblePet.prime(row.pet.id, row);
        return rows;
      },
      map: (row) => row.pet,
    });
  }

  /** A new pet owned by the viewer, or MicrochipTaken when another living pet has its chip. */
  async create(ctx: PetsContext, input: CreatePetInput): Promise<PetEntity | MicrochipTaken> {
    const viewer = requireViewer(ctx.viewer);
    checkDates(input.dateOfBirth, null);
    const microchipId = parseMicrochip(input.microchipId ?? null, "input.microchipId");
    return this.unlessMicrochipTaken(microchipId, () => this.insert(viewer.userId, input, microchipId));
  }

  private insert(userId: string, input: CreatePetInput, microchipId: string | null): Promise<PetEntity> {
    return this.db.transaction(async (tx) => {
      const pet = await tx.getRepository(PetEntity).save(
        tx.getRepository(PetEntity).create({
          name: input.name.trim(),
          species: input.species,
          breed: trimOrNull(input.breed),
          sex: input.sex ?? PetSex.UNKNOWN,
          neutered: input.neutered ?? null,
          dateOfBirth: input.dateOfBirth ?? null,
          colour: trimOrNull(input.colour),
          microchipId,
          photoUrl: input.photoUrl ?? null,
          createdBy: userId,
        }),
      );
      await tx.getRepository(PetOwnerEntity).insert({ petId: pet.id, userId });
      if (input.weightKg != null) {
        await tx
          .getRepository(WeightRecordEntity)
          .insert({ petId: pet.id, weightKg: input.weightKg, measuredAt: new Date(), recordedBy: userId });
      }
      return tx.getRepository(PetEntity).findOneByOrFail({ id: pet.id });
    });
  }

  /** The changed pet, or MicrochipTaken when another living pet has the chip it would have (a new number, or a return to life). */
  async update(ctx: PetsContext, input: UpdatePetInput): Promise<PetEntity | MicrochipTaken> {
    const pet = await this.owned(ctx, input.id);
    const patch: Partial<PetEntity> = {};
    if (input.name !== undefined) {
      if (input.name === null) throw new BadUserInputError("input.name", "A pet must have a name");
      patch.name = input.name.trim();
    }
    if (input.species !== undefined) {
      if (input.species === null) throw new BadUserInputError("input.species", "A pet must have a species");
      patch.species = input.species;
    }
    if (input.sex !== undefined) patch.sex = input.sex ?? PetSex.UNKNOWN;
    if (input.breed !== undefined) patch.breed = trimOrNull(input.breed);
    if (input.neutered !== undefined) patch.neutered = input.neutered;
    if (input.dateOfBirth !== undefined) patch.dateOfBirth = input.dateOfBirth;
    if (input.colour !== undefined) patch.colour = trimOrNull(input.colour);
    if (input.microchipId !== undefined) patch.microchipId = parseMicrochip(input.microchipId, "input.microchipId");
    if (input.photoUrl !== undefined) patch.photoUrl = input.photoUrl;
    if (input.deceasedOn !== undefined) patch.deceasedOn = input.deceasedOn;
    checkDates(
      patch.dateOfBirth !== undefined ? patch.dateOfBirth : pet.dateOfBirth,
      patch.deceasedOn !== undefined ? patch.deceasedOn : pet.deceasedOn,
    );
    return this.unlessMicrochipTaken(
      patch.microchipId !== undefined ? patch.microchipId : pet.microchipId,
      async () => {
        if (Object.keys(patch).length > 0) await this.db.getRepository(PetEntity).update(pet.id, patch);
        return this.db.getRepository(PetEntity).findOneByOrFail({ id: pet.id });
      },
    );
  }

  /**
   * Runs a write, answering MicrochipTaken when the unique index refuses it: no read-then-write
   * check, which two concurrent registrations of one chip would both pass.
   */
  private async unlessMicrochipTaken(
    microchipId: string | null,
    write: () => Promise<PetEntity>,
  ): Promise<PetEntity | MicrochipTaken> {
    try {
      return await write();
    } catch (error) {
      if (microchipId && isMicrochipTaken(error)) return { microchipTaken: true };
      throw error;
    }
  }

  async archive(ctx: PetsContext, id: string): Promise<PetEntity> {
    const pet = await this.owned(ctx, id);
    if (!pet.archivedAt) await this.db.getRepository(PetEntity).update(pet.id, { archivedAt: new Date() });
    return this.db.getRepository(PetEntity).findOneByOrFail({ id: pet.id });
  }
}
