import { readWav } from '@loris/audio';

/** One HTTP answer of the rater routes: status, JSON body (or bytes for audio), headers. */
export interface RaterReply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A rater as the rater pages are: no account, a link, then a session token in Authorization. Used by the
 * ratings suite and by bench:ratings; it speaks only the public /rate/api routes.
 */
export class RaterClient {
  token: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async start(link: string): Promise<RaterReply> {
    const reply = await this.json('POST', '/rate/api/sessions', { link });
    if (reply.status === 201 || reply.status === 200) this.token = reply.body.sessionToken as string;
    return reply;
  }

  state() {
    return this.json('GET', '/rate/api/session');
  }

  consent() {
    return this.json('POST', '/rate/api/session/consent');
  }

  qualify(hearing: unknown, digits: unknown) {
    return this.json('POST', '/rate/api/session/qualification', { hearing, digits });
  }

  finishTraining() {
    return this.json('POST', '/rate/api/session/training');
  }

  playback(clipId: string, event: string, mediaSeconds?: number) {
    return this.json('POST', `/rate/api/clips/${clipId}/playback`, { event, mediaSeconds });
  }

  vote(clipId: string, score: unknown) {
    return this.json('POST', `/rate/api/clips/${clipId}/vote`, { score });
  }

  async audio(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: this.auth() });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  /** The quieter of the three hearing-check tones, found by listening (RMS), as a rater's ears would. */
  async quieterTone(): Promise<number> {
    const levels: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { bytes } = await this.audio(`/rate/api/session/hearing/${i}`);
      const samples = readWav(bytes).channels[0];
      levels.push(Math.sqrt(samples.reduce((s, v) => s + v * v, 0) / samples.length));
    }
    return levels.indexOf(Math.min(...levels));
  }

  async json<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<RaterReply<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...this.auth(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
  }

  private auth(): Record<string, string> {
    return { ...this.headers, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) };
  }
}

/** A WAV's length in seconds, from its bytes (as a player would know it). */
export function wavSeconds(bytes: Uint8Array): number {
  const wav = readWav(bytes);
  return wav.channels[0].length / wav.sampleRate;
}
