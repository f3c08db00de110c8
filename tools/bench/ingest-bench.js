// `npm run bench:ingest`: one video through the real ingest job (libs/domain IngestVideoHandler, as the
// worker runs it) on a fresh database, Redis key prefix and local blob store, and where its time goes:
// seconds per stage (probe, audio, poses = decode + MoveNet, features and rhythm, onsets, thumbnail,
// storage and database) and the total against the video's real time. The video: 60 s, 30 fps, 1280x720,
// OpenCV's vtest.avi (real pedestrians; Debian's opencv-doc) with synthetic music from libs/synth.
// Goals on 2 cores (issue 14): total <= real time; storage and database < 10% of the total.
//
// Options (environment): BENCH_POSE_FPS (default: the serving model's contract rate), BENCH_CATEGORY
// (DANCE: 25 s segments, the default; FLOOR_EXERCISE or FIGURE_SKATING: 25 s and 50 s after trimming 5 s
// at each end), BENCH_SECONDS (60).
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { root, ensureBuilt, log } = require('./bench-support');
const VTEST = '/usr/share/doc/opencv-doc/examples/data/vtest.avi';
const SECONDS = Number(process.env.BENCH_SECONDS || 60);
const CATEGORY = process.env.BENCH_CATEGORY || 'DANCE';

/** The bench video: vtest.avi looped to SECONDS, 1280x720 at 30 fps, with the synth's music as AAC. */
function makeVideo(dir, synth, audio) {
  const music = synth.generateSynthExample({ genre: 'Pop', seconds: SECONDS, seed: 1 });
  const wavPath = path.join(dir, 'music.wav');
  writeFileSync(wavPath, audio.writeWav({ sampleRate: music.sampleRate, channels: [music.audio] }));
  const out = path.join(dir, 'bench-60s-720p30.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-nostdin',
    '-y',
    '-stream_loop',
    '-1',
    '-i',
    VTEST,
    '-i',
    wavPath,
    '-t',
    String(SECONDS),
    '-vf',
    'scale=1280:720,fps=30',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '192k',
    '-shortest',
    '-movflags',
    '+faststart',
    out,
  ]);
  return out;
}

async function main() {
  if (!existsSync(VTEST)) throw new Error(`${VTEST} is missing: apt-get install opencv-doc`);
  ensureBuilt('dist/libs/domain/src/curation/jobs/ingest-video.handler.js');
  require('../register-paths');
  const req = (lib) => require(path.join(root, `dist/libs/${lib}/src/index.js`));
  const db = req('db');
  const engine = req('engine');
  const domain = req('domain');
  const storage = req('storage');
  const Redis = require('ioredis');
  const { createReadStream } = require('node:fs');

  const work = mkdtempSync(path.join(tmpdir(), 'loris-ingest-bench-'));
  const base = db.databaseConfigFromEnv();
  const name = `loris_bench_ingest_${process.pid}_${Date.now()}`;
  const database = {
    ...base,
    ownerUrl: db.withDatabase(base.ownerUrl, name),
    appUrl: db.withDatabase(base.appUrl, name),
  };
  const cleanups = [() => rmSync(work, { recursive: true, force: true })];
  try {
    log('making the video');
    const videoPath = makeVideo(work, req('synth'), req('audio'));
    await db.setupDatabase(database);
    cleanups.push(() => db.dropDatabase(database.ownerUrl));
    const config = engine.appConfigFromEnv({ ...process.env, REDIS_KEY_PREFIX: name });
    const redis = new Redis(config.redis.url);
    const events = new engine.JobEvents(config, redis);
    cleanups.push(async () => {
      await events.onApplicationShutdown();
      redis.disconnect();
    });
    const dataSource = db.createDataSource({ url: database.appUrl, poolSize: 4 });
    await dataSource.initialize();
    cleanups.push(() => dataSource.destroy());
    const uow = new db.TenantUnitOfWork(dataSource);
    const store = storage.createBlobStore({ STORAGE_DIR: path.join(work, 'blobs') });
    const contract = await new domain.ServingModelService(config).contract();
    const poseFps = Number(process.env.BENCH_POSE_FPS || contract.pose.fps);

    const { tenantId } = await new db.AuthDirectory(dataSource).signUp(`${name}@example.com`, 'x', 'bench');
    const blob = await store.put(createReadStream(videoPath));
    const videoId = await uow.run(tenantId, async (m) => {
      const dataset = await m.save(db.DatasetEntity, {
        tenantId,
        name: 'bench',
        category: CATEGORY,
        segmentLengths: CATEGORY === 'DANCE' ? [25] : [25, 50],
        poseFps,
      });
      const artifact = await m.save(db.ArtifactEntity, {
        tenantId,
        kind: 'VIDEO',
        mediaType: 'video/mp4',
        durationSeconds: SECONDS,
        ...blob,
      });
      const video = await m.save(db.VideoEntity, {
        tenantId,
        datasetId: dataset.id,
        sourceArtifactId: artifact.id,
      });
      return video.id;
    });

    const handler = new domain.IngestVideoHandler(uow, events, store);
    const timings = new domain.IngestTimings();
    log(`ingesting (${CATEGORY}, poses at ${poseFps} fps)`);
    const start = performance.now();
    await handler.handle({ tenantId, videoId }, { id: 'bench', attempt: 1, maxAttempts: 1 }, timings);
    const total = (performance.now() - start) / 1000;
    const video = await uow.run(tenantId, (m) => m.findOneByOrFail(db.VideoEntity, { id: videoId }));
    const segments = await uow.run(tenantId, (m) => m.countBy(db.SegmentEntity, { videoId }));
    if (video.status !== 'READY') throw new Error(`the ingest ended ${video.status}: ${video.failureReason}`);

    const rows = domain.INGEST_STAGES.map((stage) => [stage, timings.seconds[stage]]);
    console.log(
      `ingest of a ${SECONDS} s, 30 fps, 1280x720 video with music: ${segments} segment(s), ${CATEGORY}, poses at ${poseFps} fps`,
    );
    for (const [stage, seconds] of rows)
      console.log(`  ${stage.padEnd(20)} ${seconds.toFixed(2).padStart(7)} s`);
    console.log(
      `  ${'total'.padEnd(20)} ${total.toFixed(2).padStart(7)} s  (${(total / SECONDS).toFixed(2)} x real time)`,
    );
    const db10 = timings.seconds.storageAndDatabase / total;
    console.log(`  storage and database: ${(db10 * 100).toFixed(1)}% of the total`);
    console.log('  (audio and thumbnail run beside poses, so the stages add up to more than the total)');
  } finally {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve(cleanup()).catch((e) => log(`cleanup: ${e.message}`));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    log(error.stack || String(error));
    process.exit(1);
  },
);
