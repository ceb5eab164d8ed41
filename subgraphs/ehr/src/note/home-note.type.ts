import { Field, ObjectType } from "type-graphql";
import { HealthRecord, recordFields } from "../record/health-record.type";
import { HealthRecordKind } from "../record/record.enums";
import type { HomeNoteEntity } from "./home-note.entity";

@ObjectType({ implements: HealthRecord, description: "An owner's own note in the record." })
export class HomeNote extends HealthRecord {
  @Field(() => String, { description: "The note." })
  text!: string;
}

export function toHomeNote(row: HomeNoteEntity): HomeNote {
  return { ...recordFields(HealthRecordKind.HOME_NOTE, row), text: row.text };
}
