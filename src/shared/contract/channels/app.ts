import { z } from 'zod';
import { request, stream } from '../define';
import * as S from '../schemas';

/** App-wide channels: identity, settings, workspace layouts, health. */
export const appRequests = {
  'app.info': request(S.Empty, S.AppInfo, 'Version, mode (electron or serve), data folder and schema version.'),
  'settings.get': request(S.Empty, S.Settings, 'The user settings, with defaults filled in.'),
  'settings.update': request(S.SettingsPatch, S.Settings, 'Merge a partial update into the settings; returns the result.'),
  'layouts.list': request(S.Empty, z.array(S.LayoutSummary), 'Saved workspace layouts, newest first.'),
  'layouts.load': request(z.object({ name: S.LayoutSave.shape.name }).strict(), S.SavedLayout.nullable(), 'One saved layout, or null when none is saved under that name.'),
  'layouts.save': request(S.LayoutSave, S.LayoutSummary, 'Save (create or replace) a layout.'),
  'layouts.delete': request(z.object({ name: S.LayoutSave.shape.name }).strict(), z.object({ deleted: z.boolean() }), 'Delete a saved layout.'),
};

export const appStreams = {
  'app.status': stream(S.Empty, S.AppStatus, 'App health once a second: keychain, uptime, open subscriptions.'),
};
