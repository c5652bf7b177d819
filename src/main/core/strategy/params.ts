/**
 * Parameter schemas shared by indicators, strategies and (later) the optimizer and the UI form
 * builder: one description drives validation, defaults, sliders and search ranges.
 */

export interface ParamSpec {
  name: string;
  description: string;
  default: number;
  min: number;
  max: number;
  /** Whole numbers only (periods, counts). */
  integer: boolean;
  /** Suggested increment for sliders and grid searches. */
  step: number;
}

export type ParamValues = Record<string, number>;

/**
 * Fills defaults and checks every value against its spec. Unknown names are errors, because a
 * typo ("rsiPeriode") silently falling back to the default would make a run lie about its inputs.
 */
export function resolveParams(owner: string, specs: readonly ParamSpec[], given: Readonly<Record<string, unknown>> = {}): ParamValues {
  const known = new Set(specs.map((s) => s.name));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      throw new Error(`${owner}: unknown parameter "${key}" (valid: ${specs.map((s) => s.name).join(', ') || 'none'})`);
    }
  }
  const out: ParamValues = {};
  for (const spec of specs) {
    const raw = given[spec.name];
    const value = raw === undefined ? spec.default : raw;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`${owner}: parameter "${spec.name}" must be a finite number, got ${JSON.stringify(raw)}`);
    }
    if (spec.integer && !Number.isInteger(value)) throw new Error(`${owner}: parameter "${spec.name}" must be a whole number, got ${value}`);
    if (value < spec.min || value > spec.max) {
      throw new Error(`${owner}: parameter "${spec.name}" = ${value} is outside [${spec.min}, ${spec.max}]`);
    }
    out[spec.name] = value;
  }
  return out;
}

export function param(name: string, description: string, def: number, min: number, max: number, integer = true, step = integer ? 1 : 0.1): ParamSpec {
  return { name, description, default: def, min, max, integer, step };
}
