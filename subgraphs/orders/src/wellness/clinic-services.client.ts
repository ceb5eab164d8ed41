import { ServiceUnavailableError, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";

const SERVICES = `query ($id: ID!) { clinic(id: $id) { id services { id name } } }`;

/**
 * A clinic's services, asked of bookings with the viewer's token (bookings applies its rules: a
 * clinic the viewer may not see has none). When bookings cannot answer, SERVICE_UNAVAILABLE.
 */
export class ClinicServices {
  constructor(private readonly bookings: SubgraphClient) {}

  async of(ctx: BaseContext, clinicId: string): Promise<Map<string, string>> {
    try {
      const data = await this.bookings.query<{ clinic: { services: { id: string; name: string }[] } | null }>(
        ctx,
        SERVICES,
        { id: clinicId },
      );
      return new Map((data.clinic?.services ?? []).map((s) => [s.id, s.name]));
    } catch (error) {
      const codes = (error as { codes?: string[] }).codes ?? [];
      if (codes.length > 0 && codes.every((c) => c === "NOT_FOUND" || c === "FORBIDDEN")) return new Map();
      ctx.log.warn({ err: error }, "bookings could not list a clinic's services");
      throw new ServiceUnavailableError("The clinic's services cannot be checked right now; try again shortly");
    }
  }
}
