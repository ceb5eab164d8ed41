import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, type Connection } from "@pawgraph/subgraph-kit";
import { toPetCarer } from "../carer/pet-carer.mapper";
import { PetCarer } from "../carer/pet-carer.type";
import { Clinic } from "../clinic/clinic.type";
import type { PetsContext } from "../context";
import { toRecordAccessGrant } from "../grant/record-access-grant.mapper";
import { RecordAccessGrant } from "../grant/record-access-grant.type";
import { User } from "../user/user.type";
import type { WeightRecordEntity } from "../weight/weight-record.entity";
import type { WeightRecordService } from "../weight/weight-record.service";
import { WeightRecord, WeightRecordConnection } from "../weight/weight-record.type";
import type { PetEntity } from "./pet.entity";
import { CreatePetResult, UpdatePetResult } from "./pet.errors";
import { ArchivePetInput, CreatePetInput, PetFilter, UpdatePetInput } from "./pet.inputs";
import { toPetResult } from "./pet.mapper";
import type { PetService } from "./pet.service";
import { Pet, PetConnection, PetRelationship } from "./pet.type";

/** Pets: reading, adding and changing them, and the fields other types hang off `Pet`. */
@Resolver(() => Pet)
export class PetResolver {
  constructor(
    private readonly petService: PetService,
    private readonly weights: WeightRecordService,
  ) {}

  @Authorized()
  @Query(() => Pet, {
    nullable: true,
    description: "A pet you own or care for. Any other id answers null with a NOT_FOUND error.",
  })
  async pet(
    @Arg("id", () => ID, { description: "The pet's id." }) id: string,
    @Ctx() ctx: PetsContext,
  ): Promise<PetEntity> {
    return (await this.petService.readable(ctx, id)).pet;
  }

  @Authorized()
  @Query(() => [Pet], {
    nullable: "itemsAndList",
    description: "Several pets by id, in the order asked (at most 100); null for each id you may not see.",
  })
  async pets(
    @Arg("ids", () => [ID], { description: "Pet ids." }) ids: string[],
    @Ctx() ctx: PetsContext,
  ): Promise<(PetEntity | null)[]> {
    return this.petService.readableMany(ctx, ids);
  }

  @Authorized()
  @Query(() => PetConnection, {
    nullable: true,
    description: "Pets you own or care for, oldest first, as a Relay connection.",
  })
  myPets(
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Arg("filter", () => PetFilter, { nullable: true, description: "Optional filters." }) filter: PetFilter | null,
    @Ctx() ctx: PetsContext,
  ): Promise<Connection<PetEntity>> {
    return this.petService.list(ctx, { first, after, filter });
  }

  @Authorized()
  @Mutation(() => CreatePetResult, {
    description:
      "Add a pet; you become its owner. A microchip number another living pet has answers `MicrochipTakenError`.",
  })
  async createPet(
    @Arg("input", () => CreatePetInput, { description: "The new pet." }) input: CreatePetInput,
    @Ctx() ctx: PetsContext,
  ) {
    return toPetResult(await this.petService.create(ctx, input));
  }

  @Authorized()
  @Mutation(() => UpdatePetResult, {
    description:
      "Change a pet's details (owners only). A microchip number another living pet has (a new number, or clearing `deceasedOn`) answers `MicrochipTakenError`.",
  })
  async updatePet(
    @Arg("input", () => UpdatePetInput, { description: "The changes." }) input: UpdatePetInput,
    @Ctx() ctx: PetsContext,
  ) {
    return toPetResult(await this.petService.update(ctx, input));
  }

  @Authorized()
  @Mutation(() => Pet, { description: "Archive a pet (owners only): it leaves `myPets`, its history stays." })
  archivePet(
    @Arg("input", () => ArchivePetInput, { description: "The pet to archive." }) input: ArchivePetInput,
    @Ctx() ctx: PetsContext,
  ): Promise<PetEntity> {
    return this.petService.archive(ctx, input.id);
  }

  @FieldResolver(() => PetRelationship, { description: "How you are related to this pet." })
  async myRelationship(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<PetRelationship> {
    return (await this.petService.readable(ctx, pet.id)).relationship;
  }

  @FieldResolver(() => [Clinic], {
    nullable: "items",
    description:
      "Clinics you work at with access in force to this pet's health record (an owner's grant or a booking). Empty when you see the pet only because its owner wrote to your clinic.",
  })
  async myClinicAccess(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<Clinic[]> {
    return (await this.petService.readable(ctx, pet.id)).clinicIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [RecordAccessGrant], {
    description:
      "Clinics an owner granted access to the health record, including ended grants. Only owners see this list.",
  })
  async recordAccessGrants(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<RecordAccessGrant[]> {
    const { relationship } = await this.petService.readable(ctx, pet.id);
    if (relationship !== PetRelationship.OWNER) return [];
    return (await ctx.loaders.grantsOf.load(pet.id)).map(toRecordAccessGrant);
  }

  @FieldResolver(() => [User], {
    nullable: "items",
    description: "The pet's owners; an owner is null when identity cannot be reached.",
  })
  async owners(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<User[]> {
    return (await ctx.loaders.ownersOf.load(pet.id)).map((owner) => ({ id: owner.userId }));
  }

  @FieldResolver(() => [PetCarer], {
    description:
      "People the pet is shared with, including ended shares. Only owners see this list; carers get an empty one.",
  })
  async carers(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<PetCarer[]> {
    const { relationship } = await this.petService.readable(ctx, pet.id);
    if (relationship !== PetRelationship.OWNER) return [];
    const now = Date.now();
    return (await ctx.loaders.carersOf.load(pet.id)).map((carer) => toPetCarer(carer, now));
  }

  @FieldResolver(() => WeightRecord, {
    nullable: true,
    description: "The most recent weighing, or null when none was recorded.",
  })
  currentWeight(@Root() pet: PetEntity, @Ctx() ctx: PetsContext): Promise<WeightRecordEntity | null> {
    return ctx.loaders.latestWeight.load(pet.id);
  }

  @FieldResolver(() => WeightRecordConnection, { description: "Weight history, newest first." })
  weightHistory(
    @Root() pet: PetEntity,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: PetsContext,
  ): Promise<Connection<WeightRecordEntity>> {
    return this.weights.history(ctx, pet.id, args);
  }
}
