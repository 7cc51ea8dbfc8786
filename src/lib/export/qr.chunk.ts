/**
 * The QR encoder, loaded only when the patient asks for a QR code. lean-qr (a few KB, ESM, typed) rather
 * than uqr: uqr picks one mode for the whole text and does not export its segment API, and a summary link
 * needs two segments, the address in byte mode and the payload's digits in numeric mode (see
 * ../domain/qr-fit.ts), which carries about a third more data per code than base64url in byte mode.
 */
import { correction, generate, mode } from 'lean-qr';
import { qrSegments } from '../domain/qr-fit';

export interface QrMatrix {
  version: number;
  /** Modules per side, quiet zone included. */
  size: number;
  /** SVG path data of the dark modules, one unit per module. */
  path: string;
}

const QUIET_ZONE = 4;
const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/** The QR code of `text` at error correction M, with a quiet zone of 4 modules, as one SVG path. */
export function qrMatrix(text: string): QrMatrix {
  const { bytes, digits } = qrSegments(text);
  // ASCII in byte mode needs no ECI header (a URL is ASCII); anything else goes as UTF-8 bytes.
  const prefix = isAscii(bytes) ? mode.ascii(bytes) : mode.bytes(new TextEncoder().encode(bytes));
  const code = generate(digits ? mode.multi(prefix, mode.numeric(digits)) : prefix, {
    minCorrectionLevel: correction.M,
    maxCorrectionLevel: correction.M,
  });
  let path = '';
  for (let y = 0; y < code.size; y += 1) {
    let x = 0;
    while (x < code.size) {
      if (!code.get(x, y)) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < code.size && code.get(x, y)) x += 1;
      path += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`;
    }
  }
  return { version: (code.size - 17) / 4, size: code.size + 2 * QUIET_ZONE, path };
}
