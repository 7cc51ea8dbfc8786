/**
 * Tests of static-files.mjs: compressing a large file (the 2.3 MB Chinese font subset) never holds up the
 * requests behind it. Done synchronously it did: the server answered nothing else for the 7 s it took.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendStaticFile } from './static-files.mjs';

let root = '';
let server: Server;
let origin = '';
// Text-like but varied bytes (hex of random data): brotli has real work to do on 3 MB of it.
const largeFont = Buffer.from(randomBytes(1_500_000).toString('hex'));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hs-diary-static-'));
  writeFileSync(join(root, 'font.ttf'), largeFont);
  writeFileSync(join(root, 'app.js'), 'console.log("app");\n'.repeat(50));
  server = createServer((request, response) => {
    sendStaticFile({ root, rules: [], path: new URL(request.url ?? '/', 'http://x').pathname }, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

/** GET with brotli accepted; resolves with the body and its position among the answers. */
function get(path: string, finished: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${origin}${path}`, { headers: { 'Accept-Encoding': 'br' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        finished.push(path);
        resolve(Buffer.concat(chunks));
      });
    });
    request.on('error', reject);
    request.end();
  });
}

describe('static files', () => {
  it('answers a small file while a large one is still being compressed, and both arrive whole', async () => {
    const finished: string[] = [];
    const font = get('/font.ttf', finished);
    // Sent once the font's request has reached the server and its compression has begun.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const app = get('/app.js', finished);
    const [fontBody, appBody] = await Promise.all([font, app]);
    expect(finished).toEqual(['/app.js', '/font.ttf']);
    expect(brotliDecompressSync(fontBody).equals(largeFont)).toBe(true);
    expect(brotliDecompressSync(appBody).toString()).toContain('console.log("app");');
  });
});
