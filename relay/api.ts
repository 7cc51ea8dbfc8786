/**
 * The relay's HTTP API, under /relay/ (within the relay's base path: /hs-diary/relay/ under /hs-diary/):
 *   GET    /relay/vapid-public-key          {"publicKey": "..."}: what the page subscribes with
 *   PUT    /relay/reminders/{id}            create or replace: {"subscription": {...}, "schedule": {...}}
 *   DELETE /relay/reminders/{id}
 * A reminder's id and its capability secret (`Authorization: Bearer …`) are both made on the device; the
 * relay keeps only the secret's SHA-256, and only that secret changes or deletes the reminder. Every body
 * is read with a size limit and parsed with zod; each address has a rate limit; a browser page may call
 * from the relay's own origin or from the configured app origins, no other.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { relayScheduleSchema } from '../src/lib/domain/relay-schedule';
import { firstDueMs } from './policy';
import type { RateLimiter } from './rate-limit';
import type { RelayStore } from './store/types';

// zod/mini ships without messages ("Invalid input"); the relay's callers get English ones that name the field.
z.config(en());

export const MAX_BODY_BYTES = 4096;
const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
/** At least 32 random bytes in base64url. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43,128}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

export interface ApiOptions {
  store: RelayStore;
  vapidPublicKey: string;
  rateLimiter: RateLimiter;
  /** Origins besides the relay's own whose pages may call the API (the app hosted elsewhere). */
  appOrigins: readonly string[];
  /** Whether a push subscription's endpoint may be used (https on a known push service, by default). */
  isPushEndpoint: (url: URL) => boolean;
  clock: () => number;
  /** Read the client's address from X-Forwarded-For (behind a reverse proxy that sets it). */
  trustProxy: boolean;
}

export function requestBodySchema(isPushEndpoint: (url: URL) => boolean) {
  return z.strictObject({
    subscription: z.object({
      endpoint: z.string().check(
        z.maxLength(1024),
        z.refine((value) => {
          try {
            return isPushEndpoint(new URL(value));
          } catch {
            return false;
          }
        }, 'a push service endpoint this relay sends to'),
      ),
      keys: z.object({
        p256dh: z.string().check(z.minLength(80), z.maxLength(100), z.regex(BASE64URL)),
        auth: z.string().check(z.minLength(16), z.maxLength(32), z.regex(BASE64URL)),
      }),
    }),
    schedule: relayScheduleSchema,
  });
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

function ownerCheck(secret: string): (storedHash: string) => boolean {
  const given = Buffer.from(hashSecret(secret));
  return (storedHash) => {
    const stored = Buffer.from(storedHash);
    return stored.length === given.length && timingSafeEqual(stored, given);
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  response.statusCode = status;
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (body === undefined) {
    response.end();
    return;
  }
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? ''))
    throw new HttpError(415, 'the body must be application/json');
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES)
    throw new HttpError(413, `the body must be at most ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `the body must be at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
}

function bearerSecret(request: IncomingMessage): string {
  const match = /^Bearer ([^\s]+)$/.exec(request.headers.authorization ?? '');
  if (!match?.[1] || !SECRET_PATTERN.test(match[1]))
    throw new HttpError(401, 'Authorization: Bearer <secret> with at least 32 random bytes in base64url');
  return match[1];
}

/**
 * The address to rate-limit. Behind a proxy it is the last X-Forwarded-For entry, the one the proxy
 * appended: the entries before it are whatever the client sent, so counting the first would let a client
 * pick a fresh address for every request.
 */
function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') return forwarded.split(',').at(-1)?.trim() ?? '';
  return request.socket.remoteAddress ?? '';
}

/**
 * Whether a page at `origin` may call: its own origin (the relay serving the app, or the Host a proxy
 * passed on) or one of the app's. Requests without an Origin are not from a page's script and pass.
 */
function isAllowedOrigin(request: IncomingMessage, appOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (appOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Answer a request under /relay/; `path` is the request's path within the relay's base path. */
export async function handleApi(
  request: IncomingMessage,
  response: ServerResponse,
  options: ApiOptions,
  path: string = new URL(request.url ?? '/', 'http://relay').pathname,
): Promise<void> {
  try {
    if (!isAllowedOrigin(request, options.appOrigins)) throw new HttpError(403, 'this origin may not use the relay');
    const origin = request.headers.origin;
    if (origin !== undefined) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Vary', 'Origin');
    }
    if (request.method === 'OPTIONS') {
      response.setHeader('Access-Control-Allow-Methods', 'GET, PUT, DELETE');
      response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      response.setHeader('Access-Control-Max-Age', '600');
      return send(response, 204);
    }
    if (!options.rateLimiter.allow(clientAddress(request, options.trustProxy)))
      throw new HttpError(429, 'too many requests; try again in a minute');
    if (path === '/relay/vapid-public-key' && request.method === 'GET')
      return send(response, 200, { publicKey: options.vapidPublicKey });
    const reminder = /^\/relay\/reminders\/([^/]+)$/.exec(path);
    if (!reminder?.[1]) throw new HttpError(404, 'no such relay resource');
    const id = reminder[1];
    if (!ID_PATTERN.test(id)) throw new HttpError(400, 'a reminder id is 16 to 64 characters of base64url');
    if (request.method === 'PUT') return await putReminder(id, request, response, options);
    if (request.method === 'DELETE') {
      const result = await options.store.deleteReminder(id, ownerCheck(bearerSecret(request)));
      if (result === 'forbidden') throw new HttpError(403, 'this secret does not own the reminder');
      if (result === 'missing') throw new HttpError(404, 'no such reminder');
      return send(response, 204);
    }
    response.setHeader('Allow', 'PUT, DELETE');
    throw new HttpError(405, 'use PUT or DELETE');
  } catch (error) {
    if (error instanceof HttpError) return send(response, error.status, { error: error.message });
    send(response, 500, { error: 'the relay failed; try again later' });
    throw error;
  }
}

async function putReminder(
  id: string,
  request: IncomingMessage,
  response: ServerResponse,
  options: ApiOptions,
): Promise<void> {
  const secret = bearerSecret(request);
  const parsed = requestBodySchema(options.isPushEndpoint).safeParse(await readJson(request));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new HttpError(400, `invalid reminder: ${issues.join('; ')}`);
  }
  const { subscription, schedule } = parsed.data;
  const nowMs = options.clock();
  let nextDueMs: number | null = null;
  const result = await options.store.putReminder(
    {
      id,
      secretHash: hashSecret(secret),
      subscription: { endpoint: subscription.endpoint, ...subscription.keys },
      schedule,
    },
    ownerCheck(secret),
    (sentThroughMs) => (nextDueMs = firstDueMs(schedule, sentThroughMs, nowMs)),
  );
  if (result === 'forbidden') throw new HttpError(403, 'this secret does not own the reminder');
  send(response, result === 'created' ? 201 : 200, { id, nextDueMs });
}
