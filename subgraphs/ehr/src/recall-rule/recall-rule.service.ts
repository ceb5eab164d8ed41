import { NotFoundError, parseId } from "@pawgraph/subgraph-kit";
import type { RecallRuleEntity } from "./recall-rule.entity";
import type { RecallRuleInput } from "./recall-rule.inputs";
import type { RecallRuleRepository } from "./recall-rule.repository";

/** Recall rules as data; platform admins manage them (the resolver checks the role). */
export class RecallRuleService {
  constructor(private readonly rules: RecallRuleRepository) {}

  list(species: string | null): Promise<RecallRuleEntity[]> {
    return this.rules.list(species);
  }

  /** Creates a rule, or replaces the one for the same species and code. */
  upsert(input: RecallRuleInput): Promise<RecallRuleEntity> {
    return this.rules.upsert({
      species: input.species,
      code: input.code,
      kind: input.kind,
      name: input.name.trim(),
      intervalDays: input.intervalDays,
    });
  }

  async delete(id: string): Promise<RecallRuleEntity> {
    const rule = await this.rules.byId(parseId(id, "input.id"));
    if (!rule) throw new NotFoundError("Recall rule", "input.id");
    await this.rules.delete(rule.id);
    return rule;
  }
}
