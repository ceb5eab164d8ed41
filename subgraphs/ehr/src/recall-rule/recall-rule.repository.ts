import type { DataSource, EntityManager } from "typeorm";
import { RecallRuleEntity } from "./recall-rule.entity";
import type { RecallRuleInput } from "./recall-rule.inputs";

/** Recall rules: one per species and vaccine code. */
export class RecallRuleRepository {
  constructor(private readonly db: DataSource) {}

  /** Every rule, or one species' rules, by species then code. */
  list(species: string | null): Promise<RecallRuleEntity[]> {
    return this.db
      .getRepository(RecallRuleEntity)
      .find({ where: species ? { species } : {}, order: { species: "ASC", code: "ASC" } });
  }

  /** The rule for a species' vaccine, read in the caller's transaction. */
  forVaccine(manager: EntityManager, species: string, code: string): Promise<RecallRuleEntity | null> {
    return manager.getRepository(RecallRuleEntity).findOneBy({ species, code });
  }

  byId(id: string): Promise<RecallRuleEntity | null> {
    return this.db.getRepository(RecallRuleEntity).findOneBy({ id });
  }

  /** Creates the rule, or replaces the one for the same species and code; the rule as stored. */
  async upsert(
    rule: Pick<RecallRuleInput, "species" | "code" | "kind" | "name" | "intervalDays">,
  ): Promise<RecallRuleEntity> {
    await this.db.query(
      `INSERT INTO ehr.recall_rules (species, code, kind, name, interval_days) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (species, code) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, interval_days = EXCLUDED.interval_days`,
      [rule.species, rule.code, rule.kind, rule.name, rule.intervalDays],
    );
    return this.db.getRepository(RecallRuleEntity).findOneByOrFail({ species: rule.species, code: rule.code });
  }

  async delete(id: string): Promise<void> {
    await this.db.getRepository(RecallRuleEntity).delete(id);
  }
}
