// A large pose-track upload is checked off the API's event loop: while the largest usable track (300 s at
// 240 fps, 72k frames) is parsed and checked, /healthz keeps answering, and a 61 MB track longer than the
// longest request (460k frames: it stalled /healthz 8.5 s) is refused on its frame count before any frame
// is walked. The API runs in this process, so a blocked event loop also holds the poller back: the measure
// is the longest gap between two health answers, not one answer's latency. The bound, 4 s, is half the 8.5 s
// stall it guards against (which only grows with load), and well above what 2 busy shared cores make of a
// working server: the 61 MB refusal's longest gap was 1.1 s in a CI run and 2.0 s at a load average of 6.
import { signUpTenant, SignedUp, startTestApi, TestApi, uploadBytes } from '../support';

jest.setTimeout(120_000);

const LONGEST_GAP_MS = 4000;

const FRAME = JSON.stringify(Array.from({ length: 17 }, () => [1, 2, 1]));
/** {fps, keypoints} with `frames` identical frames, built as text so the test itself stays light. */
function trackBytes(frames: number, fps = 30): Buffer {
  const parts = ['{"fps":', String(fps), ',"keypoints":[', FRAME];
  const rest = `,${FRAME}`.repeat(frames - 1);
  return Buffer.from(parts.join('') + rest + ']}');
}

describe('a large pose track upload', () => {
  let api: TestApi;
  let tenant: SignedUp;

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await signUpTenant(api.graphqlUrl, 'big-poses');
  });

  afterAll(() => api?.stop());

  /** Uploads `body` while polling /healthz every 25 ms; the upload's answer and the longest answer gap. */
  async function uploadWhilePolling(body: Buffer) {
    const answeredAt: number[] = [performance.now()];
    let uploading = true;
    const poll = (async () => {
      while (uploading) {
        await fetch(`${api.baseUrl}/healthz`).then((r) => r.arrayBuffer());
        answeredAt.push(performance.now());
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const upload = await uploadBytes(api.baseUrl, body, { token: tenant.token });
    uploading = false;
    await poll;
    const worst = Math.max(...answeredAt.slice(1).map((at, i) => at - answeredAt[i]));
    console.log(
      `/healthz during a ${(body.byteLength / 2 ** 20).toFixed(1)} MB pose upload: ` +
        `${answeredAt.length - 1} answers, longest gap ${worst.toFixed(0)} ms`,
    );
    return { upload, worst, answers: answeredAt.length - 1 };
  }

  it('leaves /healthz answering while a large usable track is checked', async () => {
    const { upload, worst, answers } = await uploadWhilePolling(trackBytes(300 * 240, 240));
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ kind: 'POSES', durationSeconds: 300 });
    expect(answers).toBeGreaterThan(5);
    expect(worst).toBeLessThan(LONGEST_GAP_MS);
  });

  it('refuses a track longer than the longest request on its frame count', async () => {
    const body = trackBytes(460_000);
    expect(body.byteLength).toBeGreaterThan(55 * 1024 * 1024);
    expect(body.byteLength).toBeLessThan(64 * 1024 * 1024);
    const { upload, worst } = await uploadWhilePolling(body);
    expect(upload.status).toBe(400);
    expect(upload.body).toMatchObject({
      errors: [
        {
          message: expect.stringContaining('the longest request is 300 s, so send at most 9030 frames'),
          extensions: { code: 'BAD_USER_INPUT', reason: 'POSE_TRACK_TOO_LONG' },
        },
      ],
    });
    expect(worst).toBeLessThan(LONGEST_GAP_MS);
  });

  it('takes a track of the longest request', async () => {
    const upload = await uploadBytes(api.baseUrl, trackBytes(300 * 30), { token: tenant.token });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ kind: 'POSES', durationSeconds: 300 });
  });
});
