import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { BadUserInputError, ConnectionArgs, type Connection } from "@pawgraph/subgraph-kit";
import type { AccessLogService } from "../access/access-log.service";
import type { AccessPolicy } from "../access/access-policy";
import { RecordAccess, RecordAccessConnection } from "../access/access-log.type";
import type { EhrContext } from "../context";
import type { HealthRecord } from "../record/health-record.type";
import { toReminder } from "../reminder/reminder.mapper";
import { Reminder } from "../reminder/reminder.type";
import { TimelineFilter } from "../timeline/timeline.inputs";
import { HealthRecordConnection } from "../timeline/timeline.type";
import type { ReminderService } from "../reminder/reminder.service";
import type { TimelineService } from "../timeline/timeline.service";
import { Pet } from "./pet.type";

@Resolver(() => Pet)
export class PetHealthResolver {
  constructor(
    private readonly timeline: TimelineService,
    private readonly policy: AccessPolicy,
    private readonly reminders: ReminderService,
    private readonly accessLog: AccessLogService,
  ) {}

  @FieldResolver(() => HealthRecordConnection, {
    nullable: true,
    description:
      "The pet's whole health record, newest first: visits, vaccinations, medications, allergies, lab results, alerts and home notes. Null when the health-record service (ehr) cannot be reached.",
  })
  healthTimeline(
    @Root() pet: Pet,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Arg("filter", () => TimelineFilter, { nullable: true, description: "Only some kinds, or a time window." })
    filter: TimelineFilter | null,
    @Ctx() ctx: EhrContext,
  ): Promise<Connection<HealthRecord>> {
    return this.timeline.page(ctx, pet.id, { first, after, filter });
  }

  @FieldResolver(() => [Reminder], {
    nullable: true,
    description:
      "Vaccinations and treatments due, soonest first (snoozed ones hidden until their date). Null when ehr cannot be reached.",
  })
  async upcomingReminders(
    @Root() pet: Pet,
    @Arg("withinDays", () => Int, {
      nullable: true,
      description: "Only those due within this many days (1 to 3650); all when omitted.",
    })
    withinDaysArg: number | null | undefined,
    @Ctx() ctx: EhrContext,
  ): Promise<Reminder[]> {
    const withinDays = withinDaysArg ?? null;
    if (withinDays !== null && (withinDays < 1 || withinDays > 3650))
      throw new BadUserInputError("withinDays", "withinDays must be between 1 and 3650");
    const access = await this.policy.read(ctx, pet.id, "id");
    return (await this.reminders.upcomingFor([access.petId], withinDays)).map(toReminder);
  }

  @FieldResolver(() => RecordAccessConnection, {
    nullable: true,
    description:
      "Who other than its owners looked at or wrote the pet's health record, newest first. Owners only. Null when ehr cannot be reached.",
  })
  recordAccessLog(
    @Root() pet: Pet,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Ctx() ctx: EhrContext,
  ): Promise<Connection<RecordAccess>> {
    return this.accessLog.page(ctx, pet.id, { first, after });
  }
}
