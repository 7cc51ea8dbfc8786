/**
 * Files in and out of the browser. Out: the share sheet where the device can share files (a phone: save
 * to Files, mail it, AirDrop), else a download. In: a chosen file's text, refused before it is read when
 * it is larger than the caller allows.
 */

export type Delivery = 'shared' | 'downloaded' | 'cancelled';

/** Share `file` with the Web Share API where it can carry files, else download it. */
export async function shareOrDownload(file: File): Promise<Delivery> {
  const canShareFiles =
    typeof navigator !== 'undefined' &&
    typeof navigator.share === 'function' &&
    typeof navigator.canShare === 'function' &&
    navigator.canShare({ files: [file] });
  if (canShareFiles) {
    try {
      await navigator.share({ files: [file], title: file.name });
      return 'shared';
    } catch (error) {
      // The patient closed the share sheet: nothing was saved, and that was their choice.
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
      // Anything else (no user gesture left after a slow encryption, a refusal): download instead.
    }
  }
  download(file);
  return 'downloaded';
}

function download(file: File): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to start the download; the object URL is then no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export type ReadTextResult = { ok: true; text: string } | { ok: false; bytes: number };

/** A chosen file's text, or its size when it is larger than `maxBytes` (then it is not read at all). */
export async function readTextFile(file: File, maxBytes: number): Promise<ReadTextResult> {
  if (file.size > maxBytes) return { ok: false, bytes: file.size };
  return { ok: true, text: await file.text() };
}
