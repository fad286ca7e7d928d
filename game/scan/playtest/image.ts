// Pixel judgements on playtest screenshots, done by Chromium itself in a blank helper page
// (it decodes PNG and scales images; no image library needed): is the canvas blank, did it
// change between two moments, and a small PNG thumbnail.
import type { BrowserContext, Page } from 'playwright-core';

export interface ImageVerdict { nonblank: boolean; changed: boolean; thumbnail?: Buffer }

interface PageResult { nonblank: boolean; changed: boolean; thumb: string }

/** Runs in the helper page: decode both PNGs, sample pixels, compare, draw a thumbnail. */
async function judgeInPage(args: { before: string; after: string; width: number }): Promise<PageResult> {
  const load = async (b64: string): Promise<ImageBitmap> => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  };
  const pixels = (img: ImageBitmap, w: number, h: number): Uint8ClampedArray => {
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0, w, h);
    return ctx.getImageData(0, 0, w, h).data;
  };
  const a = await load(args.before);
  // The same picture twice (one moment judged on its own) is decoded once.
  const b = args.after === args.before ? a : await load(args.after);
  const w = Math.max(1, Math.min(200, b.width));
  const h = Math.max(1, Math.round((b.height / Math.max(1, b.width)) * w));
  const pa = pixels(a, w, h);
  const pb = pixels(b, w, h);
  // Non-blank: in either shot, something other than the most common colour covers at least
  // 0.3% of the frame (a title line of text on a plain background is enough).
  const total = pb.length / 4;
  const drawn = (px: Uint8ClampedArray): boolean => {
    const counts = new Map<number, number>();
    for (let i = 0; i < px.length; i += 4) {
      const key = ((px[i]! >> 3) << 10) | ((px[i + 1]! >> 3) << 5) | (px[i + 2]! >> 3);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return total - Math.max(...counts.values()) >= total * 0.003;
  };
  const nonblank = drawn(pa) || drawn(pb);
  let diff = 0;
  for (let i = 0; i < pa.length; i += 4) {
    if (Math.abs(pa[i]! - pb[i]!) + Math.abs(pa[i + 1]! - pb[i + 1]!) + Math.abs(pa[i + 2]! - pb[i + 2]!) > 24) diff++;
  }
  const tw = Math.min(args.width, b.width);
  const th = Math.max(1, Math.round((b.height / Math.max(1, b.width)) * tw));
  const thumbCanvas = new OffscreenCanvas(tw, th);
  thumbCanvas.getContext('2d')!.drawImage(b, 0, 0, tw, th);
  const blob = await thumbCanvas.convertToBlob({ type: 'image/png' });
  const buf = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return { nonblank, changed: diff >= total * 0.001, thumb: btoa(bin) };
}

/** Judge two screenshots in a helper page: one given (kept open), or a new one of `on`. */
export async function judgeScreenshots(
  on: BrowserContext | Page, before: Buffer, after: Buffer, width = 320,
): Promise<ImageVerdict> {
  const own = 'newPage' in on;
  const page = own ? await on.newPage() : on;
  try {
    const r = await page.evaluate(judgeInPage, {
      before: before.toString('base64'), after: after.toString('base64'), width,
    });
    const thumbnail = Buffer.from(r.thumb, 'base64');
    return { nonblank: r.nonblank, changed: r.changed, thumbnail: thumbnail.length > 0 ? thumbnail : undefined };
  } finally {
    if (own) await page.close();
  }
}
