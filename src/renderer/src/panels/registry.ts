import type { FunctionComponent } from 'react';
import type { IDockviewPanelProps } from 'dockview';
import { BacktestPanel } from './backtest/BacktestPanel';
import { FeesPanel } from './fees/FeesPanel';
import { ChartPanel } from './market/ChartPanel';
import { ConnectionsPanel } from './market/ConnectionsPanel';
import { TradesPanel } from './market/TradesPanel';
import { WatchlistPanel } from './market/WatchlistPanel';
import { SettingsPanel } from './settings/SettingsPanel';
import { AggregatedBookPanel } from './orderbook/AggregatedBookPanel';
import { DepthChartPanel } from './orderbook/DepthChartPanel';
import { OrderBookPanel } from './orderbook/OrderBookPanel';

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
