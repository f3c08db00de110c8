// What the MOS campaign suites share (not a spec): the owner's GraphQL moves on a campaign, and a rater's
// side through the public rater routes. The raters' "ears" for the spoken environment digits, for which
// clip is a trap and for how long a clip lasts are the database (an oracle for what a person hears and
// sees); the hearing check is passed by measuring the tones, as an ear would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { gql, ok, RaterClient, TestApi, uploadBytes, waitFor } from '../support';

export const CAMPAIGN_FIELDS = `id status doneStimuli totalStimuli error { code message } systems { id label kind }`;

export interface Campaign {
  id: string;
  status: string;
  doneStimuli: number;
  totalStimuli: number;
  error: { code: string; message: string } | null;
  systems: Array<{ id: string; label: string; kind: string }>;
}

/** A WAV rendered by ffmpeg's sine source (a different pitch per clip), or silence for `hz` 0; tagged. */
export function toneWav(hz: number, seconds: number): Buffer {
  const path = join(mkdtempSync(join(tmpdir(), 'loris-ratings-')), 'clip.wav');
  const source =
    hz > 0 ? `sine=frequency=${hz}:duration=${seconds}:sample_rate=22050` : `anullsrc=r=22050:cl=mono`;
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', source, '-t', String(seconds), '-ac', '1'],
    ...['-metadata', 'title=SECRET-NAME', path],
  ]);
  return readFileSync(path);
}

/** The owner's side of the campaign suites: one signed-in member of one tenant, and the database's owner. */
export class CampaignOwner {
  constructor(
    private readonly api: TestApi,
    private readonly token: string,
    readonly db: Client,
  ) {}

  /** An upload under a telling name, as an owner's files are named; its id. */
  async upload(
    bytes: Buffer,
    type = 'application/octet-stream',
    name = 'system-A-secret.wav',
  ): Promise<string> {
    const res = await uploadBytes(this.api.baseUrl, bytes, { token: this.token }, type, name);
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** An artifact's bytes as the owner downloads them (GET /v1/media/:id). */
  async media(artifactId: string): Promise<Buffer> {
    const res = await fetch(`${this.api.baseUrl}/v1/media/${artifactId}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  query<T>(query: string, variables: Record<string, unknown> = {}) {
    return gql<T>(this.api.graphqlUrl, query, variables, { token: this.token });
  }

  create(input: Record<string, unknown>) {
    return this.query<{ createRatingCampaign: { campaign: Campaign; link: string } }>(
      `mutation($input: CreateRatingCampaignInput!) { createRatingCampaign(input: $input) { link campaign { ${CAMPAIGN_FIELDS} } } }`,
      { input },
    );
  }

  /** Prepares the campaign and polls it until `until` holds (or 3 minutes pass). */
  async prepareAndWait(id: string, until: (c: Campaign) => boolean): Promise<Campaign> {
    ok(await this.query(`mutation($id: ID!) { prepareRatingCampaign(id: $id) { id status } }`, { id }));
    return waitFor(
      async () => {
        const c = ok(
          await this.query<{ ratingCampaign: Campaign }>(
            `query($id: ID!) { ratingCampaign(id: $id) { ${CAMPAIGN_FIELDS} } }`,
            { id },
          ),
        ).ratingCampaign;
        return until(c) ? c : undefined;
      },
      'campaign prepared',
      180_000,
    );
  }

  /** What the clip behind a handle is and how long it lasts (the oracle for a person's ears). */
  async truth(clipId: string): Promise<{ kind: string; expected: number | null; seconds: number }> {
    const { rows } = await this.db.query(
      `SELECT st.kind::text AS kind, st.expected_score AS expected, st.seconds FROM rating_assignments a
         JOIN rating_stimuli st ON st.id = a.stimulus_id WHERE a.id = $1`,
      [clipId],
    );
    return rows[0] as { kind: string; expected: number | null; seconds: number };
  }

  /** Starts, consents and qualifies a rater; resolves with its state at the RATING or TRAINING stage. */
  async qualified(rater: RaterClient, link: string): Promise<Record<string, unknown>> {
    expect((await rater.start(link)).status).toBe(201);
    const consented = await rater.consent();
    // Passed once, remembered for the campaign: the same link and IP qualified before skips the check.
    if (consented.body.stage === 'TRAINING') return consented.body;
    expect(consented.body.stage).toBe('QUALIFICATION');
    const digits = (
      await this.db.query(
        `SELECT st.expected_answer FROM rater_sessions s JOIN rating_stimuli st ON st.id = s.environment_stimulus_id
          WHERE s.token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
        [rater.token],
      )
    ).rows[0].expected_answer as string;
    const reply = await rater.qualify(await rater.quieterTone(), digits);
    expect(reply.status).toBe(201);
    return reply.body;
  }

  /**
   * Rates every clip of the session, each fetched and played to its end first; `score` picks the answer,
   * `check` looks at each clip's reply. Resolves with the final state.
   */
  async rateAll(
    rater: RaterClient,
    score: (kind: string, expected: number | null, i: number) => number,
    check: (clip: Awaited<ReturnType<RaterClient['audio']>>) => void = () => undefined,
  ): Promise<{ clip: { id: string } | null; completionCode: string | null }> {
    let state = (await rater.state()).body as { clip: { id: string } | null; completionCode: string | null };
    let i = 0;
    while (state.clip) {
      const clip = await rater.audio(`/rate/api/clips/${state.clip.id}`);
      expect(clip.status).toBe(200);
      check(clip);
      const { kind, expected, seconds } = await this.truth(state.clip.id);
      expect((await rater.playback(state.clip.id, 'play', 0)).status).toBe(201);
      await new Promise((r) => setTimeout(r, seconds * 1000));
      expect((await rater.playback(state.clip.id, 'ended', seconds)).body).toEqual({ played: true });
      const voted = await rater.vote(state.clip.id, score(kind, expected, i++));
      expect(voted.status).toBe(201);
      state = voted.body as typeof state;
    }
    return state;
  }
}
