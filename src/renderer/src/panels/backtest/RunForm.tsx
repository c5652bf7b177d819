import { useEffect, useMemo, useState } from 'react';
import type { BacktestRunInput, DatasetInfo, StrategyInfo } from '../../../../shared/contract/backtest-schemas';
import type { FeeExchanges } from '../../../../shared/contract/fee-schemas';
import { useClient } from '../../api/context';
import { download, fmtTime } from './format';

export const datasetKey = (d: { exchange: string; symbol: string; timeframe: string }) => `${d.exchange}|${d.symbol}|${d.timeframe}`;

interface Props {
  datasets: DatasetInfo[];
  strategies: StrategyInfo[];
  running: boolean;
  onRun: (input: BacktestRunInput) => void;
  onImport: () => void;
  onDownload: () => void;
}

/** Dataset, strategy and its parameters (from the schema), fees, slippage and capital. */
export function RunForm({ datasets, strategies, running, onRun, onImport, onDownload }: Props) {
  const client = useClient();
  const [dataset, setDataset] = useState('');
  const [strategy, setStrategy] = useState('rsi-reversal');
  const [params, setParams] = useState<Record<string, number>>({});
  const [feeMode, setFeeMode] = useState<'flat' | 'schedule'>('flat');
  const [feePct, setFeePct] = useState(0.1);
  const [feeExchanges, setFeeExchanges] = useState<FeeExchanges['exchanges']>([]);
  const [feeExchange, setFeeExchange] = useState('binance');
  const [feeMarket, setFeeMarket] = useState<'spot' | 'futures'>('spot');
  const [feeTier, setFeeTier] = useState('');
  const [slippageBps, setSlippageBps] = useState(0);
  const [capital, setCapital] = useState(10_000);

  useEffect(() => {
    if (!dataset && datasets.length > 0) setDataset(datasetKey(datasets[0]!));
  }, [datasets, dataset]);
  const def = strategies.find((s) => s.name === strategy);
  useEffect(() => {
    if (def) setParams(Object.fromEntries(def.params.map((p) => [p.name, p.default])));
  }, [def]);
  useEffect(() => {
    client
      .call('fees.exchanges', {})
      .then((r) => setFeeExchanges(r.exchanges))
      .catch(() => setFeeExchanges([]));
  }, [client]);

  const tiers = useMemo(() => feeExchanges.find((e) => e.id === feeExchange)?.markets.find((m) => m.market === feeMarket)?.ladder?.tiers.map((t) => t.name) ?? [], [feeExchanges, feeExchange, feeMarket]);
  const selected = datasets.find((d) => datasetKey(d) === dataset);

  const [exportError, setExportError] = useState<string | null>(null);
  const exportDataset = async () => {
    if (!selected) return;
    setExportError(null);
    try {
      const r = await client.call('datasets.export', { exchange: selected.exchange, symbol: selected.symbol, timeframe: selected.timeframe });
      download(r.fileName, r.csv, 'text/csv');
    } catch (err) {
      setExportError(err instanceof Error ? err.message : String(err));
    }
  };

  const submit = () => {
    if (!selected) return;
    onRun({
      dataset: { exchange: selected.exchange, symbol: selected.symbol, timeframe: selected.timeframe },
      strategy,
      params,
      capital,
      slippageBps,
      fees: feeMode === 'flat' ? { kind: 'flat', rate: feePct / 100 } : { kind: 'schedule', exchange: feeExchange, marketType: feeMarket, tier: feeTier || undefined },
    });
  };

  return (
    <form
      className="bt-form"
      // Main validates every field against the contract and the parameter schema and says what is wrong;
      // the browser's step checks would only block valid values such as a capital of 10,050.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset>
        <legend>Data</legend>
        <label>
          Dataset
          <select value={dataset} onChange={(e) => setDataset(e.target.value)} data-testid="bt-dataset">
            {datasets.map((d) => (
              <option key={datasetKey(d)} value={datasetKey(d)}>
                {d.exchange} {d.symbol} {d.timeframe} · {d.origin} · {d.bars.toLocaleString('en-US')} bars
              </option>
            ))}
          </select>
        </label>
        <div className="bt-row">
          <button type="button" onClick={onImport}>
            Import CSV…
          </button>
          <button type="button" onClick={onDownload} data-testid="bt-download-open">
            Download…
          </button>
          <button type="button" disabled={!selected} onClick={() => void exportDataset()} data-testid="bt-export-dataset">
            Export CSV
          </button>
        </div>
        {exportError && <div className="error">{exportError}</div>}
        {selected && (
          <details className="bt-provenance" data-testid="bt-provenance">
            <summary>
              {selected.firstTime !== null && selected.lastTime !== null ? `${fmtTime(selected.firstTime)} → ${fmtTime(selected.lastTime)}` : 'empty'} ·{' '}
              {selected.gaps.gapCount === 0 ? 'no gaps' : `${selected.gaps.missingBars} missing bars in ${selected.gaps.gapCount} gaps (reported, not filled)`} · source {selected.source}
            </summary>
            <pre>{selected.provenance}</pre>
          </details>
        )}
      </fieldset>
      <fieldset>
        <legend>Strategy</legend>
        <label>
          Strategy
          <select value={strategy} onChange={(e) => setStrategy(e.target.value)} data-testid="bt-strategy">
            {strategies.map((s) => (
              <option key={s.name} value={s.name} title={s.description}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        {def?.params.map((p) => (
          <label key={p.name} title={p.description}>
            {p.name}
            <input
              type="number"
              min={p.min}
              max={p.max}
              step={p.step}
              value={params[p.name] ?? p.default}
              onChange={(e) => setParams({ ...params, [p.name]: Number(e.target.value) })}
              data-testid={`bt-param-${p.name}`}
            />
          </label>
        ))}
        {def && <p className="hint">{def.description}</p>}
      </fieldset>
      <fieldset>
        <legend>Costs and capital</legend>
        <label>
          Fees
          <select value={feeMode} onChange={(e) => setFeeMode(e.target.value as 'flat' | 'schedule')} data-testid="bt-fee-mode">
            <option value="flat">flat rate</option>
            <option value="schedule">exchange schedule</option>
          </select>
        </label>
        {feeMode === 'flat' ? (
          <label>
            Fee %
            <input type="number" min={0} max={10} step={0.01} value={feePct} onChange={(e) => setFeePct(Number(e.target.value))} data-testid="bt-fee-rate" />
          </label>
        ) : (
          <>
            <label>
              Exchange
              <select value={feeExchange} onChange={(e) => setFeeExchange(e.target.value)}>
                {feeExchanges.map((x) => (
                  <option key={x.id}>{x.id}</option>
                ))}
              </select>
            </label>
            <label>
              Market
              <select value={feeMarket} onChange={(e) => setFeeMarket(e.target.value as 'spot' | 'futures')}>
                <option>spot</option>
                <option>futures</option>
              </select>
            </label>
            <label>
              Tier
              <select value={feeTier} onChange={(e) => setFeeTier(e.target.value)}>
                <option value="">entry tier</option>
                {tiers.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
          </>
        )}
        <label>
          Slippage (bps)
          <input type="number" min={0} step={1} value={slippageBps} onChange={(e) => setSlippageBps(Number(e.target.value))} data-testid="bt-slippage" />
        </label>
        <label>
          Capital
          <input type="number" min={1} step={100} value={capital} onChange={(e) => setCapital(Number(e.target.value))} data-testid="bt-capital" />
        </label>
      </fieldset>
      <button type="submit" className="primary" disabled={running || !selected} data-testid="bt-run">
        Run backtest
      </button>
    </form>
  );
}
