/** Input the metrics cannot be computed from (bad equity point, mismatched benchmark, bad trade). */
export class MetricsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricsInputError';
  }
}
