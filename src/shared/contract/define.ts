import type { z } from 'zod';

export interface RequestDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  description: string;
}
export interface StreamDef<P extends z.ZodType = z.ZodType, E extends z.ZodType = z.ZodType> {
  params: P;
  event: E;
  description: string;
}

export const request = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, description: string): RequestDef<I, O> => ({ input, output, description });
export const stream = <P extends z.ZodType, E extends z.ZodType>(params: P, event: E, description: string): StreamDef<P, E> => ({ params, event, description });
