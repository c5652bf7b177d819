/** A row of toggle buttons choosing one of a few values (side, order type, direction). */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  activeClass = () => 'active',
  testId,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  /** Class of the chosen button (e.g. `active buy`, so buys and sells read in their colours). */
  activeClass?: (option: T) => string;
  testId?: (option: T) => string;
}) {
  return (
    <div className="fee-seg" role="group" aria-label={label}>
      {options.map((o) => (
        <button key={o} type="button" className={value === o ? activeClass(o) : ''} onClick={() => onChange(o)} aria-pressed={value === o} data-testid={testId?.(o)}>
          {o}
        </button>
      ))}
    </div>
  );
}

/** Long reads as a buy, short as a sell. */
export const directionClass = (d: 'long' | 'short'): string => `active ${d === 'long' ? 'buy' : 'sell'}`;
