import { z } from 'zod';

/** DTOs that cross the contract. Only JSON-safe (and so structured-clone-safe) shapes. */

export const Empty = z.object({}).strict();

export const AppInfo = z.object({
  name: z.literal('Marketdesk'),
  version: z.string(),
  mode: z.enum(['electron', 'serve']),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
});

export const Theme = z.enum(['dark', 'light']);
export const Settings = z.object({
  theme: Theme,
  /** Which saved layout the workspace opens with. */
  activeLayout: z.string().min(1).max(64),
  /** Order confirmations before sending; true by default. */
  confirmOrders: z.boolean(),
});
export const SettingsPatch = Settings.partial().strict();

const LayoutName = z
  .string()
  .min(1, 'a layout name is required')
  .max(64, 'a layout name has at most 64 characters')
  .regex(/^[\w .-]+$/, 'a layout name may use letters, digits, space, dot, dash and underscore');

export const LayoutSummary = z.object({
  name: LayoutName,
  version: z.number().int(),
  updatedAt: z.number().int(),
});
export const SavedLayout = z.object({
  name: LayoutName,
  /** The renderer's layout format version; an older one is "outdated" and falls back to the default. */
  version: z.number().int().positive(),
  /** The dockview layout as serialized by the renderer; main stores it opaquely (bounded in size). */
  data: z.unknown(),
  updatedAt: z.number().int(),
});
export const LayoutSave = z.object({
  name: LayoutName,
  version: z.number().int().positive(),
  data: z.unknown(),
});

export const ExchangeId = z
  .string()
  .min(1, 'choose an exchange')
  .max(40)
  .regex(/^[a-z0-9]+$/, 'an exchange id is lower-case letters and digits, as ccxt names it');

export const ExchangeCatalogEntry = z.object({
  id: z.string(),
  name: z.string(),
  /** Which credentials the exchange needs besides apiKey and secret. */
  requiresPassword: z.boolean(),
  requiresUid: z.boolean(),
});

const KeyLabel = z
  .string()
  .min(1, 'a label is required')
  .max(40, 'a label has at most 40 characters')
  .regex(/^[\w .-]+$/, 'a label may use letters, digits, space, dot, dash and underscore');

/** What the renderer may know about a stored API key: never the key or secret themselves. */
export const ApiKeyInfo = z.object({
  exchangeId: z.string(),
  label: z.string(),
  hasSecret: z.boolean(),
  createdAt: z.number().int(),
});

export const ApiKeyAdd = z
  .object({
    exchangeId: ExchangeId,
    label: KeyLabel,
    apiKey: z.string().trim().min(1, 'the API key is required').max(512),
    secret: z.string().trim().min(1, 'the secret is required').max(4096),
    password: z.string().max(512).optional(),
    uid: z.string().max(256).optional(),
  })
  .strict();

export const ApiKeyRef = z.object({ exchangeId: ExchangeId, label: KeyLabel }).strict();

export const AppStatus = z.object({
  time: z.number().int(),
  uptimeMs: z.number().int(),
  keychain: z.object({ available: z.boolean(), message: z.string().optional() }),
  activeSubscriptions: z.number().int(),
});

export type AppInfo = z.infer<typeof AppInfo>;
export type Settings = z.infer<typeof Settings>;
export type SettingsPatch = z.infer<typeof SettingsPatch>;
export type LayoutSummary = z.infer<typeof LayoutSummary>;
export type SavedLayout = z.infer<typeof SavedLayout>;
export type LayoutSave = z.infer<typeof LayoutSave>;
export type ExchangeCatalogEntry = z.infer<typeof ExchangeCatalogEntry>;
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>;
export type ApiKeyAdd = z.infer<typeof ApiKeyAdd>;
export type ApiKeyRef = z.infer<typeof ApiKeyRef>;
export type AppStatus = z.infer<typeof AppStatus>;
