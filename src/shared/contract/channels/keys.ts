import { z } from 'zod';
import { request } from '../define';
import * as S from '../schemas';

/** Exchange catalog and API keys. Credentials only ever travel inward, in `keys.add`. */
export const keyRequests = {
  'exchanges.catalog': request(S.Empty, z.array(S.ExchangeCatalogEntry), "ccxt's exchanges with the credentials each needs."),
  'keys.list': request(S.Empty, z.array(S.ApiKeyInfo), 'Stored API keys: metadata only, never the secret.'),
  'keys.add': request(S.ApiKeyAdd, S.ApiKeyInfo, 'Store an API key: the credentials go to the OS keychain, metadata to the database.'),
  'keys.delete': request(S.ApiKeyRef, z.object({ deleted: z.boolean() }), 'Delete an API key from the keychain and the database.'),
};

export const keyStreams = {};
