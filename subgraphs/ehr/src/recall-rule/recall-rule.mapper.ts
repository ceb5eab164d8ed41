import type { ReminderKind } from "../reminder/reminder.type";
import type { RecallRuleEntity } from "./recall-rule.entity";
import type { RecallRule } from "./recall-rule.type";

export const toRecallRule = (row: RecallRuleEntity): RecallRule => ({ ...row, kind: row.kind as ReminderKind });
