export type { Strategy, StrategySetup, BarContext, EntryIntent, Sizing, PriceField, StrategyDefinition } from './types';
export { BUILTIN_STRATEGIES, findStrategy, createStrategy } from './builtins';
export { resolveParams, param, type ParamSpec, type ParamValues } from './params';
