import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QrFit } from '../../domain/qr-fit';
import type * as QrChunk from '../../export/qr.chunk';
import { i18n } from '../../i18n/locale.svelte';
import QrPanel from './QrPanel.svelte';

const encoder = vi.hoisted(() => ({ fails: false }));
vi.mock('../../export/qr.chunk', async (importOriginal) => {
  const actual = await importOriginal<typeof QrChunk>();
  return {
    qrMatrix: (text: string) => {
      if (encoder.fails) throw new RangeError('data too long');
      return actual.qrMatrix(text);
    },
  };
});

function fit(url: string, overrides: Partial<QrFit> = {}): QrFit {
  return {
    resolution: 'daily',
    url,
    urlBytes: url.length,
    payloadChars: url.length - url.indexOf('#/v/') - 4,
    version: 5,
    isWeeklyFallback: false,
    isTooLarge: false,
    ...overrides,
  };
}

const PUBLIC_LINK = 'https://diary.example.org/hs-diary/#/v/1.eJzLSM3JyQcABiwCFQ';

beforeEach(async () => {
  encoder.fails = false;
  await i18n.use('en');
  await i18n.need('summary');
});

describe('QrPanel', () => {
  it('draws the code of the link at once on a public https address, its version and size behind a toggle', async () => {
    render(QrPanel, { fit: fit(PUBLIC_LINK), onclose: () => undefined });
    const code = await screen.findByRole('img', { name: 'QR code of the summary link' }, { timeout: 5_000 });
    // The technical line is there for whoever debugs a scan, but hidden until its toggle is opened.
    const technical = screen.getByText(/^QR version \d+, \d+ bytes\.$/);
    expect(technical).not.toBeVisible();
    expect(technical.closest('details')?.querySelector('summary')).toHaveTextContent('Technical details');
    await fireEvent.click(screen.getByText('Technical details'));
    expect(technical).toBeVisible();
    const version = Number(/version (\d+)/.exec(technical.textContent ?? '')?.[1]);
    expect(technical).toHaveTextContent(`QR version ${version}, ${PUBLIC_LINK.length} bytes.`);
    // Version v has 17 + 4v modules a side, plus a quiet zone of 4 on each side.
    expect(code.getAttribute('viewBox')).toBe(`0 0 ${17 + 4 * version + 8} ${17 + 4 * version + 8}`);
    expect(screen.getByRole('textbox', { name: 'Link to this summary' })).toHaveValue(PUBLIC_LINK);
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it('on localhost says another phone cannot open it, and shows the code only when asked', async () => {
    render(QrPanel, { fit: fit('http://localhost:5173/#/v/1.eJzLSM3JyQcABiwCFQ'), onclose: () => undefined });
    expect(screen.getByRole('note')).toHaveTextContent(i18n.t.summary.qr.unreachable.localhost);
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Show the code anyway' }));
    expect(
      await screen.findByRole('img', { name: /^QR code of the summary link/ }, { timeout: 5_000 }),
    ).toBeInTheDocument();
  });

  it('says when the values are weekly, and when even those are too long for a code', async () => {
    const { unmount } = render(QrPanel, {
      fit: fit(PUBLIC_LINK, { resolution: 'weekly', isWeeklyFallback: true }),
      onclose: () => undefined,
    });
    expect(screen.getByRole('note')).toHaveTextContent('Weekly values (daily values do not fit a QR code).');
    await screen.findByRole('img');
    unmount();

    render(QrPanel, {
      fit: fit(PUBLIC_LINK, { resolution: 'weekly', isWeeklyFallback: true, version: 27, isTooLarge: true }),
      onclose: () => undefined,
    });
    expect(screen.getByRole('alert')).toHaveTextContent(i18n.t.summary.qr.tooLarge);
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    // The link itself still works for copying into a message.
    expect(screen.getByRole('textbox', { name: 'Link to this summary' })).toHaveValue(PUBLIC_LINK);
  });

  it('says the code could not be drawn when the encoder fails, instead of an empty panel', async () => {
    encoder.fails = true;
    render(QrPanel, { fit: fit(PUBLIC_LINK), onclose: () => undefined });
    expect(await screen.findByRole('alert')).toHaveTextContent(i18n.t.summary.qr.failed);
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('copies the link, and when the clipboard refuses, selects it and says so', async () => {
    const writeText = vi.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('denied'));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(QrPanel, { fit: fit(PUBLIC_LINK), onclose: () => undefined });
    await fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Link copied.'));
    expect(writeText).toHaveBeenCalledWith(PUBLIC_LINK);
    await fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(i18n.t.summary.qr.copyFailed));
  });

  it('speaks Chinese', async () => {
    await i18n.use('zh-CN');
    render(QrPanel, { fit: fit(PUBLIC_LINK), onclose: () => undefined });
    expect(await screen.findByRole('img', { name: '摘要链接的二维码' }, { timeout: 5_000 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: i18n.t.summary.qr.title })).toBeInTheDocument();
    expect(screen.getByText(/^二维码版本 \d+，\d+ 字节。$/)).not.toBeVisible();
    expect(screen.getByText('技术细节')).toBeInTheDocument();
  });
});
