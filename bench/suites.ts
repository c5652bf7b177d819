/** The benchmark suites; each module exports `{ name, run }` and is listed here once. */
export interface BenchSuite {
  name: string;
  run: () => Promise<void> | void;
}

export const suites: BenchSuite[] = [];
