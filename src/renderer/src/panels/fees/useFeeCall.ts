import { useEffect, useState } from 'react';
import type { RequestChannel, RequestInput, RequestOutput } from '../../../../shared/contract';
import { useClient } from '../../api/context';

export interface CallState<T> {
  value: T | null;
  error: string | null;
  busy: boolean;
}

/**
 * Runs a contract call whenever its input changes, after a short pause so typing an amount does
 * not fire a request per keystroke; a stale answer never overwrites a newer one. `input: null`
 * means "not ready" (a required field is empty).
 */
export function useFeeCall<C extends RequestChannel>(channel: C, input: RequestInput<C> | null, delayMs = 200): CallState<RequestOutput<C>> {
  const client = useClient();
  const [state, setState] = useState<CallState<RequestOutput<C>>>({ value: null, error: null, busy: false });
  const key = input === null ? null : JSON.stringify(input);
  useEffect(() => {
    if (key === null) {
      setState({ value: null, error: null, busy: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    const timer = setTimeout(() => {
      client
        .call(channel, JSON.parse(key) as RequestInput<C>)
        .then((value) => live && setState({ value, error: null, busy: false }))
        .catch((err: unknown) => live && setState({ value: null, error: err instanceof Error ? err.message : String(err), busy: false }));
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, channel, key, delayMs]);
  return state;
}
