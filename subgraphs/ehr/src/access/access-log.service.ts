import { paginate, type Connection } from "@pawgraph/subgraph-kit";
import type { EhrContext } from "../context";
import { toRecordAccess } from "./access-log.mapper";
import { ACCESS_LOG_PAGE, type AccessLogRepository } from "./access-log.repository";
import type { AccessPolicy } from "./access-policy";
import type { RecordAccess } from "./access-log.type";

/** Who other than its owners read or wrote a pet's record; only owners may ask. */
export class AccessLogService {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly log: AccessLogRepository,
  ) {}

  async page(
    ctx: EhrContext,
    petId: string,
    args: { first?: number | null; after?: string | null },
  ): Promise<Connection<RecordAccess>> {
    const access = await this.policy.owner(ctx, petId, "id");
    return paginate(args, {
      keyset: ACCESS_LOG_PAGE,
      fetch: (q) => this.log.page(access.petId, q),
      map: toRecordAccess,
    });
  }
}
