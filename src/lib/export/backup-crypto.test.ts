/** Passphrase encryption of backups: the parameters, round trips, and a wrong passphrase or doctored file refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EncryptedBackup } from '../domain/backup-format';
import { openBackupText } from '../domain/backup-open';
import {
  base64ToBytes,
  bytesToBase64,
  encryptBackupText,
  MIN_PBKDF2_ITERATIONS,
  openEncryptedBackup,
  PBKDF2_ITERATIONS,
} from './backup-crypto';

/** Only tests lower the count, on both sides; the app always uses 600,000. */
const FAST = { iterations: 1_000 };
const FAST_OPEN = { minIterations: 1_000 };

describe('backup encryption', () => {
  it('uses PBKDF2-SHA256 at 600,000 iterations, AES-GCM 256 and a fresh 16-byte salt and 12-byte IV', async () => {
    const first = await encryptBackupText('{"a":1}', 'correct horse', FAST);
    const second = await encryptBackupText('{"a":1}', 'correct horse', FAST);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(first.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256' });
    expect(first.cipher.name).toBe('AES-GCM');
    expect(base64ToBytes(first.kdf.salt)).toHaveLength(16);
    expect(base64ToBytes(first.cipher.iv)).toHaveLength(12);
    expect(first.kdf.salt).not.toBe(second.kdf.salt);
    expect(first.cipher.iv).not.toBe(second.cipher.iv);
    expect(first.ciphertext).not.toBe(second.ciphertext);
    // The envelope is what the backup format expects.
    expect(openBackupText(JSON.stringify(first), { schemaVersion: 1, nowMs: Date.now() })).toEqual({
      kind: 'encrypted',
      envelope: first,
    });
  });

  it('round-trips at the real 600,000 iterations', async () => {
    const envelope = await encryptBackupText('日记 🩹 diary', 'pass phrase');
    expect(envelope.kdf.iterations).toBe(600_000);
    await expect(openEncryptedBackup(envelope, 'pass phrase')).resolves.toEqual({ ok: true, text: '日记 🩹 diary' });
  }, 30_000);

  it('says the passphrase is wrong, or the file changed, and never throws', async () => {
    const envelope = await encryptBackupText('secret', 'right one', FAST);
    await expect(openEncryptedBackup(envelope, 'wrong one', FAST_OPEN)).resolves.toEqual({
      ok: false,
      problem: { kind: 'wrong-passphrase' },
    });
    const bytes = base64ToBytes(envelope.ciphertext);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const tampered: EncryptedBackup = { ...envelope, ciphertext: bytesToBase64(bytes) };
    await expect(openEncryptedBackup(tampered, 'right one', FAST_OPEN)).resolves.toMatchObject({
      problem: { kind: 'wrong-passphrase' },
    });
  });

  it('authenticates the header: a changed version, salt or IV fails like a wrong passphrase', async () => {
    const envelope = await encryptBackupText('secret', 'right one', FAST);
    expect(envelope.formatVersion).toBe(2);
    await expect(openEncryptedBackup(envelope, 'right one', FAST_OPEN)).resolves.toEqual({ ok: true, text: 'secret' });
    // Claiming version 1 (no additional data) to skip the header check does not work.
    const downgraded: EncryptedBackup = { ...envelope, formatVersion: 1 };
    await expect(openEncryptedBackup(downgraded, 'right one', FAST_OPEN)).resolves.toEqual({
      ok: false,
      problem: { kind: 'wrong-passphrase' },
    });
    const otherFormat = { ...envelope, format: 'hs-diary-backup-encrypted ' } as unknown as EncryptedBackup;
    await expect(openEncryptedBackup(otherFormat, 'right one', FAST_OPEN)).resolves.toMatchObject({ ok: false });
  });

  it('still opens a version 1 file, written without additional data', async () => {
    // Made by version 1 of the app (iterations lowered for the test, as FAST does).
    const version1: EncryptedBackup = {
      format: 'hs-diary-backup-encrypted',
      formatVersion: 1,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 1000, salt: 'jfiDYE4n1M9eMvzGO7VjrQ==' },
      cipher: { name: 'AES-GCM', iv: '1xqjNqls0tBC4la+' },
      ciphertext: 'wPpS5Ydh9kI/6Y85KRbpBgiCiDvoNpKwJSQ37tNEQfDyEGRAl5ie',
    };
    await expect(openEncryptedBackup(version1, 'an old passphrase', FAST_OPEN)).resolves.toEqual({
      ok: true,
      text: '{"made":"by version 1"}',
    });
  });

  it('matches the same passphrase typed as other code points (NFC)', async () => {
    const envelope = await encryptBackupText('x', 'caf\u00e9', FAST);
    await expect(openEncryptedBackup(envelope, 'cafe\u0301', FAST_OPEN)).resolves.toEqual({ ok: true, text: 'x' });
  });

  it('refuses fewer than 600,000 or more than 10,000,000 iterations, before deriving anything', async () => {
    const weak = await encryptBackupText('x', 'p', FAST);
    expect(MIN_PBKDF2_ITERATIONS).toBe(600_000);
    await expect(openEncryptedBackup(weak, 'p')).resolves.toEqual({
      ok: false,
      problem: { kind: 'unsupported-encryption' },
    });
    const absurd: EncryptedBackup = { ...weak, kdf: { ...weak.kdf, iterations: 10_000_001 } };
    await expect(openEncryptedBackup(absurd, 'p', FAST_OPEN)).resolves.toEqual({
      ok: false,
      problem: { kind: 'unsupported-encryption' },
    });
  });

  it('round-trips any text and passphrase (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        async (text, passphrase) => {
          const envelope = await encryptBackupText(text, passphrase, FAST);
          await expect(openEncryptedBackup(envelope, passphrase, FAST_OPEN)).resolves.toEqual({ ok: true, text });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('encodes base64 in chunks, so a large backup does not overflow the stack', () => {
    const bytes = new Uint8Array(300_000).map((_, index) => (index * 7) % 256);
    const base64 = bytesToBase64(bytes);
    expect(base64).toHaveLength(400_000);
    const back = base64ToBytes(base64);
    expect(back.length).toBe(bytes.length);
    expect(back.every((value, index) => value === bytes[index])).toBe(true);
  });
});
