/**
 * A push service on 127.0.0.1 for the browser test of closed-app reminders, standing in for FCM (which
 * this machine cannot reach, and which a headless Chromium cannot subscribe with). It holds the
 * subscription's private key, made here, so it checks what a real push service checks and reads what a
 * browser would: the VAPID JWT (ES256, signed by the key in `k=`, for this audience, not expired) and the
 * aes128gcm payload (RFC 8291), decrypted with the subscription's key. The test then hands the payload to
 * the real service worker (CDP `ServiceWorker.deliverPushMessage`).
 */
import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  /** The path the relay posted to (the subscription's endpoint). */
  path: string;
  /** The relay's VAPID public key (from `k=`), checked against the JWT's signature. */
  vapidKey: string;
  ttl: number;
  /** The decrypted payload. */
  text: string;
}

const b64url = (buffer: Buffer) => buffer.toString('base64url');
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** A subscription's key pair and auth secret, as a browser would make them. */
export function makeSubscriptionKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth), authBytes: auth };
}
export type SubscriptionKeys = ReturnType<typeof makeSubscriptionKeys>;

/** RFC 8291 / RFC 8188: one aes128gcm record, decrypted with the subscription's private key. */
export function decryptPayload(body: Buffer, keys: SubscriptionKeys): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20] ?? 0;
  const senderKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const shared = keys.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0'),
    keys.ecdh.getPublicKey(),
    senderKey,
    Buffer.from([1]),
  ]);
  const ikm = hmac(hmac(keys.authBytes, shared), keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  const delimiter = plain.lastIndexOf(2);
  if (delimiter < 0 || plain.subarray(delimiter + 1).some((byte) => byte !== 0)) throw new Error('bad padding');
  return plain.subarray(0, delimiter).toString('utf8');
}

/** Check `Authorization: vapid t=<jwt>, k=<key>` as a push service does; the key when it passes. */
export function checkVapid(header: string | undefined, audience: string, nowMs: number): string {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match?.[1] || !match[2]) throw new Error(`no VAPID authorization: ${header}`);
  const [head = '', claims = '', signature = ''] = match[1].split('.');
  const point = Buffer.from(match[2], 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) },
    format: 'jwk',
  });
  const isSigned = verify(
    'sha256',
    Buffer.from(`${head}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!isSigned) throw new Error('VAPID signature does not verify');
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { aud?: string; exp?: number };
  if (payload.aud !== audience) throw new Error(`VAPID audience ${payload.aud}, not ${audience}`);
  const expMs = (payload.exp ?? 0) * 1000;
  if (expMs <= nowMs || expMs > nowMs + 24 * 3_600_000) throw new Error('VAPID token expired or too long');
  return match[2];
}

export interface FakePushService {
  origin: string;
  received: ReceivedPush[];
  problems: string[];
  close(): Promise<void>;
}

/** Start the push service for one subscription's keys. */
export async function startFakePushService(keys: SubscriptionKeys): Promise<FakePushService> {
  const received: ReceivedPush[] = [];
  const problems: string[] = [];
  let origin = '';
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        if (request.method !== 'POST') throw new Error(`${request.method} is not a push`);
        if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
        const vapidKey = checkVapid(request.headers.authorization, origin, Date.now());
        const text = decryptPayload(Buffer.concat(chunks), keys);
        received.push({ path: request.url ?? '', vapidKey, ttl: Number(request.headers.ttl), text });
        response.statusCode = 201;
      } catch (error) {
        problems.push(String(error));
        response.statusCode = 400;
      }
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    problems,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
