import { RaterApiError, raterErrorFrom, type RaterState } from './rater-flow';

// The browser's side of the rater API. The console serves /rate/api on its own origin (see src/proxy.ts),
// so a rater's browser talks to one host only; the session token goes in Authorization, never in a URL, so
// it is not in any log of clip URLs.

const base = '/rate/api';

async function call<T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      cache: 'no-store',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw raterErrorFrom(0, null);
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (!res.ok) throw raterErrorFrom(res.status, parsed);
  return parsed as T;
}

export const raterApi = {
  start: (link: string) =>
    call<{ sessionToken: string; state: RaterState }>(null, 'POST', '/sessions', { link }),
  state: (token: string) => call<RaterState>(token, 'GET', '/session'),
  consent: (token: string) => call<RaterState>(token, 'POST', '/session/consent'),
  qualify: (token: string, hearing: number, digits: string) =>
    call<RaterState>(token, 'POST', '/session/qualification', { hearing, digits }),
  finishTraining: (token: string) => call<RaterState>(token, 'POST', '/session/training'),
  playback: (token: string, clipId: string, event: 'play' | 'pause' | 'ended', mediaSeconds: number) =>
    call<{ played: boolean }>(token, 'POST', `/clips/${encodeURIComponent(clipId)}/playback`, {
      event,
      mediaSeconds,
    }),
  vote: (token: string, clipId: string, score: number) =>
    call<RaterState>(token, 'POST', `/clips/${encodeURIComponent(clipId)}/vote`, { score }),
};

/** A clip fetched for a player: its blob: URL, and whether it is a video (an AUDIO_VIDEO campaign's clip). */
export interface ClipSource {
  url: string;
  video: boolean;
}

/**
 * A clip's bytes as a blob: URL for <audio> or <video>. The clip routes want the bearer token, which a
 * media element's src cannot send, so the page fetches the bytes itself; the caller revokes the URL when
 * the clip leaves. The API says what the bytes are (audio/wav, or video/mp4 for every rated clip of a
 * campaign shown with video), and the player follows.
 */
export async function clipSource(token: string, path: string): Promise<ClipSource> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    throw raterErrorFrom(0, null);
  }
  if (!res.ok) throw raterErrorFrom(res.status, await res.json().catch(() => null));
  const blob = await res.blob();
  return { url: URL.createObjectURL(blob), video: blob.type.startsWith('video/') };
}

/** Where a clip's audio is, by what it is: the hearing tones, the environment clip, an anchor, a rating clip. */
export const audioPaths = {
  tone: (index: number) => `/session/hearing/${index}`,
  environment: () => '/session/environment',
  anchor: (index: number) => `/session/anchors/${index}`,
  clip: (id: string) => `/clips/${encodeURIComponent(id)}`,
};

export { RaterApiError };
