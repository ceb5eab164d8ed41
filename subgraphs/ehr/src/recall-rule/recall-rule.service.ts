import type { DataSource } from "typeorm";
import { NotFoundError, parseId } from "@pawgraph/subgraph-kit";
import { RecallRuleEntity } from "./recall-rule.entity";
import type { RecallRuleInput } from "./recall-rule.inputs";

/** Recall rules as data; platform admins manage them (the resolver checks the role). */
export class RecallRuleService {
  constructor(private readonly db: DataSource) {}

  list(species: string | null): Promise<RecallRuleEntity[]> {
    return this.db.getRepository(RecallRuleEntity).find({ where: species ? { species } : {}, order: { species: "ASC", code: "ASC" } });
  }

  /** Creates a rule, or replaces the one for the same species and code. */
  async upsert(input: RecallRuleInput): Promise<RecallRuleEntity> {
    await this.db.query(
      `INSERT INTO ehr.recall_rules (species, code, kind, name, interval_days) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (species, code) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, interval_days = EXCLUDED.interval_days`,
      [input.species, input.code, input.kind, input.name.trim(), input.intervalDays],
    );
    return this.db.getRepository(RecallRuleEntity).findOneByOrFail({ species: input.species, code: input.code });
  }

  async delete(id: string): Promise<RecallRuleEntity> {
    const repository = this.db.getRepository(RecallRuleEntity);
    const rule = await repository.findOneBy({ id: parseId(id, "input.id") });
    if (!rule) throw new NotFoundError("Recall rule", "input.id");
    await repository.delete(rule.id);
    return rule;
  }
}
