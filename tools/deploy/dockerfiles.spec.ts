// docker/: the Dockerfiles, .dockerignore and compose.yaml, checked statically (no Docker engine here, and
// none in CI): each image's build runs the npm scripts CI runs, so CI proves its steps work; runs as a
// non-root user; has a HEALTHCHECK where it serves HTTP; keeps devDependencies and source maps out; copies
// only what .dockerignore lets through. Below, the same checks shown failing on deliberately bad files.
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import {
  ciScripts,
  contextProblems,
  Dockerfile,
  dockerfilePaths,
  entrypointProblems,
  imageRuleProblems,
  npmProblems,
  parseDockerfile,
  readDockerfile,
  shellCommands,
} from './dockerfile-checks';
import { dockerfileOf, pinned, REPO_ROOT, THIRD_PARTY_IMAGES } from './manifest-checks';

const EXPECTED = ['api', 'migrate', 'trainer', 'trainer-cuda', 'web', 'worker', 'worker-gpu']
  .map((n) => `docker/${n}.Dockerfile`)
  .sort();
const SERVES_HTTP = [
  'docker/api.Dockerfile',
  'docker/web.Dockerfile',
  'docker/worker.Dockerfile',
  'docker/worker-gpu.Dockerfile',
];
const NODE_IMAGES = EXPECTED.filter((p) => !p.includes('trainer'));

const dockerignore = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8');
const files: Record<string, Dockerfile> = {};
let ci: Set<string>;

beforeAll(() => {
  for (const path of dockerfilePaths()) files[path] = readDockerfile(path);
  ci = ciScripts();
});

const npmRuns = (file: Dockerfile) =>
  file.stages
    .flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN'))
    .flatMap((i) => shellCommands(i.args))
    .filter((w) => w[0] === 'npm' && w[1] === 'run')
    .map((w) => w.filter((x) => !x.startsWith('-'))[2]);

test('one Dockerfile per process: api, worker, worker-gpu, web, trainer, trainer-cuda, migrate', () => {
  expect(Object.keys(files)).toEqual(EXPECTED);
});

test('CI runs npm ci, the build and the console build: the scripts the images build with', () => {
  expect([...ci]).toEqual(expect.arrayContaining(['build', 'web:build']));
});

describe.each(EXPECTED)('%s', (path) => {
  const file = () => files[path];

  test('builds with only npm ci and the npm scripts CI runs', () => {
    expect(npmProblems(file(), ci)).toEqual([]);
    if (NODE_IMAGES.includes(path)) {
      expect(npmRuns(file())).toEqual([path.includes('web') ? 'web:build' : 'build']);
    }
  });

  test('multi-stage, non-root, pinned bases, no devDependencies or source maps, a HEALTHCHECK where it serves', () => {
    expect(imageRuleProblems(file())).toEqual([]);
    const last = file().stages[file().stages.length - 1];
    const healthcheck = last.instructions.some((i) => i.keyword === 'HEALTHCHECK');
    expect(healthcheck).toBe(SERVES_HTTP.includes(path));
    if (healthcheck)
      expect(last.instructions.find((i) => i.keyword === 'HEALTHCHECK')!.args).toMatch(/\/(healthz|login)/);
  });

  test('copies only what exists and what .dockerignore lets into the build context', () => {
    expect(contextProblems(file(), dockerignore)).toEqual([]);
  });

  test('runs an entry point that exists in the repository', () => {
    expect(entrypointProblems(file())).toEqual([]);
  });
});

test('web listens on every interface in its container: the console binds to 127.0.0.1 by default', () => {
  const last = files['docker/web.Dockerfile'].stages.at(-1)!;
  const env = last.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args);
  expect(env).toContainEqual(expect.stringMatching(/(^|\s)WEB_HOST=0\.0\.0\.0(\s|$)/));
  const cmd = last.instructions.find((i) => i.keyword === 'CMD')!.args;
  expect(cmd).toContain('--hostname \\"${WEB_HOST');
});

test('worker-gpu installs the CUDA execution provider of onnxruntime-node on a CUDA runtime base', () => {
  const file = files['docker/worker-gpu.Dockerfile'];
  const last = file.stages[file.stages.length - 1];
  expect(last.from).toMatch(/^nvidia\/cuda:12\.[\d.]+-cudnn-runtime-/);
  const runs = file.stages.flatMap((s) =>
    s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args),
  );
  expect(runs).toContainEqual(
    expect.stringMatching(
      /ONNXRUNTIME_NODE_INSTALL= ONNXRUNTIME_NODE_INSTALL_CUDA=v12 node node_modules\/onnxruntime-node\/script\/install\.js/,
    ),
  );
  // What those variables mean to onnxruntime-node's install script: install the cuda12 manifest.
  const previous = { ...process.env };
  try {
    process.env.ONNXRUNTIME_NODE_INSTALL = '';
    process.env.ONNXRUNTIME_NODE_INSTALL_CUDA = 'v12';
    const utils = require(join(REPO_ROOT, 'node_modules/onnxruntime-node/script/install-utils.js')) as {
      parseInstallFlag(): unknown;
    };
    expect(utils.parseInstallFlag()).toBe('cuda12');
  } finally {
    process.env = previous;
  }
  const installMetadata = readFileSync(
    join(REPO_ROOT, 'node_modules/onnxruntime-node/script/install-metadata.js'),
    'utf8',
  );
  expect(installMetadata).toContain("'linux/x64:cuda12'");
});

test('the trainer images: CPU wheels on python slim, CUDA on the PyTorch runtime image', () => {
  expect(files['docker/trainer.Dockerfile'].stages[0].from).toMatch(/^python:3\.11-slim/);
  expect(files['docker/trainer.Dockerfile'].stages[0].instructions.map((i) => i.args).join('\n')).toContain(
    'download.pytorch.org/whl/cpu',
  );
  expect(files['docker/trainer-cuda.Dockerfile'].stages[0].from).toMatch(
    /^pytorch\/pytorch:[\d.]+-cuda12[\d.]*-cudnn\d+-runtime$/,
  );
});

test('.dockerignore keeps tests, build outputs and local settings out', () => {
  const bad = parseDockerfile(
    [
      'FROM node:20.20.2-bookworm-slim',
      'COPY libs libs',
      'COPY libs/engine/src/config/app-config.spec.ts a',
      'COPY apps/trainer/tests b',
      'COPY tools/start.sh c',
      'COPY no/such/file d',
    ].join('\n'),
    'bad',
  );
  expect(contextProblems(bad, dockerignore)).toEqual([
    'bad line 3: COPY libs/engine/src/config/app-config.spec.ts: excluded by .dockerignore',
    'bad line 4: COPY apps/trainer/tests: excluded by .dockerignore',
    'bad line 5: COPY tools/start.sh: excluded by .dockerignore',
    'bad line 6: COPY no/such/file: nothing there',
  ]);
});

describe('docker/compose.yaml', () => {
  const compose = () =>
    parse(readFileSync(join(REPO_ROOT, 'docker/compose.yaml'), 'utf8'), { merge: true }) as {
      services: Record<
        string,
        {
          image?: string;
          build?: { context: string; dockerfile: string };
          command?: string[];
          depends_on?: Record<string, { condition: string }>;
        }
      >;
    };

  test('postgres, redis, an S3-compatible store, migrations, api, worker and web', () => {
    expect(Object.keys(compose().services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'minio', 'migrate', 'api', 'worker', 'web']),
    );
  });

  test('migrations run first: api and worker start once migrate has completed; web once the API is healthy', () => {
    const { services } = compose();
    for (const name of ['api', 'worker'])
      expect(services[name].depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(services.web.depends_on?.api?.condition).toBe('service_healthy');
  });

  test('each LORIS image is built from its Dockerfile; the others are pinned third-party images', () => {
    for (const [name, service] of Object.entries(compose().services)) {
      const image = service.image!;
      expect(pinned(image)).toBe(true);
      if (service.build) {
        expect(service.build.context).toBe('..');
        expect(`docker/${service.build.dockerfile.replace(/^docker\//, '')}`).toBe(dockerfileOf(image));
        expect(EXPECTED).toContain(dockerfileOf(image));
      } else {
        expect([name, THIRD_PARTY_IMAGES]).toEqual([
          name,
          expect.arrayContaining([image.replace(/[:@].*$/, '')]),
        ]);
      }
    }
  });
});

describe('the checks find what is wrong', () => {
  const bad = parseDockerfile(
    [
      '# syntax=docker/dockerfile:1',
      'ARG BASE=node:latest',
      'FROM ${BASE} AS build',
      'RUN npm install && npx tsc -p tsconfig.build.json',
      'RUN npm run bench:api \\',
      '  && npm run no-such-script',
      'FROM node:20.20.2-bookworm-slim',
      'COPY --from=build /src/node_modules node_modules',
      'COPY --from=build /src/dist dist',
      'EXPOSE 4000',
      'USER root',
      'CMD ["node", "dist/apps/api/src/gone.js"]',
    ].join('\n'),
    'docker/bad.Dockerfile',
  );

  test('the reader joins continuations, drops comments and substitutes global ARGs', () => {
    expect(bad.stages.map((s) => [s.name, s.from])).toEqual([
      ['build', 'node:latest'],
      [undefined, 'node:20.20.2-bookworm-slim'],
    ]);
    expect(bad.stages[0].instructions[1]).toEqual({
      keyword: 'RUN',
      args: 'npm run bench:api    && npm run no-such-script',
      line: 5,
    });
  });

  test('npm other than ci and CI scripts, npx, root, no HEALTHCHECK, dev dependencies, source maps, a missing entry point', () => {
    expect(npmProblems(bad, ciScripts())).toEqual([
      'docker/bad.Dockerfile stage build: `npm install`: only npm ci and npm run <a script CI runs> build an image',
      'docker/bad.Dockerfile stage build: `npx tsc -p tsconfig.build.json`: npx in a build (use an npm script CI runs)',
      'docker/bad.Dockerfile stage build: `npm run bench:api`: "bench:api" is not an npm script CI runs',
      'docker/bad.Dockerfile stage build: `npm run no-such-script`: "no-such-script" is not an npm script CI runs',
    ]);
    expect(imageRuleProblems(bad)).toEqual([
      'docker/bad.Dockerfile: the final stage does not run as a numeric non-root USER (got root)',
      'docker/bad.Dockerfile: serves HTTP (EXPOSE) without a HEALTHCHECK',
      'docker/bad.Dockerfile: base image "node:latest" is not pinned',
      'docker/bad.Dockerfile: node_modules comes from stage build, which does not install with npm ci --omit=dev',
      'docker/bad.Dockerfile: build output from stage build keeps its source maps',
    ]);
    expect(entrypointProblems(bad)).toEqual([
      'docker/bad.Dockerfile CMD: "dist/apps/api/src/gone.js" does not exist (no apps/api/src/gone.ts to build it from)',
    ]);
  });
});
