import type { Letterbox } from '../media.types';

/**
 * Fits a source picture inside width x height keeping its aspect ratio, centred, padded with black.
 * The scaled size is rounded to whole pixels here (not left to ffmpeg) so that points found in the frame
 * map back to source pixels exactly.
 */
export function letterboxFor(
  sourceWidth: number,
  sourceHeight: number,
  width: number,
  height: number,
): Letterbox & { innerWidth: number; innerHeight: number } {
  const fit = Math.min(width / sourceWidth, height / sourceHeight);
  const innerWidth = Math.max(1, Math.min(width, Math.round(sourceWidth * fit)));
  const innerHeight = Math.max(1, Math.min(height, Math.round(sourceHeight * fit)));
  return {
    sourceWidth,
    sourceHeight,
    scaleX: sourceWidth / innerWidth,
    scaleY: sourceHeight / innerHeight,
    padX: Math.floor((width - innerWidth) / 2),
    padY: Math.floor((height - innerHeight) / 2),
    innerWidth,
    innerHeight,
  };
}

/** A point in the letterboxed frame (pixels) back in source pixels. */
export function toSourcePixels(box: Letterbox, x: number, y: number): [number, number] {
  return [(x - box.padX) * box.scaleX, (y - box.padY) * box.scaleY];
}
