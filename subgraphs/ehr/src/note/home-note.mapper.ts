import { recordFields } from "../record/health-record.mapper";
import { HealthRecordKind } from "../record/health-record.type";
import type { HomeNoteEntity } from "./home-note.entity";
import type { HomeNote } from "./home-note.type";

export function toHomeNote(row: HomeNoteEntity): HomeNote {
  return { ...recordFields(HealthRecordKind.HOME_NOTE, row), text: row.text, ownerOnly: row.ownerOnly };
}
