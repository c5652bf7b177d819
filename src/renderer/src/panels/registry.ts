import type { FunctionComponent } from 'react';
import type { IDockviewPanelProps } from 'dockview';
import { SettingsPanel } from './settings/SettingsPanel';

export interface PanelDef {
  id: string;
  title: string;
  component: FunctionComponent<IDockviewPanelProps>;
}

/** Every panel the workspace can open. A panel appears here once; the Panels menu lists them all. */
export const PANELS: PanelDef[] = [{ id: 'settings', title: 'Settings', component: SettingsPanel }];

export const PANEL_COMPONENTS: Record<string, FunctionComponent<IDockviewPanelProps>> = Object.fromEntries(PANELS.map((p) => [p.id, p.component]));
