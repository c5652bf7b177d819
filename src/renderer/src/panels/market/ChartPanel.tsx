import { useEffect, useMemo, useRef, useState } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, CandlestickChart } from 'echarts/charts';
import { AxisPointerComponent, DataZoomComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { OhlcvRow } from '../../../../shared/contract/channels/market';
import type { Timeframe } from '../../../../shared/domain/market';
import { useClient } from '../../api/context';
import { chartOption, mergeRows } from './chart-option';
import { ConnectionLabel } from './DemoBadge';
import { fmtPrice } from './format';
import { refKey, useConnections, useSelection } from './selection';

echarts.use([CandlestickChart, BarChart, GridComponent, TooltipComponent, AxisPointerComponent, DataZoomComponent, CanvasRenderer]);

const TIMEFRAMES: Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1d'];
const MAX_BARS = 500;

/** Candles with volume for the selected symbol: timeframe switch, cross-hair, zoom and pan, live bars. */
export function ChartPanel() {
  const client = useClient();
  useConnections();
  const { connection, symbol } = useSelection();
  // 1h opens on real recorded history; shorter timeframes on the demo only exist since the venue started.
  const [timeframe, setTimeframe] = useState<Timeframe>('1h');
  const [rows, setRows] = useState<OhlcvRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const key = refKey(connection);

  useEffect(() => {
    setRows([]);
    setError(null);
    if (!connection || !symbol) return;
    let cancelled = false;
    let pending: OhlcvRow[] = [];
    let loaded = false;
    client.call('market.candles', { connection, symbol, timeframe, limit: 300 }).then(
      (r) => {
        if (cancelled) return;
        loaded = true;
        // live bars that arrived while the history loaded are folded in, not lost
        setRows(mergeRows(r, pending, MAX_BARS));
      },
      (err: unknown) => !cancelled && setError(err instanceof Error ? err.message : String(err)),
    );
    const stop = client.subscribe(
      'market.candles.live',
      { connection, symbol, timeframe },
      (live) => {
        if (!loaded) pending = mergeRows(pending, live, MAX_BARS);
        else setRows((prev) => mergeRows(prev, live, MAX_BARS));
      },
      (end) => !cancelled && end.error && setError(end.error.message),
    );
    return () => {
      cancelled = true;
      stop();
    };
    // the connection is identified by its key: a new object with the same key is the same connection
  }, [client, key, symbol, timeframe]);

  // The zoom window is reset once per loaded history (new symbol or timeframe), then left to the user.
  const zoomedFor = useRef('');
  const view = `${key}|${symbol}|${timeframe}`;
  const option = useMemo(() => {
    const reset = rows.length > 0 && zoomedFor.current !== view;
    if (reset) zoomedFor.current = view;
    return chartOption(rows, symbol ?? '', reset);
  }, [rows, symbol, view]);
  const last = rows[rows.length - 1];

  return (
    <div className="panel chart-panel" data-testid="chart-panel">
      <div className="panel-head">
        <ConnectionLabel connection={connection} />
        <strong>{symbol ?? ''}</strong>
        <span className="tf-switch" role="group" aria-label="Timeframe">
          {TIMEFRAMES.map((tf) => (
            <button key={tf} type="button" className={tf === timeframe ? 'active' : ''} aria-pressed={tf === timeframe} onClick={() => setTimeframe(tf)}>
              {tf}
            </button>
          ))}
        </span>
        <span className="spacer" />
        {last && (
          <span className="ohlc" data-testid="chart-last">
            O {fmtPrice(last[1])} H {fmtPrice(last[2])} L {fmtPrice(last[3])} C <span data-testid="chart-close">{fmtPrice(last[4])}</span>
          </span>
        )}
        <span className="hint" data-testid="chart-bars" data-last-time={last ? last[0] : ''}>
          {rows.length} bars
        </span>
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <div className="chart-host">
        <ReactEChartsCore echarts={echarts} option={option} notMerge={false} lazyUpdate style={{ height: '100%', width: '100%' }} />
      </div>
    </div>
  );
}
