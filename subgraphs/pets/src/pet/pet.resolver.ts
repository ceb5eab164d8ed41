import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, decodeCursor, encodeCursor, isUuid, pageSize, toConnection, type Connection } from "@pawgraph/subgraph-kit";
import { AddCarerInput, PetCarer, RemoveCarerInput } from "../carer/pet-carer.type";
import { Clinic } from "../clinic/clinic.type";
import { toRecordAccessGrant } from "../grant/record-access-grant.resolver";
import { RecordAccessGrant } from "../grant/record-access-grant.type";
import type { PetsContext } from "../context";
import { User } from "../user/user.type";
import type { WeightRecordEntity } from "../weight/weight-record.entity";
import type { PetEntity } from "./pet.entity";
import { CreatePetResult, MicrochipTakenError, UpdatePetResult } from "./pet.errors";
import type { MicrochipTaken } from "./pet.service";
import { PetRelationship } from "./pet.enums";
import { ArchivePetInput, CreatePetInput, RecordWeightInput, UpdatePetInput } from "./pet.inputs";
import { Pet, PetConnection, PetFilter, WeightRecord, WeightRecordConnection } from "./pet.type";

/** A union member: the pet (as its GraphQL type) or the microchip refusal. */
function petOrError(result: PetEntity | MicrochipTaken): Pet | MicrochipTakenError {
  if ("microchipTaken" in result) return new MicrochipTakenError();
  return Object.assign(new Pet(), result);
}

@Resolver(() => Pet)
export class PetResolver {
  @Authorized()
  @Query(() => Pet, { nullable: true, description: "A pet you own or care for. Any other id answers null with a NOT_FOUND error." })
  async pet(@Arg("id", () => ID, { description: "The pet's id." }) id: string, @Ctx() ctx: PetsContext): Promise<PetEntity> {
    return (await ctx.services.pets.readable(ctx, id)).pet;
  }

  @Authorized()
  @Query(() => [Pet], {
    nullable: "itemsAndList",
    description: "Several pets by id, in the order asked (at most 100); null for each id you may not see.",
  })
  async pets(@Arg("ids", () => [ID], { description: "Pet ids." }) ids: string[], @Ctx() ctx: PetsContext): Promise<(PetEntity | null)[]> {
    return ctx.services.pets.readableMany(ctx, ids);
  }

  @Authorized()
  @Query(() => PetConnection, { nullable: true, description: "Pets you own or care for, oldest first, as a Relay connection." })
  myPets(
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Arg("filter", () => PetFilter, { nullable: true, description: "Optional filters." }) filter: PetFilter | null,
    @Ctx() ctx: PetsContext,
  ): Promise<Connection<PetEntity>> {
    return ctx.services.pets.list(ctx, { first, after, filter });
  }

  @Authorized()
  @Mutation(() => CreatePetResult, { description: "Add a pet; you become its owner. A microchip number another living pet has answers `MicrochipTakenError`." })
  async createPet(@Arg("input", () => CreatePetInput, { description: "The new pet." }) input: CreatePetInput, @Ctx() ctx: PetsContext) {
    return petOrError(await ctx.services.pets.create(ctx, input));
  }

  @Authorized()
  @Mutation(() => UpdatePetResult, {
    description: "Change a pet's details (owners only). A microchip number another living pet has (a new number, or clearing `deceasedOn`) answers `MicrochipTakenError`.",
  })
  async updatePet(@Arg("input", () => UpdatePetInput, { description: "The changes." }) input: UpdatePetInput, @Ctx() ctx: PetsContext) {
    return petOrError(await ctx.services.pets.update(ctx, input));
  }

  @Authorized()
  @Mutation(() => Pet, { description: "Archive a pet (owners only): it leaves `myPets`, its history stays." })
  archivePet(@Arg("input", () => ArchivePetInput, { description: "The pet to archive." }) input: ArchivePetInput, @Ctx() ctx: PetsContext): Promise<PetEntity> {
    return ctx.services.pets.archive(ctx, input.id);
  }

  @Authorized()
  @Mutation(() => WeightRecord, { description: "Add a weighing to a pet's weight history (owners only)." })
  recordWeight(@Arg("input", () => RecordWeightInput, { description: "The weighing." }) input: RecordWeightInput, @Ctx() ctx: PetsContext): Promise<WeightRecordEntity> {
    return ctx.services.pets.recordWeight(ctx, input);
  }

  @FieldResolver(() => PetRelationship, { description: "How you are related to this pet." })
  async myRelationship(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<PetRelationship> {
    return (await ctx.services.pets.readable(ctx, pet.id)).relationship;
  }

  @FieldResolver(() => [Clinic], { nullable: "items", description: "Clinics you work at with access in force to this pet's health record (an owner's grant or a booking). Empty when you see the pet only because its owner wrote to your clinic." })
  async myClinicAccess(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<Clinic[]> {
    return (await ctx.services.pets.readable(ctx, pet.id)).clinicIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [RecordAccessGrant], { description: "Clinics an owner granted access to the health record, including ended grants. Only owners see this list." })
  async recordAccessGrants(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<RecordAccessGrant[]> {
    const { relationship } = await ctx.services.pets.readable(ctx, pet.id);
    if (relationship !== PetRelationship.OWNER) return [];
    return (await ctx.loaders.grantsOf.load(pet.id)).map(toRecordAccessGrant);
  }

  @FieldResolver(() => [User], { nullable: "items", description: "The pet's owners; an owner is null when identity cannot be reached." })
  async owners(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<User[]> {
    return (await ctx.loaders.ownersOf.load(pet.id)).map((owner) => ({ id: owner.userId }));
  }

  @FieldResolver(() => [PetCarer], { description: "People the pet is shared with, including ended shares. Only owners see this list; carers get an empty one." })
  async carers(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<PetCarer[]> {
    const { relationship } = await ctx.services.pets.readable(ctx, pet.id);
    if (relationship !== PetRelationship.OWNER) return [];
    const now = Date.now();
    return (await ctx.loaders.carersOf.load(pet.id)).map((carer) => ({
      id: carer.id,
      email: carer.email,
      until: carer.until,
      createdAt: carer.createdAt,
      active: !carer.until || carer.until.getTime() > now,
    }));
  }

  @FieldResolver(() => WeightRecord, { nullable: true, description: "The most recent weighing, or null when none was recorded." })
  currentWeight(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<WeightRecordEntity | null> {
    return ctx.loaders.latestWeight.load(pet.id);
  }

  @FieldResolver(() => WeightRecordConnection, { description: "Weight history, newest first." })
  async weightHistory(@Root() pet: PetEntity, @Args(() => ConnectionArgs) { first, after }: ConnectionArgs, @Ctx() ctx: PetsContext): Promise<Connection<WeightRecordEntity>> {
    const limit = pageSize(first);
    const cursor = after ? decodeCursor(after, 2) : undefined;
    const rows = await ctx.loaders.weightPage.load({
      petId: pet.id,
      limit,
      after: cursor ? { measuredAt: String(cursor[0]), seq: String(cursor[1]) } : undefined,
    });
    return toConnection(rows, limit, after, (row) => encodeCursor([row.measuredAt.toISOString(), row.seq]));
  }
}

@Resolver(() => PetCarer)
export class PetCarerResolver {
  @Authorized()
  @Mutation(() => PetCarer, { description: "Share a pet with someone by email (owners only). Sharing again with the same email updates the end date." })
  addCarer(@Arg("input", () => AddCarerInput, { description: "Who to share with, and until when." }) input: AddCarerInput, @Ctx() ctx: PetsContext) {
    return ctx.services.pets.addCarer(ctx, input).then((carer) => ({
      ...carer,
      active: !carer.until || carer.until.getTime() > Date.now(),
    }));
  }

  @Authorized()
  @Mutation(() => Pet, { description: "Stop sharing a pet with a carer (owners only)." })
  removeCarer(@Arg("input", () => RemoveCarerInput, { description: "The share to end." }) input: RemoveCarerInput, @Ctx() ctx: PetsContext): Promise<PetEntity> {
    return ctx.services.pets.removeCarer(ctx, input);
  }
}

/** Federation entry point: other subgraphs hand us `{ id }` stubs; the same access rule applies. */
export const petReference = {
  async __resolveReference(reference: { id: string }, ctx: PetsContext): Promise<PetEntity | null> {
    if (!ctx.viewer || !isUuid(reference.id)) return null;
    return (await ctx.loaders.accessiblePet.load(reference.id.toLowerCase()))?.pet ?? null;
  },
};
