/** The QR encoder (uqr, a few KB), loaded only when the patient asks for a QR code. */
import { encode } from 'uqr';

export interface QrMatrix {
  version: number;
  /** Modules per side, quiet zone included. */
  size: number;
  /** SVG path data of the dark modules, one unit per module. */
  path: string;
}

/** The QR code of `text` at error correction M, with a quiet zone of 4 modules, as one SVG path. */
export function qrMatrix(text: string): QrMatrix {
  const qr = encode(text, { ecc: 'M', border: 4 });
  let path = '';
  qr.data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x += 1;
      path += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  });
  return { version: qr.version, size: qr.size, path };
}
