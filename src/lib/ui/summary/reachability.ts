/**
 * Whether another device could open a link to this app's address. A QR code pointing at localhost or a
 * private network address cannot work on a clinician's phone, so the QR screen says so instead.
 */
export type Unreachable = 'localhost' | 'private-address' | 'insecure';

export function unreachableReason(url: URL): Unreachable | null {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)) return 'localhost';
  const octets = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  const first = Number(octets?.[1]);
  const second = Number(octets?.[2]);
  if (
    host.endsWith('.local') ||
    (octets &&
      (first === 10 || (first === 172 && second >= 16 && second <= 31) || (first === 192 && second === 168))) ||
    /^f[cd][0-9a-f]{2}:/.test(host) ||
    /^fe80:/.test(host)
  )
    return 'private-address';
  if (url.protocol !== 'https:') return 'insecure';
  return null;
}
