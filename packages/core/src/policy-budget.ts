import { policyUnknown, type PolicyValue, type PolicyValueOptions } from './policy-input.js';

/**
 * A size limit shared by every value converted for one deployment unit. Values may share parts
 * (`[local.a, local.a]` in Terraform, YAML aliases), so the JSON a policy receives can grow far beyond
 * the model that holds it; past the limit, each further collection becomes an Unknown naming the limit,
 * so building the input stays bounded on hostile files.
 */
export class PolicyBudget {
  private elements: number;
  private characters: number;

  constructor(
    elements = 1_000_000,
    characters = 32_000_000,
  ) {
    this.elements = elements;
    this.characters = characters;
  }

  /** True once the budget is spent. */
  get spent(): boolean {
    return this.elements < 0 || this.characters < 0;
  }

  /** Options for `toPolicyValue` that charge each collection (and its strings) before it is converted. */
  options(special?: PolicyValueOptions['special']): PolicyValueOptions {
    return {
      special: (value: object): PolicyValue | undefined => {
        const own = special?.(value);
        if (own !== undefined) return own;
        const items: readonly unknown[] = Array.isArray(value) ? value : Object.values(value);
        this.elements -= items.length + 1;
        for (const item of items) if (typeof item === 'string') this.characters -= item.length;
        return this.spent ? policyUnknown('the unit is larger than the policy input nospof builds') : undefined;
      },
    };
  }

  /** Charges a string converted on its own (a top-level attribute). */
  charge(text: string): boolean {
    this.characters -= text.length;
    this.elements -= 1;
    return !this.spent;
  }
}
