import { connectionType } from "@pawgraph/subgraph-kit";
import { HealthRecord } from "../record/health-record.type";

export const HealthRecordConnection = connectionType(HealthRecord, "HealthRecord", "health record entry");
