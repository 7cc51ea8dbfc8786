/**
 * A push service on 127.0.0.1 that checks what a real one checks and reads what only the browser could:
 * each subscription's key pair is made here (ECDH P-256, as a browser makes it), so a push is accepted only
 * when its VAPID JWT is signed (ES256) by the relay's public key for this service's origin and lasts at most
 * 24 hours (RFC 8292), and its aes128gcm body decrypts with the subscription's private key (RFC 8291).
 * Nothing here comes from web-push: the relay's path is checked by independent code.
 *
 * `answer` scripts faults (410 for a gone subscription, 5xx, 429 with Retry-After) per request.
 */
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  verify,
  type ECDH,
  type KeyObject,
} from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const DAY_S = 24 * 60 * 60;

/** What the page would send the relay: `PushSubscription.toJSON()`. */
export interface SubscriptionJson {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export interface Delivery {
  subscription: string;
  /** The decrypted payload, parsed. */
  payload: unknown;
  ttlS: number;
  urgency: string | undefined;
  topic: string | undefined;
  claims: { aud: string; exp: number; sub: string };
  /** The VAPID JWT as sent. */
  token: string;
  atMs: number;
}

/** A scripted answer instead of 201, for one request. */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
}

interface Subscriber {
  ecdh: ECDH;
  publicKey: Buffer;
  auth: Buffer;
}

const b64url = (buffer: Buffer) => buffer.toString('base64url');
const fromB64url = (text: string) => Buffer.from(text, 'base64url');

/** An uncompressed P-256 point (65 bytes, as VAPID and p256dh carry it) as a public key. */
function p256Key(point: Buffer): KeyObject {
  if (point.length !== 65 || point[0] !== 4) throw new Error('not an uncompressed P-256 point');
  return createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) },
    format: 'jwk',
  });
}

/** Check a VAPID `Authorization: vapid t=…, k=…` header and return its claims, or throw why not. */
export function verifyVapid(
  header: string | undefined,
  expectedKey: string,
  origin: string,
  nowS: number,
): Delivery['claims'] {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
  if (!match?.[1] || !match[2]) throw new Error(`not a VAPID Authorization header: ${header}`);
  if (match[2] !== expectedKey) throw new Error('the k= key is not the relay’s');
  const [head = '', body = '', signature = ''] = match[1].split('.');
  const header_ = JSON.parse(fromB64url(head).toString('utf8')) as { alg?: string; typ?: string };
  if (header_.alg !== 'ES256') throw new Error(`JWT alg ${header_.alg}, not ES256`);
  const isSigned = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    { key: p256Key(fromB64url(expectedKey)), dsaEncoding: 'ieee-p1363' },
    fromB64url(signature),
  );
  if (!isSigned) throw new Error('the JWT signature does not verify with the relay’s public key');
  const claims = JSON.parse(fromB64url(body).toString('utf8')) as Delivery['claims'];
  if (claims.aud !== origin) throw new Error(`JWT aud ${claims.aud}, not ${origin}`);
  if (!(claims.exp > nowS)) throw new Error('the JWT has expired');
  if (claims.exp > nowS + DAY_S) throw new Error('the JWT lasts more than 24 hours');
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error(`JWT sub ${claims.sub} is no contact`);
  return claims;
}

/** Decrypt an aes128gcm Web Push body (RFC 8291, one record) with the subscription's keys. */
export function decryptPush(body: Buffer, subscriber: Subscriber): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const shared = subscriber.ecdh.computeSecret(serverKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), subscriber.publicKey, serverKey]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, subscriber.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with 0x02 and then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export class FakePushService {
  readonly deliveries: Delivery[] = [];
  /** Pushes refused because a check failed: a correct relay leaves this empty. */
  readonly refusals: string[] = [];
  /** Every request, accepted or not, in order. */
  readonly requests: { subscription: string; status: number }[] = [];
  /** Answer a request with this instead of accepting it (return undefined to accept). */
  answer: (subscription: string) => ScriptedAnswer | undefined = () => undefined;
  /** The VAPID key pushes must be signed with; set once the relay has made its keys. */
  vapidPublicKey = '';
  /** Check and decrypt only every Nth push (the bench; 1 = all). */
  verifyEvery = 1;
  /** Wall clock for the JWT's expiry (web-push signs with the real clock, not the relay's). */
  nowMs: () => number = Date.now;

  readonly #server: Server;
  readonly #subscribers = new Map<string, Subscriber>();
  #count = 0;
  url = '';

  private constructor() {
    this.#server = createServer((request, response) => void this.#handle(request, response));
  }

  static async start(): Promise<FakePushService> {
    const service = new FakePushService();
    await new Promise<void>((resolve) => service.#server.listen(0, '127.0.0.1', resolve));
    service.url = `http://127.0.0.1:${(service.#server.address() as AddressInfo).port}`;
    return service;
  }

  /** A new subscription, as a browser's `pushManager.subscribe()` would make for the page. */
  subscribe(name: string = b64url(randomBytes(9))): SubscriptionJson {
    const ecdh = createECDH('prime256v1');
    const publicKey = ecdh.generateKeys();
    const auth = randomBytes(16);
    this.#subscribers.set(name, { ecdh, publicKey, auth });
    return {
      endpoint: `${this.url}/push/${name}`,
      expirationTime: null,
      keys: { p256dh: b64url(publicKey), auth: b64url(auth) },
    };
  }

  /** The subscription has gone (the browser unsubscribed): answer 410 from now on. */
  unsubscribe(name: string): void {
    this.#subscribers.delete(name);
  }

  deliveriesTo(name: string): Delivery[] {
    return this.deliveries.filter((delivery) => delivery.subscription === name);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const name = /^\/push\/([\w-]+)$/.exec(request.url ?? '')?.[1] ?? '';
    const reply = (status: number, headers: Record<string, string> = {}) => {
      this.requests.push({ subscription: name, status });
      response.writeHead(status, headers).end();
    };
    const scripted = this.answer(name);
    if (scripted) return reply(scripted.status, scripted.headers);
    const subscriber = this.#subscribers.get(name);
    if (request.method !== 'POST' || !subscriber) return reply(subscriber ? 405 : 410);
    if (this.#count++ % this.verifyEvery !== 0) {
      this.deliveries.push({
        subscription: name,
        payload: undefined,
        ttlS: Number(request.headers.ttl),
        urgency: request.headers.urgency as string | undefined,
        topic: request.headers.topic as string | undefined,
        claims: { aud: '', exp: 0, sub: '' },
        token: '',
        atMs: Date.now(),
      });
      return reply(201);
    }
    try {
      if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('Content-Encoding is not aes128gcm');
      if (!/^\d+$/.test(String(request.headers.ttl))) throw new Error('no TTL header');
      const claims = verifyVapid(
        request.headers.authorization,
        this.vapidPublicKey,
        this.url,
        Math.floor(this.nowMs() / 1000),
      );
      const payload = JSON.parse(decryptPush(body, subscriber).toString('utf8')) as unknown;
      this.deliveries.push({
        subscription: name,
        payload,
        ttlS: Number(request.headers.ttl),
        urgency: request.headers.urgency as string | undefined,
        topic: request.headers.topic as string | undefined,
        claims,
        token: /t=([^,]+)/.exec(request.headers.authorization ?? '')?.[1] ?? '',
        atMs: Date.now(),
      });
      reply(201);
    } catch (error) {
      this.refusals.push(error instanceof Error ? error.message : String(error));
      reply(error instanceof Error && /JWT|VAPID|key/.test(error.message) ? 403 : 400);
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }
}
