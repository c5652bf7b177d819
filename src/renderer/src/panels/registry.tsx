import { lazy, Suspense, type FunctionComponent } from 'react';
import type { IDockviewPanelProps } from 'dockview';
import { ChartPanel } from './market/ChartPanel';
import { ConnectionsPanel } from './market/ConnectionsPanel';
import { TradesPanel } from './market/TradesPanel';
import { WatchlistPanel } from './market/WatchlistPanel';
import { SettingsPanel } from './settings/SettingsPanel';
import { AggregatedBookPanel } from './orderbook/AggregatedBookPanel';
import { DepthChartPanel } from './orderbook/DepthChartPanel';
import { OrderBookPanel } from './orderbook/OrderBookPanel';

/**
 * A panel that is not in the default layout, loaded the first time it opens: its code (and the
 * chart types only it draws) stays out of the bundle every start has to parse.
 */
function onDemand(load: () => Promise<FunctionComponent<IDockviewPanelProps>>, title: string): FunctionComponent<IDockviewPanelProps> {
  const Loaded = lazy(async () => ({ default: await load() }));
  const OnDemand = (props: IDockviewPanelProps) => (
    <Suspense
      fallback={
        <div className="panel" aria-busy="true">
          Loading {title}…
        </div>
      }
    >
      <Loaded {...props} />
    </Suspense>
  );
  OnDemand.displayName = `OnDemand(${title})`;
  return OnDemand;
}

const BacktestPanel = onDemand(() => import('./backtest/BacktestPanel').then((m) => m.BacktestPanel), 'Backtest');
const FeesPanel = onDemand(() => import('./fees/FeesPanel').then((m) => m.FeesPanel), 'Fees');

export interface PanelDef {
  id: string;
  title: string;
  component: FunctionComponent<IDockviewPanelProps>;
}

/** Every panel the workspace can open. A panel appears here once; the Panels menu lists them all. */
export const PANELS: PanelDef[] = [
  { id: 'chart', title: 'Chart', component: ChartPanel },
  { id: 'watchlist', title: 'Watchlist', component: WatchlistPanel },
  { id: 'trades', title: 'Trades', component: TradesPanel },
  { id: 'orderbook', title: 'Order book', component: OrderBookPanel },
  { id: 'depth', title: 'Depth chart', component: DepthChartPanel },
  { id: 'aggregated', title: 'Aggregated book', component: AggregatedBookPanel },
  { id: 'connections', title: 'Connections', component: ConnectionsPanel },
  { id: 'settings', title: 'Settings', component: SettingsPanel },
  { id: 'fees', title: 'Fees', component: FeesPanel },
  { id: 'backtest', title: 'Backtest', component: BacktestPanel },
];

export const PANEL_COMPONENTS: Record<string, FunctionComponent<IDockviewPanelProps>> = Object.fromEntries(PANELS.map((p) => [p.id, p.component]));
