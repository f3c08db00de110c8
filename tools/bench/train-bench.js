// `npm run bench:train`: the LOCAL training backend's speed against the bare trainer (issue 15). The same
// synthetic manifest and settings run (1) as `python3 -m loris_trainer train` alone, its stdout drained,
// and (2) through the real LocalTrainingRunner with the worker's sink (RunRecorder -> TrainingEventsService:
// metric points, log and checkpoints written to Postgres and the blob store) on a fresh database. Runs
// alternate (bare, local, bare, local, ...) so a busy machine's drift hits both alike. Steps per second
// are over the whole training (spawn to the trainer's `done` line: start-up included, export excluded);
// the trainer's own median seconds per step is printed beside. Goal: overhead under 5%.
//
// Options (environment): BENCH_STEPS (150), BENCH_RUNS (2 of each), TRAINING_THREADS (1), BENCH_CROP
// (16384 samples), BENCH_LOG_EVERY (1: one point per step, the sink's worst case), BENCH_CHECKPOINT_EVERY
// (50: each checkpoint is also hashed into the blob store, a cost the bare trainer does not pay).
const { execFileSync, spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { root, ensureBuilt, log } = require('./bench-support');
const trainerDir = path.join(root, 'apps', 'trainer');
const PYTHON = process.env.TRAINER_PYTHON || '/usr/bin/python3';
const STEPS = Number(process.env.BENCH_STEPS || 150);
const RUNS = Number(process.env.BENCH_RUNS || 2);
const THREADS = Number(process.env.TRAINING_THREADS || 1);
const OVERRIDES = {
  'train.crop_samples': Number(process.env.BENCH_CROP || 16384),
  'train.batch_size': 2,
  'train.log_every': Number(process.env.BENCH_LOG_EVERY || 1),
  'train.checkpoint_every': Number(process.env.BENCH_CHECKPOINT_EVERY || 50),
  'train.val_every': 50,
  'train.val_batches': 1,
  'train.warmup_steps': 1,
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};

/** The bare trainer: spawn to its `done` line, stdout read line by line as any consumer must. */
function bareRun(manifest, out) {
  return new Promise((resolve, reject) => {
    const args = ['-m', 'loris_trainer', 'train', '--config', 'tiny', '--manifest', manifest, '--out', out];
    args.push('--steps', String(STEPS), '--threads', String(THREADS));
    for (const [key, value] of Object.entries(OVERRIDES)) args.push(`--set=${key}=${JSON.stringify(value)}`);
    const started = performance.now();
    const child = spawn(PYTHON, args, {
      cwd: trainerDir,
      env: { ...process.env, OMP_NUM_THREADS: String(THREADS), PYTHONUNBUFFERED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let rest = '';
    let doneAt = null;
    const perStep = [];
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const event = JSON.parse(line);
        if (event.event === 'step') perStep.push(event.secondsPerStep);
        if (event.event === 'done') doneAt = performance.now();
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 && doneAt
        ? resolve({ seconds: (doneAt - started) / 1000, perStep: median(perStep) })
        : reject(new Error(`the bare trainer exited ${code}`)),
    );
  });
}

async function main() {
  ensureBuilt('dist/libs/domain/src/training/runners/local-training-runner.js');
  require('../register-paths');
  const req = (lib) => require(path.join(root, `dist/libs/${lib}/src/index.js`));
  const db = req('db');
  const domain = req('domain');
  const storage = req('storage');

  const work = mkdtempSync(path.join(tmpdir(), 'loris-train-bench-'));
  const base = db.databaseConfigFromEnv();
  const name = `loris_bench_train_${process.pid}_${Date.now()}`;
  const database = {
    ...base,
    ownerUrl: db.withDatabase(base.ownerUrl, name),
    appUrl: db.withDatabase(base.appUrl, name),
  };
  const cleanups = [() => rmSync(work, { recursive: true, force: true })];
  try {
    log('writing the synthetic manifest (8 examples of 6 s)');
    const manifest = path.join(work, 'manifest');
    execFileSync(
      PYTHON,
      [
        '-c',
        `from pathlib import Path; from loris_trainer.synthetic import write_corpus; write_corpus(Path(${JSON.stringify(manifest)}), count=8, seconds=6.0, seed=1)`,
      ],
      {
        cwd: trainerDir,
      },
    );
    await db.setupDatabase(database);
    cleanups.push(() => db.dropDatabase(database.ownerUrl));
    const dataSource = db.createDataSource({ url: database.appUrl, poolSize: 4 });
    await dataSource.initialize();
    cleanups.push(() => dataSource.destroy());
    const uow = new db.TenantUnitOfWork(dataSource);
    const store = storage.createBlobStore({ STORAGE_DIR: path.join(work, 'blobs') });
    const recorder = new domain.TrainingEventsService(uow);
    const { tenantId } = await new db.AuthDirectory(dataSource).signUp(`${name}@example.com`, 'x', 'bench');
    const versionId = await uow.run(tenantId, async (m) => {
      const dataset = await m.save(db.DatasetEntity, {
        tenantId,
        name: 'bench',
        category: 'DANCE',
        segmentLengths: [25],
        poseFps: 30,
      });
      const [row] = await m.query(
        `INSERT INTO dataset_versions (tenant_id, dataset_id, number, split_seed, split_by, train_ratio, valid_ratio, test_ratio)
         VALUES ($1, $2, 1, 1, 'SOURCE', 1, 0, 0) RETURNING id`,
        [tenantId, dataset.id],
      );
      return row.id;
    });

    const localRun = async (i) => {
      const run = await uow.run(tenantId, (m) =>
        m.save(db.TrainingRunEntity, {
          tenantId,
          datasetVersionId: versionId,
          preset: 'tiny',
          overrides: OVERRIDES,
          steps: STEPS,
          backend: 'LOCAL',
          modelName: 'bench',
          status: 'RUNNING',
          lastStep: 0,
          attempt: 1,
          startedAt: new Date(),
        }),
      );
      const runner = new domain.LocalTrainingRunner(
        { trainerDir, python: PYTHON, threads: THREADS, maxSeconds: 3600 },
        async () => ({
          manifestDir: manifest,
          resumeCheckpoint: null,
          runDir: path.join(work, `local-${i}`, run.id),
        }),
      );
      const sink = new domain.RunRecorder(tenantId, run.id, recorder, store, () => undefined);
      let doneAt = null;
      const perStep = [];
      const timed = {
        event: async (event) => {
          if (event.event === 'step') perStep.push(event.secondsPerStep);
          if (event.event === 'done') doneAt = performance.now();
          await sink.event(event);
        },
        log: (lines) => sink.log(lines),
      };
      const stop = new AbortController();
      const started = performance.now();
      // The runner exports after training; the bench times the training, so it stops at `done`.
      const outcome = await runner.run(
        {
          runId: run.id,
          tenantId,
          preset: 'tiny',
          overrides: OVERRIDES,
          steps: STEPS,
          datasetVersionId: versionId,
          resumeCheckpoint: null,
        },
        timed,
        stop.signal,
      );
      await sink.close();
      if (outcome.status === 'FAILED' || !doneAt) throw new Error(`the local run failed: ${outcome.message}`);
      const [{ n }] = await uow.run(tenantId, (m) =>
        m.query(
          `SELECT count(*)::int AS n FROM training_metric_points WHERE run_id = $1 AND kind = 'train'`,
          [run.id],
        ),
      );
      if (n !== Math.ceil(STEPS / OVERRIDES['train.log_every']))
        throw new Error(`expected every step's point, found ${n}`);
      return { seconds: (doneAt - started) / 1000, perStep: median(perStep) };
    };

    const bare = [];
    const local = [];
    for (let i = 0; i < RUNS; i++) {
      log(`run ${i + 1}/${RUNS}: bare trainer`);
      bare.push(await bareRun(manifest, path.join(work, `bare-${i}`)));
      log(`run ${i + 1}/${RUNS}: local backend (runner + sink into Postgres)`);
      local.push(await localRun(i));
    }
    const rate = (runs) => STEPS / median(runs.map((r) => r.seconds));
    const bareRate = rate(bare);
    const localRate = rate(local);
    const overhead = (bareRate / localRate - 1) * 100;
    console.log(
      `training ${STEPS} steps of the tiny config (crop ${OVERRIDES['train.crop_samples']}, batch 2, ${THREADS} thread(s), a point every ${OVERRIDES['train.log_every']} step(s)), median of ${RUNS} run(s) each:`,
    );
    console.log(
      `  bare trainer   ${bareRate.toFixed(3)} steps/s  (${median(bare.map((r) => r.perStep)).toFixed(3)} s/step by the trainer)`,
    );
    console.log(
      `  local backend  ${localRate.toFixed(3)} steps/s  (${median(local.map((r) => r.perStep)).toFixed(3)} s/step by the trainer)`,
    );
    console.log(`  overhead       ${overhead.toFixed(1)}% (goal < 5%)`);
    console.log(
      `  runs (s): bare ${bare.map((r) => r.seconds.toFixed(1)).join(', ')}; local ${local.map((r) => r.seconds.toFixed(1)).join(', ')}`,
    );
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
