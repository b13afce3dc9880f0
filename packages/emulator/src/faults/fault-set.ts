import type { FaultRule, RouteName } from './fault-rule.js';
import { parseFaultRule } from './fault-rule.js';

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  applied: number;
}

/** The active fault rules and their counters; the first rule that applies wins. */
export class FaultSet {
  #rules: ActiveRule[] = [];

  constructor(rules: FaultRule[] = []) {
    this.add(rules);
  }

  add(rules: FaultRule[]): void {
    for (const rule of rules) this.#rules.push({ rule: parseFaultRule(rule), seen: 0, applied: 0 });
  }

  set(rules: FaultRule[]): void {
    this.clear();
    this.add(rules);
  }

  clear(): void {
    this.#rules = [];
  }

  list(): Array<FaultRule & { seen: number; applied: number }> {
    return this.#rules.map((r) => ({ ...r.rule, seen: r.seen, applied: r.applied }));
  }

  /** Counts the request against every matching rule and returns the rule to apply, if any. */
  take(route: RouteName): FaultRule | undefined {
    let chosen: FaultRule | undefined;
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.route !== '*' && rule.route !== route) continue;
      if (rule.job && route !== 'queue.submit') continue;
      active.seen += 1;
      if (chosen) continue;
      if (active.seen <= (rule.afterRequests ?? 0)) continue;
      if (rule.times !== undefined && active.applied >= rule.times) continue;
      active.applied += 1;
      chosen = rule;
    }
    return chosen;
  }
}
