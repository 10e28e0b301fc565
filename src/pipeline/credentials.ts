import { credentialHeaders } from '../config/auth.js';
import type { Source } from '../config/schema.js';
import { credentialsGoTo } from '../fetch/index.js';

/**
 * The credentials a request for `url` carries for `source`: its own, only on the feed's own host (same host
 * and port, never from https down to http), as for the feed and its pages. None for another host.
 */
export function sourceCredentialsFor(source: Pick<Source, 'id' | 'feed' | 'auth'>, url: string) {
  if (!source.auth || !credentialsGoTo(new URL(source.feed), new URL(url))) return undefined;
  return credentialHeaders(source);
}
