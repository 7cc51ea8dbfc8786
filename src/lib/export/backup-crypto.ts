/**
 * Passphrase encryption of a backup with the browser's own WebCrypto: PBKDF2-SHA256 (600,000 iterations)
 * turns the passphrase into an AES-GCM 256 key; every backup gets a fresh random 16-byte salt and 96-bit IV.
 * AES-GCM authenticates as well as encrypts, so a wrong passphrase and a changed file fail the same way;
 * from envelope version 2 the header (iterations, salt, IV) is authenticated too, as additional data.
 * Runs before the database is read for an import and after it is read for an export, never inside a
 * transaction (a transaction would close while the key is derived).
 */
import {
  ENCRYPTED_BACKUP_FORMAT,
  ENCRYPTED_BACKUP_FORMAT_VERSION,
  MAX_BACKUP_BYTES,
  type BackupProblem,
  type EncryptedBackup,
} from '../domain/backup-format';

/** What the app always uses. OWASP's figure for PBKDF2-HMAC-SHA256 (2023). */
export const PBKDF2_ITERATIONS = 600_000;
/** Fewer is refused when opening a backup, so a doctored file cannot make a weak key look acceptable. */
export const MIN_PBKDF2_ITERATIONS = 600_000;
/** More is refused too: a doctored file must not keep the phone busy for minutes. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;

const encoder = new TextEncoder();

/**
 * The envelope's header as AES-GCM additional data: every field that says how to decrypt, in a fixed
 * order, so changing any of them (or the version, to skip this check) makes decryption fail.
 */
function headerBytes(envelope: Omit<EncryptedBackup, 'ciphertext'>): Uint8Array<ArrayBuffer> {
  const { format, formatVersion, kdf, cipher } = envelope;
  return encoder.encode(
    JSON.stringify([format, formatVersion, kdf.name, kdf.hash, kdf.iterations, kdf.salt, cipher.name, cipher.iv]),
  );
}

/** AES-GCM parameters for an envelope: version 1 files were written without additional data. */
function gcmParams(envelope: Omit<EncryptedBackup, 'ciphertext'>): AesGcmParams {
  const iv = base64ToBytes(envelope.cipher.iv);
  return envelope.formatVersion >= 2
    ? { name: 'AES-GCM', iv, additionalData: headerBytes(envelope) }
    : { name: 'AES-GCM', iv };
}

/** The same passphrase typed on another keyboard can arrive as other code points; NFC makes them equal. */
function passphraseBytes(passphrase: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(passphrase.normalize('NFC'));
}

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', passphraseBytes(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let index = 0; index < bytes.length; index += chunk) {
    binary += String.fromCharCode(...bytes.subarray(index, index + chunk));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Encrypt a backup's text. `iterations` exists for fast tests only: the app never passes it, and
 * `openEncryptedBackup` refuses anything below 600,000 unless a test lowers its minimum as well.
 */
export async function encryptBackupText(
  plaintext: string,
  passphrase: string,
  options: { iterations?: number } = {},
): Promise<EncryptedBackup> {
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await deriveKey(passphrase, salt, iterations);
  const header: Omit<EncryptedBackup, 'ciphertext'> = {
    format: ENCRYPTED_BACKUP_FORMAT,
    formatVersion: ENCRYPTED_BACKUP_FORMAT_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: bytesToBase64(salt) },
    cipher: { name: 'AES-GCM', iv: bytesToBase64(iv) },
  };
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt(gcmParams(header), key, encoder.encode(plaintext)));
  return { ...header, ciphertext: bytesToBase64(ciphertext) };
}

export type DecryptResult = { ok: true; text: string } | { ok: false; problem: BackupProblem };

/**
 * Decrypt a validated envelope. A wrong passphrase (or a changed file) is `wrong-passphrase`; an iteration
 * count outside 600,000-10,000,000 is `unsupported-encryption`. Never throws.
 */
export async function openEncryptedBackup(
  envelope: EncryptedBackup,
  passphrase: string,
  options: { minIterations?: number } = {},
): Promise<DecryptResult> {
  const { iterations } = envelope.kdf;
  if (iterations < (options.minIterations ?? MIN_PBKDF2_ITERATIONS) || iterations > MAX_PBKDF2_ITERATIONS)
    return { ok: false, problem: { kind: 'unsupported-encryption' } };
  let plaintext: ArrayBuffer;
  try {
    const key = await deriveKey(passphrase, base64ToBytes(envelope.kdf.salt), iterations);
    plaintext = await crypto.subtle.decrypt(gcmParams(envelope), key, base64ToBytes(envelope.ciphertext));
  } catch {
    return { ok: false, problem: { kind: 'wrong-passphrase' } };
  }
  if (plaintext.byteLength > MAX_BACKUP_BYTES)
    return { ok: false, problem: { kind: 'too-large', bytes: plaintext.byteLength, maxBytes: MAX_BACKUP_BYTES } };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(plaintext) };
  } catch {
    return { ok: false, problem: { kind: 'damaged' } };
  }
}
