import type { ScheduleRef } from '../../../../shared/contract/fee-schemas';

function dateOf(s: ScheduleRef): string {
  if (s.effectiveDate) return `from ${s.effectiveDate.slice(0, 10)}`;
  if (s.observedAt) return `observed ${s.observedAt.slice(0, 10)}`;
  return 'undated';
}

/** Which schedule priced a result, and how far to trust it: date, source, verified flag, origin. */
export function ScheduleBadge({ schedule, testId }: { schedule: ScheduleRef; testId?: string }) {
  const isUrl = /^https?:\/\//.test(schedule.source);
  return (
    <div className="fee-schedule" data-testid={testId} title={schedule.selection}>
      <span className="fee-schedule-id">{schedule.id}</span>
      <span>{dateOf(schedule)}</span>
      <span className={schedule.verified ? 'fee-verified' : 'fee-unverified'}>{schedule.verified ? 'verified' : 'not verified'}</span>
      <span className={`fee-origin fee-origin-${schedule.origin}`}>{schedule.origin === 'exchange' ? 'exchange-reported' : schedule.origin}</span>
      <span className="fee-source">
        source:{' '}
        {isUrl ? (
          <a href={schedule.source} target="_blank" rel="noreferrer noopener">
            {schedule.source}
          </a>
        ) : (
          schedule.source
        )}{' '}
        ({schedule.sourceKind})
      </span>
    </div>
  );
}

/** A result's error, as main worded it (it names the field and the valid choices). */
export function FeeError({ message, testId }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <div className="error fee-error" role="alert" data-testid={testId}>
      {message}
    </div>
  );
}
