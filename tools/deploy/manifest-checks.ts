// Checks on rendered Kubernetes manifests (the output of `kubectl kustomize k8s/overlays/<name>`): schema
// validation with kubernetes-models (KEDA's objects with @kubernetes-models/keda) and the invariants the
// deployment promises. Each check returns the problems it found as sentences; an empty list is a pass.
// Pure functions over parsed objects, plus a few reads of the repository (Dockerfiles, scripts, modules).
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string };
  [field: string]: unknown;
}

/** A pod template found in a rendered object (a workload, or a Job template inside a ConfigMap). */
export interface PodTemplate {
  /** "Deployment/api", "ConfigMap/loris-training-templates[job.yaml]"... */
  where: string;
  labels: Record<string, string>;
  spec: IPodSpec;
}

// ---- rendering -------------------------------------------------------------------------------------------

/** `kubectl kustomize <dir>` (KUBECTL overrides the binary), parsed into objects. */
export function renderKustomization(dir: string): K8sObject[] {
  const kubectl = process.env.KUBECTL || 'kubectl';
  let out: string;
  try {
    out = execFileSync(kubectl, ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as Error & { stderr?: string; code?: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        `${kubectl} not found: install kubectl (Debian: kubernetes-client; tools/install-system-deps.sh)`,
      );
    }
    throw new Error(`${kubectl} kustomize ${dir} failed: ${e.stderr || e.message}`);
  }
  return parseYamlObjects(out, dir);
}

/** Every non-empty document of a YAML stream, as objects; a parse error names the source. */
export function parseYamlObjects(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc, index) => {
      if (doc.errors.length) throw new Error(`${source}, document ${index + 1}: ${doc.errors[0].message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null && typeof o === 'object');
}

const ref = (o: K8sObject) => `${o.kind}/${o.metadata?.name}`;

// ---- schema ------------------------------------------------------------------------------------------------

type ModelClass = new (data: unknown) => { validate(): void };

/** The kubernetes-models (or @kubernetes-models/keda) class of an apiVersion and kind, if there is one. */
export function modelClass(apiVersion: string, kind: string): ModelClass | undefined {
  let modulePath: string;
  if (apiVersion.startsWith('keda.sh/')) modulePath = `@kubernetes-models/keda/${apiVersion}`;
  else modulePath = `kubernetes-models/${apiVersion}`; // "v1" (core) or "<group>/<version>"
  try {
    return (require(modulePath) as Record<string, ModelClass>)[kind];
  } catch {
    return undefined;
  }
}

/** Each object validated against the OpenAPI schema of its apiVersion and kind. */
export function schemaProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    const Model = o.apiVersion && o.kind ? modelClass(o.apiVersion, o.kind) : undefined;
    if (!Model) {
      problems.push(`${ref(o)}: no schema for ${o.apiVersion} ${o.kind}`);
      continue;
    }
    try {
      new Model(o).validate();
    } catch (error) {
      problems.push(`${ref(o)}: ${(error as Error).message}`);
    }
  }
  return problems;
}

// ---- pod templates and containers ------------------------------------------------------------------------

const TEMPLATE_CONFIGMAP = 'loris-training-templates';

/** The pod templates of the workloads, and those of the Job templates kept in the training ConfigMap. */
export function podTemplates(objects: K8sObject[]): PodTemplate[] {
  const found: PodTemplate[] = [];
  for (const o of objects) {
    const spec = o.spec as Record<string, unknown> | undefined;
    if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet'].includes(o.kind) && spec) {
      const template = spec.template as { metadata?: ObjectMeta; spec: IPodSpec };
      found.push({ where: ref(o), labels: template.metadata?.labels ?? {}, spec: template.spec });
    } else if (o.kind === 'CronJob' && spec) {
      const job = (spec.jobTemplate as { spec: { template: { metadata?: ObjectMeta; spec: IPodSpec } } })
        .spec;
      found.push({ where: ref(o), labels: job.template.metadata?.labels ?? {}, spec: job.template.spec });
    } else if (o.kind === 'ConfigMap' && o.metadata.name.startsWith(TEMPLATE_CONFIGMAP)) {
      for (const [key, text] of Object.entries((o.data as Record<string, string>) ?? {})) {
        for (const inner of parseYamlObjects(text, `${ref(o)}[${key}]`)) {
          found.push(...podTemplates([inner]).map((t) => ({ ...t, where: `${ref(o)}[${key}] ${t.where}` })));
        }
      }
    }
  }
  return found;
}

/** The Job templates kept in the training ConfigMap, parsed. */
export function trainingTemplates(objects: K8sObject[]): K8sObject[] {
  return objects
    .filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith(TEMPLATE_CONFIGMAP))
    .flatMap((o) =>
      Object.entries((o.data as Record<string, string>) ?? {}).flatMap(([key, text]) =>
        parseYamlObjects(text, `${ref(o)}[${key}]`),
      ),
    );
}

const allContainers = (spec: IPodSpec): { container: IContainer; init: boolean }[] => [
  ...(spec.initContainers ?? []).map((container) => ({ container, init: true })),
  ...spec.containers.map((container) => ({ container, init: false })),
];

/**
 * Every container: CPU and memory requests and limits; runs as non-root (runAsNonRoot, its own or the pod's);
 * drops all capabilities and may not escalate; and, when it serves (declares a port), readiness and liveness
 * probes.
 */
export function containerProblems(templates: PodTemplate[]): string[] {
  const problems: string[] = [];
  for (const t of templates) {
    for (const { container: c, init } of allContainers(t.spec)) {
      const at = `${t.where} container ${c.name}`;
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory']) {
          if (c.resources?.[kind]?.[resource] === undefined) problems.push(`${at}: no ${resource} ${kind}`);
        }
      }
      const nonRoot = c.securityContext?.runAsNonRoot ?? t.spec.securityContext?.runAsNonRoot;
      if (nonRoot !== true) problems.push(`${at}: runAsNonRoot is not set`);
      if (!c.securityContext?.capabilities?.drop?.includes('ALL'))
        problems.push(`${at}: does not drop ALL capabilities`);
      if (c.securityContext?.allowPrivilegeEscalation !== false)
        problems.push(`${at}: allowPrivilegeEscalation is not false`);
      if (!init && (c.ports ?? []).length > 0) {
        if (!c.readinessProbe) problems.push(`${at}: serves but has no readinessProbe`);
        if (!c.livenessProbe) problems.push(`${at}: serves but has no livenessProbe`);
      }
    }
  }
  return problems;
}

const GPU = 'nvidia.com/gpu';

/** Whether a pod template is meant for the GPU pool (its image, node selector or GPU toleration says so). */
function wantsGpu(t: PodTemplate): boolean {
  const images = t.spec.containers.map((c) => c.image ?? '');
  return (
    images.some((image) => /(^|\/)loris\/(worker-gpu|trainer-cuda)[:@]/.test(image)) ||
    (t.spec.tolerations ?? []).some((toleration) => toleration.key === GPU)
  );
}

/**
 * GPU workloads request nvidia.com/gpu (requests equal to limits, as extended resources must be) and carry
 * the GPU pool's node selector and toleration; nothing else asks for a GPU.
 */
export function gpuProblems(templates: PodTemplate[]): string[] {
  const problems: string[] = [];
  for (const t of templates) {
    const requesting = t.spec.containers.filter((c) => c.resources?.limits?.[GPU] !== undefined);
    if (wantsGpu(t)) {
      if (!requesting.length) problems.push(`${t.where}: a GPU workload that does not request ${GPU}`);
      for (const c of requesting) {
        if (String(c.resources?.requests?.[GPU]) !== String(c.resources?.limits?.[GPU])) {
          problems.push(`${t.where} container ${c.name}: ${GPU} requests differ from limits`);
        }
      }
      if (!t.spec.nodeSelector || !Object.keys(t.spec.nodeSelector).length) {
        problems.push(`${t.where}: a GPU workload without a nodeSelector for the GPU pool`);
      }
      if (!(t.spec.tolerations ?? []).some((toleration) => toleration.key === GPU)) {
        problems.push(`${t.where}: a GPU workload that does not tolerate the GPU pool's ${GPU} taint`);
      }
    } else if (requesting.length) {
      problems.push(`${t.where}: requests ${GPU} but is not a GPU workload (image, toleration)`);
    }
  }
  return problems;
}

// ---- images --------------------------------------------------------------------------------------------------

/** Images of other projects the manifests may run (the dev overlay's stores), pinned to a version. */
export const THIRD_PARTY_IMAGES = ['postgres', 'redis', 'minio/minio'];

/** The Dockerfile of a LORIS image (`[registry/]loris/<name>:<tag>` -> docker/<name>.Dockerfile). */
export function dockerfileOf(image: string): string | undefined {
  const match = /(?:^|\/)loris\/([a-z0-9-]+)(?::[\w.-]+)?(?:@sha256:[0-9a-f]{64})?$/.exec(image);
  return match ? `docker/${match[1]}.Dockerfile` : undefined;
}

/** Whether an image names a digest, or a tag other than latest. */
export function pinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const name = image.split('/').pop() ?? '';
  const tag = name.includes(':') ? name.slice(name.indexOf(':') + 1) : '';
  return tag !== '' && tag !== 'latest';
}

/**
 * Every image names a Dockerfile in docker/ (LORIS images) or is one of THIRD_PARTY_IMAGES, and all are
 * pinned. `extra` are image references kept elsewhere (the trainer images of the ConfigMap).
 */
export function imageProblems(templates: PodTemplate[], extra: string[] = [], root = REPO_ROOT): string[] {
  const problems: string[] = [];
  const images = [
    ...templates.flatMap((t) =>
      allContainers(t.spec).map(({ container }) => ({ where: t.where, image: container.image ?? '' })),
    ),
    ...extra.map((image) => ({ where: 'ConfigMap', image })),
  ];
  for (const { where, image } of images) {
    if (!pinned(image)) problems.push(`${where}: image "${image}" has no version tag (or is :latest)`);
    const dockerfile = dockerfileOf(image);
    if (dockerfile) {
      if (!existsSync(join(root, dockerfile)))
        problems.push(`${where}: image "${image}" has no ${dockerfile}`);
    } else {
      const repository = image.replace(/[:@].*$/, '');
      if (!THIRD_PARTY_IMAGES.includes(repository)) {
        problems.push(
          `${where}: image "${image}" is neither a LORIS image (docker/) nor a known third-party one`,
        );
      }
    }
  }
  return problems;
}

// ---- commands ------------------------------------------------------------------------------------------------

const PROGRAMS = ['node', 'python', 'python3', 'torchrun', 'sh', 'bash', 'npm'];

/**
 * Whether a command line (command + args, as run in a LORIS image whose working directory is the repository's
 * layout) names only things that exist: the program, script files (dist/<x>.js is built from <x>.ts), Python
 * modules after -m (in apps/trainer), npm scripts after `npm run`.
 */
export function commandProblems(argv: string[], root = REPO_ROOT): string[] {
  if (!argv.length) return [];
  const problems: string[] = [];
  const packageScripts = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const [program] = argv;
  if (!PROGRAMS.includes(program) && !existsSync(join(root, program)))
    problems.push(`unknown program "${program}"`);
  argv.forEach((arg, i) => {
    const previous = argv[i - 1];
    if (previous === '-m' && ['python', 'python3', 'torchrun'].includes(program)) {
      const dir = join(root, 'apps/trainer', ...arg.split('.'));
      if (!existsSync(join(dir, '__main__.py')) && !existsSync(`${dir}.py`)) {
        problems.push(`no Python module "${arg}" in apps/trainer`);
      }
    } else if (program === 'npm' && previous === 'run') {
      if (!packageScripts[arg]) problems.push(`no npm script "${arg}" in package.json`);
    } else if (
      /^(\.\/)?(dist|tools|apps|libs|models|docker)\//.test(arg) ||
      /\.(js|mjs|cjs|sh|py)$/.test(arg)
    ) {
      const path = arg.replace(/^\.\//, '');
      const source = path.startsWith('dist/') ? path.replace(/^dist\//, '').replace(/\.js$/, '.ts') : path;
      if (!existsSync(join(root, source))) {
        problems.push(`"${arg}" does not exist${source !== path ? ` (no ${source} to build it from)` : ''}`);
      }
    }
  });
  return problems;
}

/** Commands and args of the containers that run LORIS images. */
export function manifestCommandProblems(templates: PodTemplate[], root = REPO_ROOT): string[] {
  return templates.flatMap((t) =>
    allContainers(t.spec)
      .filter(({ container }) => dockerfileOf(container.image ?? ''))
      .flatMap(({ container }) =>
        commandProblems([...(container.command ?? []), ...(container.args ?? [])], root).map(
          (p) => `${t.where} container ${container.name}: ${p}`,
        ),
      ),
  );
}

// ---- secrets -------------------------------------------------------------------------------------------------

const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|PRIVATE|ACCESS_KEY)/i;
const URL_WITH_PASSWORD = /:\/\/[^/\s:@]*:[^/\s@]+@/;

/**
 * Secrets are referenced, never inlined: no Secret objects, no secretGenerator output, no literal values for
 * secret-looking variables or ConfigMap keys, no credentials inside URLs.
 */
export function secretProblems(objects: K8sObject[], templates: PodTemplate[]): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    if (o.kind === 'Secret')
      problems.push(`${ref(o)}: a Secret in the manifests (reference it, create it outside)`);
    if (o.kind === 'ConfigMap') {
      for (const [key, value] of Object.entries((o.data as Record<string, string>) ?? {})) {
        if (SECRET_NAME.test(key)) problems.push(`${ref(o)}: key ${key} looks like a secret`);
        if (URL_WITH_PASSWORD.test(value)) problems.push(`${ref(o)}: key ${key} holds a URL with a password`);
      }
    }
  }
  for (const t of templates) {
    for (const { container: c } of allContainers(t.spec)) {
      for (const env of c.env ?? []) {
        if (env.value === undefined) continue;
        if (SECRET_NAME.test(env.name) && !/^NODE_EXTRA_CA_CERTS$/.test(env.name)) {
          problems.push(`${t.where} container ${c.name}: ${env.name} has a literal value (use secretKeyRef)`);
        }
        if (URL_WITH_PASSWORD.test(env.value))
          problems.push(`${t.where} container ${c.name}: ${env.name} holds a URL with a password`);
      }
    }
  }
  return problems;
}

/** Every (Secret, key) the manifests reference: env secretKeyRef, envFrom secretRef, volumes, Ingress TLS. */
export function secretReferences(objects: K8sObject[], templates: PodTemplate[]): Map<string, Set<string>> {
  const refs = new Map<string, Set<string>>();
  const add = (name: string, key: string) => refs.set(name, (refs.get(name) ?? new Set()).add(key));
  for (const t of templates) {
    for (const { container: c } of allContainers(t.spec)) {
      for (const env of c.env ?? [])
        if (env.valueFrom?.secretKeyRef)
          add(env.valueFrom.secretKeyRef.name!, env.valueFrom.secretKeyRef.key);
      for (const from of c.envFrom ?? []) if (from.secretRef) add(from.secretRef.name!, '*');
    }
    for (const volume of t.spec.volumes ?? []) if (volume.secret) add(volume.secret.secretName!, '*');
  }
  for (const o of objects.filter((x) => x.kind === 'Ingress')) {
    for (const tls of (o.spec as { tls?: { secretName?: string }[] }).tls ?? [])
      if (tls.secretName) add(tls.secretName, 'tls.crt, tls.key');
  }
  return refs;
}

// ---- network policies ----------------------------------------------------------------------------------

interface PolicyPeer {
  podSelector?: { matchLabels?: Record<string, string> };
  namespaceSelector?: { matchLabels?: Record<string, string> };
  ipBlock?: { cidr: string };
}
interface PolicyRule {
  ports?: { port?: number | string; protocol?: string }[];
  to?: PolicyPeer[];
  from?: PolicyPeer[];
}
interface PolicySpec {
  podSelector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  policyTypes?: string[];
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}

const matches = (
  selector: { matchLabels?: Record<string, string> } | undefined,
  labels: Record<string, string>,
) => Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

const policies = (objects: K8sObject[]) =>
  objects
    .filter((o) => o.kind === 'NetworkPolicy')
    .map((o) => ({ name: o.metadata.name, spec: o.spec as PolicySpec }));

/** A default-deny policy: every pod, both directions, no rule. */
export function defaultDenyProblems(objects: K8sObject[]): string[] {
  const found = policies(objects).some(
    ({ spec }) =>
      !Object.keys(spec.podSelector?.matchLabels ?? {}).length &&
      !(spec.podSelector?.matchExpressions ?? []).length &&
      ['Ingress', 'Egress'].every((type) => spec.policyTypes?.includes(type)) &&
      !(spec.ingress ?? []).length &&
      !(spec.egress ?? []).length,
  );
  return found
    ? []
    : ['no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)'];
}

export const DATASTORE_PORTS = [5432, 6379];

/** The component of a pod (app.kubernetes.io/component). */
const component = (t: PodTemplate) => t.labels['app.kubernetes.io/component'] ?? t.where;

/**
 * The pods whose egress policies let them open Postgres (5432) or Redis (6379) connections: a rule that
 * allows one of those ports (or every port) towards anything that may be a datastore (any address, another
 * namespace, or pods that include the datastore pods).
 */
export function podsReachingDatastores(objects: K8sObject[], templates: PodTemplate[]): PodTemplate[] {
  const datastorePods = templates.filter((t) => ['postgres', 'redis'].includes(component(t)));
  const peerMayBeDatastore = (peer: PolicyPeer) =>
    Boolean(peer.ipBlock || peer.namespaceSelector) ||
    !peer.podSelector ||
    datastorePods.some((d) => matches(peer.podSelector, d.labels));
  const ruleReaches = (rule: PolicyRule) =>
    (!(rule.ports ?? []).length || rule.ports!.some((p) => DATASTORE_PORTS.includes(Number(p.port)))) &&
    (!(rule.to ?? []).length || rule.to!.some(peerMayBeDatastore));
  const egress = policies(objects).filter(({ spec }) => spec.policyTypes?.includes('Egress'));
  return templates.filter((t) =>
    egress.some(({ spec }) => matches(spec.podSelector, t.labels) && (spec.egress ?? []).some(ruleReaches)),
  );
}

/** Only the allowed components reach Postgres and Redis, and each of the required ones does. */
export function datastoreAccessProblems(
  objects: K8sObject[],
  templates: PodTemplate[],
  allowed: string[],
  required: string[],
): string[] {
  const reaching = podsReachingDatastores(objects, templates);
  const problems = reaching
    .filter((t) => !allowed.includes(component(t)))
    .map((t) => `${t.where} (${component(t)}) may reach Postgres or Redis`);
  for (const name of required) {
    if (!reaching.some((t) => component(t) === name))
      problems.push(`${name} cannot reach Postgres and Redis`);
  }
  // In-cluster stores (dev): their ingress admits only the allowed components (and KEDA for Redis).
  for (const store of templates.filter((t) => ['postgres', 'redis'].includes(component(t)))) {
    for (const { name, spec } of policies(objects).filter(({ spec }) =>
      matches(spec.podSelector, store.labels),
    )) {
      for (const rule of spec.ingress ?? []) {
        const from = rule.from ?? [];
        if (!from.length) problems.push(`NetworkPolicy/${name}: ${component(store)} admits every pod`);
        for (const peer of from) {
          if (peer.podSelector && !peer.namespaceSelector) {
            const admitted = templates.filter((t) => matches(peer.podSelector, t.labels)).map(component);
            const strangers = admitted.filter((c) => !allowed.includes(c));
            if (strangers.length)
              problems.push(`NetworkPolicy/${name}: ${component(store)} admits ${strangers.join(', ')}`);
          }
        }
      }
    }
  }
  return problems;
}

// ---- references between objects ------------------------------------------------------------------------

/**
 * Names that point at other objects resolve in the same render: ConfigMaps (envFrom, volumes), service
 * accounts, Services and their ports behind the Ingress, HPA and ScaledObject targets, Service selectors.
 */
export function referenceProblems(objects: K8sObject[], templates: PodTemplate[]): string[] {
  const problems: string[] = [];
  const named = (kind: string) => new Set(objects.filter((o) => o.kind === kind).map((o) => o.metadata.name));
  const configMaps = named('ConfigMap');
  const serviceAccounts = named('ServiceAccount');
  const deployments = named('Deployment');
  const pvcs = named('PersistentVolumeClaim');
  const builtIn = new Set(['kube-root-ca.crt']);
  for (const t of templates.filter((x) => !x.where.startsWith('ConfigMap/'))) {
    for (const { container: c } of allContainers(t.spec)) {
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef && !configMaps.has(from.configMapRef.name!))
          problems.push(`${t.where}: no ConfigMap ${from.configMapRef.name}`);
      }
    }
    for (const volume of t.spec.volumes ?? []) {
      const names = [
        volume.configMap?.name,
        ...(volume.projected?.sources ?? []).map((s) => s.configMap?.name),
      ];
      for (const name of names)
        if (name && !configMaps.has(name) && !builtIn.has(name))
          problems.push(`${t.where}: no ConfigMap ${name}`);
      if (volume.persistentVolumeClaim && !pvcs.has(volume.persistentVolumeClaim.claimName)) {
        problems.push(`${t.where}: no PersistentVolumeClaim ${volume.persistentVolumeClaim.claimName}`);
      }
    }
    const sa = t.spec.serviceAccountName;
    if (sa && !serviceAccounts.has(sa)) problems.push(`${t.where}: no ServiceAccount ${sa}`);
  }
  const services = objects.filter((o) => o.kind === 'Service');
  for (const s of services) {
    const spec = s.spec as { selector?: Record<string, string> };
    if (spec.selector && !templates.some((t) => matches({ matchLabels: spec.selector }, t.labels))) {
      problems.push(`${ref(s)}: its selector matches no pod template`);
    }
  }
  for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
    const rules =
      (
        ingress.spec as {
          rules?: {
            http?: {
              paths: { backend: { service?: { name: string; port: { name?: string; number?: number } } } }[];
            };
          }[];
        }
      ).rules ?? [];
    for (const path of rules.flatMap((r) => r.http?.paths ?? [])) {
      const backend = path.backend.service;
      const service = services.find((s) => s.metadata.name === backend?.name);
      if (!service) problems.push(`${ref(ingress)}: no Service ${backend?.name}`);
      else {
        const ports = (service.spec as { ports: { name?: string; port: number }[] }).ports;
        if (!ports.some((p) => p.name === backend!.port.name || p.port === backend!.port.number)) {
          problems.push(
            `${ref(ingress)}: Service ${backend!.name} has no port ${backend!.port.name ?? backend!.port.number}`,
          );
        }
      }
    }
  }
  for (const o of objects.filter((x) => ['HorizontalPodAutoscaler', 'ScaledObject'].includes(x.kind))) {
    const target = (o.spec as { scaleTargetRef: { name: string; kind?: string } }).scaleTargetRef;
    if ((target.kind ?? 'Deployment') === 'Deployment' && !deployments.has(target.name))
      problems.push(`${ref(o)}: no Deployment ${target.name}`);
  }
  const scaled = objects
    .filter((x) => ['HorizontalPodAutoscaler', 'ScaledObject'].includes(x.kind))
    .map((x) => (x.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name);
  for (const name of new Set(scaled)) {
    if (scaled.filter((n) => n === name).length > 1)
      problems.push(`Deployment/${name} has more than one autoscaler`);
  }
  for (const binding of objects.filter((o) => o.kind === 'RoleBinding')) {
    for (const subject of (binding.subjects as { kind: string; name: string; namespace?: string }[]) ?? []) {
      if (subject.kind !== 'ServiceAccount') continue;
      if (!serviceAccounts.has(subject.name))
        problems.push(`${ref(binding)}: no ServiceAccount ${subject.name}`);
      if (subject.namespace !== binding.metadata.namespace)
        problems.push(`${ref(binding)}: subject ${subject.name} is in another namespace`);
    }
  }
  return problems;
}
