export { createFetcher, credentialsGoTo, type FetcherDeps } from './client.js';
export type { ClosableHttpClient, HttpClient } from './types.js';
export type { Resolver } from './connector.js';
export {
  NetworkGuard,
  classifyAddress,
  parseAllowList,
  addressAllowed,
  type AddressClass,
  type AllowList,
} from './guard.js';
export { NetworkOptions } from './options.js';
export { parseRetryAfter } from './retry-after.js';
export { permanentRedirectTarget } from './redirects.js';
export type { FetchRequest, FetchResult, Redirect } from './types.js';
