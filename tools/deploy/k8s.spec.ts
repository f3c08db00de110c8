// k8s/: every overlay rendered with `kubectl kustomize` (kubectl 1.20's built-in kustomize in CI: Debian's
// kubernetes-client) once per suite, every rendered object validated against the Kubernetes OpenAPI schema
// (kubernetes-models; KEDA's ScaledObjects against @kubernetes-models/keda), and the invariants of the
// deployment checked on the output. Below, the same checks shown failing on deliberately bad objects.
// Nothing here talks to a cluster.
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import {
  commandProblems,
  containerProblems,
  datastoreAccessProblems,
  defaultDenyProblems,
  dockerfileOf,
  gpuProblems,
  imageProblems,
  K8sObject,
  manifestCommandProblems,
  parseYamlObjects,
  PodTemplate,
  podTemplates,
  referenceProblems,
  renderKustomization,
  REPO_ROOT,
  schemaProblems,
  secretProblems,
  secretReferences,
  trainingTemplates,
} from './manifest-checks';
import { dockerfilePaths } from './dockerfile-checks';

const OVERLAYS = ['dev', 'prod'] as const;
/** Who may open connections to Postgres and Redis; the first four must. */
const DATASTORE_CLIENTS = ['api', 'worker', 'worker-gpu', 'worker-evaluate', 'migrate', 'training'];
const MUST_REACH_DATASTORES = ['api', 'worker', 'migrate', 'training'];

const rendered = {} as Record<(typeof OVERLAYS)[number], K8sObject[]>;
const find = (objects: K8sObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in the render`);
  return found;
};
const spec = <T>(o: K8sObject) => o.spec as T;
const config = (objects: K8sObject[]) =>
  objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('loris-config'))!.data as Record<
    string,
    string
  >;
const readme = () => readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const deploySection = () => readme().split(/^## Deploy$/m)[1] ?? '';

beforeAll(() => {
  for (const overlay of OVERLAYS)
    rendered[overlay] = renderKustomization(join(REPO_ROOT, 'k8s/overlays', overlay));
});

describe.each(OVERLAYS)('k8s/overlays/%s, rendered', (overlay) => {
  const objects = () => rendered[overlay];
  const templates = () => podTemplates(objects());

  test('every object validates against its OpenAPI schema (KEDA objects against KEDA), the Job templates too', () => {
    expect(objects().length).toBeGreaterThan(30);
    expect(schemaProblems(objects())).toEqual([]);
    expect(trainingTemplates(objects()).map((o) => o.kind)).toEqual(['Job', 'Job']);
    expect(schemaProblems(trainingTemplates(objects()))).toEqual([]);
  });

  test('every container has requests and limits, runs as non-root, drops all capabilities, has probes where it serves', () => {
    expect(templates().length).toBeGreaterThanOrEqual(8);
    expect(containerProblems(templates())).toEqual([]);
  });

  test('GPU workloads request nvidia.com/gpu on the GPU pool', () => {
    expect(gpuProblems(templates())).toEqual([]);
    const gpu = templates().filter((t) =>
      t.spec.containers.some((c) => c.resources?.limits?.['nvidia.com/gpu']),
    );
    expect(gpu.map((t) => t.where)).toEqual(
      expect.arrayContaining(['Deployment/worker-gpu', 'Deployment/worker-evaluate']),
    );
    expect(gpu.some((t) => t.where.includes('multinode-job.yaml'))).toBe(true);
  });

  test('every image matches a Dockerfile in docker/ (the trainer images of the ConfigMap too)', () => {
    const data = config(objects());
    expect(imageProblems(templates(), [data.TRAINER_IMAGE, data.TRAINER_CUDA_IMAGE])).toEqual([]);
  });

  test('every command and args names a script or entry point that exists', () => {
    expect(manifestCommandProblems(templates())).toEqual([]);
  });

  test('Secrets are only referenced, never inlined, and README "Deploy" documents each key', () => {
    expect(secretProblems(objects(), templates())).toEqual([]);
    const refs = secretReferences(objects(), templates());
    expect([...refs.keys()].sort()).toEqual(
      ['loris-auth', 'loris-database', 'loris-redis', 'loris-s3', 'loris-tls'].filter(
        (name) => overlay !== 'dev' || name !== 'loris-tls',
      ),
    );
    const doc = deploySection();
    for (const [name, keys] of refs) {
      expect(doc).toContain(`\`${name}\``);
      for (const key of keys) if (key !== '*' && !key.includes(',')) expect(doc).toContain(`\`${key}\``);
    }
  });

  test('every setting of the ConfigMap is documented in README', () => {
    const text = readme();
    for (const key of Object.keys(config(objects()))) expect(text).toContain(`\`${key}\``);
  });

  test('default-deny NetworkPolicy; only api, the workers, migrate and training pods reach Postgres and Redis', () => {
    expect(defaultDenyProblems(objects())).toEqual([]);
    expect(datastoreAccessProblems(objects(), templates(), DATASTORE_CLIENTS, MUST_REACH_DATASTORES)).toEqual(
      [],
    );
  });

  test('names resolve: ConfigMaps, service accounts, Services, Ingress backends, autoscaler targets', () => {
    expect(referenceProblems(objects(), templates())).toEqual([]);
  });

  test('api and web: Deployments with Services, CPU HPAs and PodDisruptionBudgets; the Ingress has the API, the console and the rater pages', () => {
    for (const name of ['api', 'web']) {
      find(objects(), 'Service', name);
      const hpa = spec<{ metrics: { resource: { name: string } }[] }>(
        find(objects(), 'HorizontalPodAutoscaler', name),
      );
      expect(hpa.metrics.map((m) => m.resource.name)).toEqual(['cpu']);
      expect(find(objects(), 'Deployment', name).apiVersion).toBe('apps/v1');
    }
    for (const name of ['api', 'web', 'worker']) find(objects(), 'PodDisruptionBudget', name);
    const rules = spec<{
      rules: { host: string; http: { paths: { path: string; backend: { service: { name: string } } }[] } }[];
    }>(find(objects(), 'Ingress', 'loris')).rules;
    const routes = rules.flatMap((r) =>
      r.http.paths.map((p) => `${r.host.split('.')[0]}${p.path} -> ${p.backend.service.name}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining(['api/graphql -> api', 'api/v1 -> api', 'studio/ -> web', 'rate/rate -> web']),
    );
    // The API's /metrics and /healthz stay in the cluster: its host routes /graphql and /v1 alone.
    expect(routes.filter((r) => r.endsWith('-> api')).sort()).toEqual([
      'api/graphql -> api',
      'api/v1 -> api',
    ]);
  });

  test('api and the workers probe /healthz/ready and /healthz/live on their port http; web probes /login', () => {
    const template = (name: string) =>
      spec<{ template: { metadata: { annotations?: Record<string, string> }; spec: IPodSpec } }>(
        find(objects(), 'Deployment', name),
      ).template;
    const container = (name: string) => template(name).spec.containers[0];
    expect(container('web').readinessProbe?.httpGet?.path).toBe('/login');
    const settings = config(objects());
    expect(settings).toMatchObject({ WORKER_HTTP_HOST: '0.0.0.0', WORKER_HTTP_PORT: '4100' });
    // The console binds to 127.0.0.1 unless told otherwise: the kubelet's probes come from outside the pod.
    expect(container('web').envFrom).toContainEqual({
      configMapRef: { name: expect.stringMatching(/^loris-config(-\w+)?$/) },
    });
    expect(settings).toMatchObject({ WEB_HOST: '0.0.0.0', WEB_PORT: '3000' });
    const ports: Record<string, number> = { api: Number(settings.API_PORT) };
    for (const name of ['worker', 'worker-gpu', 'worker-evaluate'])
      ports[name] = Number(settings.WORKER_HTTP_PORT);
    for (const [name, port] of Object.entries(ports)) {
      const c = container(name);
      expect(c.ports).toEqual([{ name: 'http', containerPort: port }]);
      for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe])
        expect(probe?.httpGet?.port).toBe('http');
      expect(c.readinessProbe?.httpGet?.path).toBe('/healthz/ready');
      expect(c.livenessProbe?.httpGet?.path).toBe('/healthz/live');
      expect(c.startupProbe?.httpGet?.path).toBe('/healthz/live');
      expect(template(name).metadata.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
      });
    }
  });

  test('Prometheus (namespace monitoring) may scrape the port http of api and the workers, nothing else', () => {
    const policy = spec<{
      podSelector: { matchLabels: Record<string, string> };
      ingress: {
        from: { namespaceSelector?: { matchLabels: Record<string, string> } }[];
        ports: unknown[];
      }[];
    }>(find(objects(), 'NetworkPolicy', 'metrics-scrape'));
    expect(policy.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: [{ protocol: 'TCP', port: 'http' }],
      },
    ]);
    const scraped = templates()
      .filter((t) => Object.entries(policy.podSelector.matchLabels).every(([k, v]) => t.labels[k] === v))
      .map((t) => t.labels['app.kubernetes.io/component'])
      .sort();
    expect(scraped).toEqual(['api', 'worker', 'worker-evaluate', 'worker-gpu']);
  });

  test('one KEDA ScaledObject per queue on its Bull wait list in Redis; the GPU workers scale from zero', () => {
    const prefix = config(objects()).REDIS_KEY_PREFIX;
    const enumText = readFileSync(join(REPO_ROOT, 'libs/engine/src/queue/queue-name.enum.ts'), 'utf8');
    const queues = [...enumText.matchAll(/=\s*'([a-z-]+)'/g)].map((m) => m[1]);
    const scaled = objects().filter((o) => o.kind === 'ScaledObject');
    expect(scaled.map((o) => o.metadata.name).sort()).toEqual(['evaluate', 'generate', 'ingest']);
    for (const o of scaled) {
      const s = spec<{
        minReplicaCount: number;
        scaleTargetRef: { name: string };
        triggers: { type: string; metadata: Record<string, string> }[];
      }>(o);
      const queue = o.metadata.name;
      expect(s.triggers).toEqual([expect.objectContaining({ type: 'redis' })]);
      expect(s.triggers[0].metadata.listName).toBe(`${prefix}:bull:${queue}:wait`);
      expect(queues).toContain(queue);
      const target = spec<{ template: { spec: IPodSpec } }>(
        find(objects(), 'Deployment', s.scaleTargetRef.name),
      );
      const env = target.template.spec.containers[0].env!.map((e) => e.name);
      expect(env).toEqual(
        expect.arrayContaining([
          s.triggers[0].metadata.addressFromEnv,
          s.triggers[0].metadata.passwordFromEnv,
        ]),
      );
      if (queue !== 'ingest') expect(s.minReplicaCount).toBe(0);
    }
    expect(queues).toContain('generate');
  });

  test('each queue is taken by the pool its ScaledObject scales and by no other pool that runs (WORKER_QUEUES)', () => {
    const enumText = readFileSync(join(REPO_ROOT, 'libs/engine/src/queue/queue-name.enum.ts'), 'utf8');
    const queues = [...enumText.matchAll(/=\s*'([a-z-]+)'/g)].map((m) => m[1]);
    const scaled = objects().filter((o) => o.kind === 'ScaledObject');
    // A pool KEDA keeps at zero (dev's paused GPU pools) takes nothing, so it cannot take another's jobs.
    const paused = new Set(
      scaled
        .filter((o) => o.metadata.annotations?.['autoscaling.keda.sh/paused-replicas'] === '0')
        .map((o) => spec<{ scaleTargetRef: { name: string } }>(o).scaleTargetRef.name),
    );
    const workers = objects().filter(
      (o) => o.kind === 'Deployment' && o.metadata.name.startsWith('worker') && !paused.has(o.metadata.name),
    );
    const takes = (deployment: K8sObject): string[] => {
      const env = spec<{ template: { spec: IPodSpec } }>(deployment).template.spec.containers[0].env ?? [];
      const value = env.find((e) => e.name === 'WORKER_QUEUES')?.value;
      return value ? value.split(',').map((q) => q.trim()) : queues;
    };
    for (const queue of queues) {
      const takers = workers.filter((w) => takes(w).includes(queue)).map((w) => w.metadata.name);
      expect({ queue, takers: takers.length }).toEqual({ queue, takers: 1 });
      const scaler = scaled.find((o) => o.metadata.name === queue);
      const target = scaler && spec<{ scaleTargetRef: { name: string } }>(scaler).scaleTargetRef.name;
      if (target && !paused.has(target)) expect(takers).toEqual([target]);
    }
  });

  test('training: Job templates, an Indexed Job with a headless Service for torchrun, a Role bound to the worker', () => {
    const [single, multi] = trainingTemplates(objects());
    expect(spec<{ template: { spec: IPodSpec } }>(single).template.spec.containers[0].command).toEqual([
      'python',
    ]);
    const m = spec<{
      completionMode: string;
      completions: number;
      parallelism: number;
      template: { spec: IPodSpec };
    }>(multi);
    expect(m.completionMode).toBe('Indexed');
    expect(m.completions).toBe(m.parallelism);
    const headless = spec<{ clusterIP: string; publishNotReadyAddresses: boolean }>(
      find(objects(), 'Service', m.template.spec.subdomain!),
    );
    expect(headless.clusterIP).toBe('None');
    expect(headless.publishNotReadyAddresses).toBe(true);
    expect(m.template.spec.containers[0].command).toEqual(['torchrun']);
    expect(m.template.spec.containers[0].args).toEqual(
      expect.arrayContaining([
        `--master_addr=$(JOB_NAME)-0.${m.template.spec.subdomain}`,
        '--node_rank=$(NODE_RANK)',
      ]),
    );

    const role = find(objects(), 'Role', 'training-jobs') as K8sObject & {
      rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    };
    // Exactly what the Kubernetes training backend calls (libs/domain/src/training/kubernetes): Jobs created
    // suspended, resumed (patch), watched and deleted on cancel; pods watched; the per-run Secret created
    // and read back on a retry. Nothing else: no Secret listing, no update, nothing cluster-wide.
    const allowed: Record<string, string[]> = {
      jobs: ['create', 'get', 'list', 'watch', 'patch', 'delete'],
      pods: ['get', 'list', 'watch'],
      'pods/log': ['get'],
      secrets: ['create', 'get'],
    };
    for (const rule of role.rules) {
      for (const resource of rule.resources) {
        expect(allowed[resource]).toBeDefined();
        expect(allowed[resource]).toEqual(expect.arrayContaining(rule.verbs));
      }
    }
    const verbs = (resource: string) =>
      role.rules.filter((r) => r.resources.includes(resource)).flatMap((r) => r.verbs);
    expect(verbs('jobs')).toEqual(expect.arrayContaining(['create', 'patch', 'watch', 'delete']));
    expect(verbs('secrets')).toEqual(expect.arrayContaining(['create', 'get']));
    // The training pods reach the API (their report routes) and the API admits them.
    const training = spec<{ egress: { to: { podSelector?: { matchLabels: Record<string, string> } }[] }[] }>(
      find(objects(), 'NetworkPolicy', 'training'),
    );
    expect(
      training.egress.some((rule) =>
        rule.to.some((peer) => peer.podSelector?.matchLabels['app.kubernetes.io/component'] === 'api'),
      ),
    ).toBe(true);
    const apiIngress = spec<{
      ingress: { from: { podSelector?: { matchLabels: Record<string, string> } }[] }[];
    }>(find(objects(), 'NetworkPolicy', 'api'));
    expect(
      apiIngress.ingress.some((rule) =>
        rule.from.some((peer) => peer.podSelector?.matchLabels['app.kubernetes.io/component'] === 'training'),
      ),
    ).toBe(true);
    const binding = find(objects(), 'RoleBinding', 'worker-training-jobs') as K8sObject & {
      subjects: { name: string }[];
      roleRef: { name: string };
    };
    expect(binding.roleRef.name).toBe('training-jobs');
    for (const name of ['worker', 'worker-gpu', 'worker-evaluate']) {
      const pod = spec<{ template: { spec: IPodSpec } }>(find(objects(), 'Deployment', name)).template.spec;
      expect(binding.subjects.map((s) => s.name)).toContain(pod.serviceAccountName);
    }
  });

  test('the migrate Job runs before the rollout: api and workers wait for it, with its image', () => {
    const job = spec<{ template: { spec: IPodSpec } }>(find(objects(), 'Job', 'migrate')).template.spec;
    const image = job.containers[0].image;
    expect(commandProblems([...job.containers[0].command!])).toEqual([]);
    for (const name of ['api', 'worker', 'worker-gpu', 'worker-evaluate']) {
      const init =
        spec<{ template: { spec: IPodSpec } }>(find(objects(), 'Deployment', name)).template.spec
          .initContainers ?? [];
      expect(init).toEqual([
        expect.objectContaining({
          name: 'wait-for-migrate',
          image,
          command: ['node', 'tools/wait-for-job.js', 'migrate'],
        }),
      ]);
    }
  });
});

describe('overlay differences', () => {
  const hpa = (objects: K8sObject[], name: string) =>
    spec<{ minReplicas: number; maxReplicas: number }>(find(objects, 'HorizontalPodAutoscaler', name));

  test('dev: one replica each, Postgres, Redis and an S3-compatible store in the cluster, GPU workers paused at 0', () => {
    const dev = rendered.dev;
    for (const name of ['api', 'web'])
      expect(hpa(dev, name)).toEqual(expect.objectContaining({ minReplicas: 1, maxReplicas: 1 }));
    expect(spec<{ maxReplicaCount: number }>(find(dev, 'ScaledObject', 'ingest')).maxReplicaCount).toBe(1);
    for (const name of ['generate', 'evaluate']) {
      expect(
        find(dev, 'ScaledObject', name).metadata.annotations?.['autoscaling.keda.sh/paused-replicas'],
      ).toBe('0');
    }
    const statefulSets = dev
      .filter((o) => o.kind === 'StatefulSet')
      .map((o) => o.metadata.name)
      .sort();
    expect(statefulSets).toEqual(['minio', 'postgres', 'redis']);
    expect(config(dev).S3_ENDPOINT).toBe('http://minio:9000');
  });

  test('prod: external stores (no StatefulSets), several replicas, GPU node pools, images from a registry', () => {
    const prod = rendered.prod;
    expect(prod.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
    for (const name of ['api', 'web']) expect(hpa(prod, name).minReplicas).toBeGreaterThanOrEqual(3);
    expect(
      spec<{ minReplicaCount: number }>(find(prod, 'ScaledObject', 'ingest')).minReplicaCount,
    ).toBeGreaterThanOrEqual(2);
    const gpuPools = podTemplates(prod)
      .filter((t) => t.where.startsWith('Deployment/worker-'))
      .map((t) => t.spec.nodeSelector?.['loris.dev/node-pool']);
    expect(gpuPools).toEqual(['gpu-inference', 'gpu-inference']);
    expect(config(prod).TRAINING_NODE_POOL).toBe('gpu-training');
    const images = podTemplates(prod)
      .filter((t) => !t.where.startsWith('ConfigMap/')) // the Job templates: TRAINER_*_IMAGE replaces theirs
      .flatMap((t) => t.spec.containers.map((c) => c.image!))
      .filter((i) => dockerfileOf(i));
    expect(images.every((i) => i.startsWith('registry.example.com/loris/'))).toBe(true);
  });

  test('every Dockerfile in docker/ is deployed: by the overlays or as the trainer images of their ConfigMap', () => {
    const used = new Set<string>();
    for (const overlay of OVERLAYS) {
      const data = config(rendered[overlay]);
      for (const t of podTemplates(rendered[overlay]))
        for (const c of t.spec.containers) used.add(dockerfileOf(c.image!) ?? '');
      for (const image of [data.TRAINER_IMAGE, data.TRAINER_CUDA_IMAGE]) used.add(dockerfileOf(image) ?? '');
    }
    expect(dockerfilePaths().filter((path) => !used.has(path))).toEqual([]);
  });
});

// ---- the checks, failing ---------------------------------------------------------------------------------------

const pod = (
  spec: Partial<IPodSpec> & Pick<IPodSpec, 'containers'>,
  labels: Record<string, string> = {},
): PodTemplate => ({
  where: 'Deployment/bad',
  labels,
  spec: spec as IPodSpec,
});
const GOOD_CONTAINER = {
  name: 'api',
  image: 'loris/api:1.0.0',
  resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
  securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
};

describe('the checks find what is wrong', () => {
  test('a good container passes; missing limits, root, capabilities or probes on a served port do not', () => {
    expect(containerProblems([pod({ containers: [GOOD_CONTAINER] })])).toEqual([]);
    const bad = pod({
      containers: [
        {
          name: 'api',
          image: 'loris/api:1.0.0',
          ports: [{ containerPort: 4000 }],
          resources: { requests: { cpu: '1' } },
        },
      ],
    });
    expect(containerProblems([bad])).toEqual([
      'Deployment/bad container api: no memory requests',
      'Deployment/bad container api: no cpu limits',
      'Deployment/bad container api: no memory limits',
      'Deployment/bad container api: runAsNonRoot is not set',
      'Deployment/bad container api: does not drop ALL capabilities',
      'Deployment/bad container api: allowPrivilegeEscalation is not false',
      'Deployment/bad container api: serves but has no readinessProbe',
      'Deployment/bad container api: serves but has no livenessProbe',
    ]);
  });

  test('a GPU image without nvidia.com/gpu, or without the pool, is refused', () => {
    const gpu = pod({ containers: [{ ...GOOD_CONTAINER, image: 'loris/worker-gpu:1.0.0' }] });
    expect(gpuProblems([gpu])).toEqual([
      'Deployment/bad: a GPU workload that does not request nvidia.com/gpu',
      'Deployment/bad: a GPU workload without a nodeSelector for the GPU pool',
      "Deployment/bad: a GPU workload that does not tolerate the GPU pool's nvidia.com/gpu taint",
    ]);
  });

  test('images without a Dockerfile, unknown or unpinned images are refused', () => {
    const templates = [
      pod({
        containers: [
          { ...GOOD_CONTAINER, image: 'loris/nothing:1.0.0' },
          { ...GOOD_CONTAINER, image: 'loris/api:latest' },
          { ...GOOD_CONTAINER, image: 'nginx:1.27' },
          { ...GOOD_CONTAINER, image: 'registry.example.com:5000/loris/web:2.0.0' },
        ],
      }),
    ];
    expect(imageProblems(templates)).toEqual([
      'Deployment/bad: image "loris/nothing:1.0.0" has no docker/nothing.Dockerfile',
      'Deployment/bad: image "loris/api:latest" has no version tag (or is :latest)',
      'Deployment/bad: image "nginx:1.27" is neither a LORIS image (docker/) nor a known third-party one',
    ]);
  });

  test('commands naming files, modules or scripts that do not exist are refused', () => {
    expect(commandProblems(['node', '-r', './tools/register-paths.js', 'dist/apps/api/src/main.js'])).toEqual(
      [],
    );
    expect(commandProblems(['torchrun', '--nnodes=2', '-m', 'loris_trainer', 'train'])).toEqual([]);
    expect(commandProblems(['node', 'dist/apps/api/src/nope.js'])).toEqual([
      '"dist/apps/api/src/nope.js" does not exist (no apps/api/src/nope.ts to build it from)',
    ]);
    expect(commandProblems(['python', '-m', 'loris_nothing'])).toEqual([
      'no Python module "loris_nothing" in apps/trainer',
    ]);
    expect(commandProblems(['npm', 'run', 'no-such-script'])).toEqual([
      'no npm script "no-such-script" in package.json',
    ]);
    expect(commandProblems(['gunicorn', 'app'])).toEqual(['unknown program "gunicorn"']);
  });

  test('inlined secrets are refused', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } };
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { REDIS_URL: 'redis://:hunter2@redis:6379', API_TOKEN: 'x' },
    };
    const literal = pod({
      containers: [{ ...GOOD_CONTAINER, env: [{ name: 'AUTH_TOKEN_SECRET', value: 'x'.repeat(40) }] }],
    });
    expect(secretProblems([secret, configMap], [literal])).toEqual([
      'Secret/s: a Secret in the manifests (reference it, create it outside)',
      'ConfigMap/c: key REDIS_URL holds a URL with a password',
      'ConfigMap/c: key API_TOKEN looks like a secret',
      'Deployment/bad container api: AUTH_TOKEN_SECRET has a literal value (use secretKeyRef)',
    ]);
  });

  test('without default-deny, or with the console reaching the stores, the network checks fail', () => {
    const allowAll = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'open' },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{}] },
    };
    expect(defaultDenyProblems([allowAll])).toEqual([
      'no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)',
    ]);
    const web = pod({ containers: [GOOD_CONTAINER] }, { 'app.kubernetes.io/component': 'web' });
    expect(datastoreAccessProblems([allowAll], [web], DATASTORE_CLIENTS, ['api'])).toEqual([
      'Deployment/bad (web) may reach Postgres or Redis',
      'api cannot reach Postgres and Redis',
    ]);
  });

  test('dangling references are refused', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'gone' } },
    };
    const t = pod({
      containers: [{ ...GOOD_CONTAINER, envFrom: [{ configMapRef: { name: 'missing' } }] }],
      serviceAccountName: 'nobody',
    });
    expect(referenceProblems([hpa], [t])).toEqual([
      'Deployment/bad: no ConfigMap missing',
      'Deployment/bad: no ServiceAccount nobody',
      'HorizontalPodAutoscaler/h: no Deployment gone',
    ]);
  });

  test('objects that break the schema are refused, KEDA objects included', () => {
    const [deployment, scaled] = parseYamlObjects(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d}',
        'spec: {template: {spec: {containers: [{name: c, image: i, resources: {limits: {cpu: [1]}}}]}}}',
        '---',
        'apiVersion: keda.sh/v1alpha1',
        'kind: ScaledObject',
        'metadata: {name: s}',
        'spec: {scaleTargetRef: {name: w}, minReplicaCount: "zero"}',
      ].join('\n'),
      'test',
    );
    const problems = schemaProblems([
      deployment,
      scaled,
      { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' } },
    ]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^Deployment\/d: .*(selector|cpu)/);
    expect(problems[1]).toMatch(/^ScaledObject\/s: .*(triggers|minReplicaCount)/);
    expect(problems[2]).toBe('Thing/t: no schema for example.com/v1 Thing');
  });
});
