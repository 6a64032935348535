// Sealing a photo at capture (R35): its SM3, the phone's time and, when the officer allows it, the position. The hash
// and time are taken at once; the position is asked for with a short timeout and never holds the photo back.
import type { EvidenceCaptureFields } from '@anjian/domain/contract/inspection';
import { sm3Hex } from '../../lib/sm3';

export type Capture = EvidenceCaptureFields & {
  /** set while the position is being asked for; the sender waits for it at most LOCATE_MS after capture */
  locating?: boolean;
};

export const LOCATE_MS = 8_000;

export async function sealCapture(file: Blob, capturedAt = new Date()): Promise<Capture> {
  const sm3 = sm3Hex(new Uint8Array(await file.arrayBuffer()));
  return { sm3, capturedAt: capturedAt.toISOString(), locating: typeof navigator !== 'undefined' && 'geolocation' in navigator };
}

/** The phone's position, or null when refused, unavailable or slower than the timeout. */
export function locate(timeoutMs = LOCATE_MS): Promise<Pick<EvidenceCaptureFields, 'latitude' | 'longitude' | 'accuracy'> | null> {
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: Math.min(100000, Math.round(p.coords.accuracy)) });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { enableHighAccuracy: false, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

/** The capture fields as sent: without the phone-only flag. */
export function captureFields(c: Capture): EvidenceCaptureFields {
  const { locating: _, ...fields } = c;
  return fields;
}
