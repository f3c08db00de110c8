// A request body that trickles in is not waited for forever (issue 12, defect 8): an ordinary request must
// arrive whole within API_BODY_TIMEOUT_MS, and an upload must not go quiet for UPLOAD_IDLE_TIMEOUT_MS.
// Each answer is 408 (or, at worst, a closed socket) within the configured time.
import { connect } from 'node:net';
import { Client } from 'pg';
import { signUpTenant, startTestApi, TestApi } from '../support';

jest.setTimeout(60_000);

const TIMEOUT_MS = 1500;

interface Outcome {
  status: number | undefined;
  body: string;
  ms: number;
}

/** Sends `head`, then one body byte a second until the server answers or closes. */
function trickle(
  api: TestApi,
  head: string,
  { bytesPerSecond }: { bytesPerSecond: number },
): Promise<Outcome> {
  const { port } = new URL(api.baseUrl);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      if (bytesPerSecond > 0)
        timer = setInterval(() => socket.writable && socket.write('{'), 1000 / bytesPerSecond);
    });
    socket.on('data', (data) => (answer += data.toString()));
    socket.on('error', () => undefined); // a reset after the answer is the expected end
    socket.on('close', () => {
      clearInterval(timer);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      resolve({ status: status ? Number(status) : undefined, body: answer, ms: Date.now() - started });
    });
    setTimeout(() => reject(new Error(`no answer after 20 s: ${answer}`)), 20_000).unref();
  });
}

describe('slow request bodies', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      env: {
        API_BODY_TIMEOUT_MS: String(TIMEOUT_MS),
        UPLOAD_IDLE_TIMEOUT_MS: String(TIMEOUT_MS),
        UPLOAD_MAX_BYTES: String(1024 * 1024),
      },
    });
  });
  afterAll(() => api?.stop());

  it('answers 408 to a GraphQL body sent one byte a second, within the body timeout', async () => {
    const outcome = await trickle(
      api,
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
      { bytesPerSecond: 1 },
    );
    expect(outcome.status).toBe(408);
    expect(outcome.body).toMatch(/did not arrive within 1500 ms/);
    expect(outcome.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(outcome.ms).toBeLessThan(TIMEOUT_MS + 1500);
  });

  it('answers 408 to an upload that goes quiet, within the idle timeout', async () => {
    const tenant = await signUpTenant(api.graphqlUrl, 'slow-upload');
    const outcome = await trickle(
      api,
      `POST /v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tenant.token}\r\n` +
        'Content-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n{"fps": 30',
      { bytesPerSecond: 0 },
    );
    expect(outcome.status).toBe(408);
    expect(outcome.body).toMatch(/sent nothing for 1500 ms/);
    expect(outcome.ms).toBeLessThan(TIMEOUT_MS + 1500);
    // The part that arrived was not stored as an upload.
    await new Promise((r) => setTimeout(r, 300));
    const owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query('SELECT count(*)::int AS n FROM artifacts WHERE tenant_id = $1', [
        tenant.tenantId,
      ]);
      expect(rows[0].n).toBe(0);
    } finally {
      await owner.end();
    }
  });

  it('stops timing an upload refused part way, without tripping over its detached socket', async () => {
    // Streamed with no Content-Length, so the limit is found while reading: the API answers 413, the
    // connection closes, and the idle timer is stopped after the socket has left the request.
    const tenant = await signUpTenant(api.graphqlUrl, 'over-limit');
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(`${api.baseUrl}/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.token}`, 'content-type': 'application/octet-stream' },
      body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(res.status).toBe(413);
    await new Promise((r) => setTimeout(r, 200));
    expect((await fetch(`${api.baseUrl}/healthz`)).status).toBe(200);
  });
});
