/**
 * Per-source credentials (sources.yaml `auth:`). The config names the environment variable that holds the
 * secret, never the secret: the Source object, its config, status and jobs carry only that name. The secret
 * is read when a request is made, and goes only to the source's own host (src/fetch: `credentials`).
 */
import { z } from 'zod';
import { WireError } from '../errors.js';
import { readNamedEnv } from './env.js';

const EnvVarName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'must be the name of an environment variable (letters, digits, _), not the secret itself',
  );
const HeaderName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name');

/** `auth: { header: x-api-key, fromEnv: AP_API_KEY }`: the secret as the value of one request header. */
const HeaderAuth = z.strictObject({ header: HeaderName, fromEnv: EnvVarName });
/** `auth: { scheme: bearer, fromEnv: REUTERS_TOKEN }`: `Authorization: Bearer <secret>`. */
const BearerAuth = z.strictObject({ scheme: z.literal('bearer'), fromEnv: EnvVarName });
/** `auth: { scheme: basic, user: media-wire, fromEnv: DPA_PASSWORD }`: `Authorization: Basic` with the password from the variable. */
const BasicAuth = z.strictObject({
  scheme: z.literal('basic'),
  user: z
    .string()
    .min(1)
    .refine((u) => !u.includes(':'), 'must not contain ":"'),
  fromEnv: EnvVarName,
});

export const SourceAuth = z.union([HeaderAuth, BearerAuth, BasicAuth]);
export type SourceAuth = z.infer<typeof SourceAuth>;

/** The problem with a source's credentials in this environment (its variable unset or empty), or null. */
export function authProblem(sourceId: string, auth: SourceAuth, env: NodeJS.ProcessEnv = process.env): string | null {
  if (readNamedEnv(auth.fromEnv, env) !== undefined) return null;
  return `source "${sourceId}" takes its credentials from the environment variable ${auth.fromEnv}, which is unset or empty; this source is skipped`;
}

/**
 * The request headers that carry a source's credentials, read from the environment now. Throws a config
 * WireError naming the source and the variable (never a value) when the variable is unset or empty.
 */
export function credentialHeaders(
  source: { id: string; auth?: SourceAuth },
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const auth = source.auth;
  if (!auth) return {};
  const secret = readNamedEnv(auth.fromEnv, env);
  if (secret === undefined) throw new WireError('config', authProblem(source.id, auth, env)!);
  if ('header' in auth) return { [auth.header.toLowerCase()]: secret };
  if (auth.scheme === 'bearer') return { authorization: `Bearer ${secret}` };
  return { authorization: `Basic ${Buffer.from(`${auth.user}:${secret}`, 'utf8').toString('base64')}` };
}

/** How the credentials are sent, for status and `sources check`: the scheme and the variable's name, never the secret. */
export function describeAuth(auth: SourceAuth): string {
  if ('header' in auth) return `header ${auth.header} from $${auth.fromEnv}`;
  return auth.scheme === 'bearer'
    ? `bearer token from $${auth.fromEnv}`
    : `basic auth (user ${auth.user}) password from $${auth.fromEnv}`;
}
