// The Kubernetes training settings of appConfigFromEnv (README "Configuration").
import { appConfigFromEnv, ConfigError } from './app-config';

const k8s = (env: NodeJS.ProcessEnv) => appConfigFromEnv(env).trainingKubernetes;

test('defaults: off, namespace loris, the 0.1.0 trainer images, one CPU node', () => {
  expect(k8s({})).toEqual({
    credentials: 'off',
    kubeconfigPath: undefined,
    namespace: 'loris',
    image: 'loris/trainer:0.1.0',
    cudaImage: 'loris/trainer-cuda:0.1.0',
    nodePool: undefined,
    tolerations: undefined,
    nodes: 1,
    gpusPerNode: 0,
    templatesDir: undefined,
    reportUrl: undefined,
  });
});

test('credentials inferred: KUBECONFIG (its first file), else a pod in a cluster; TRAINING_KUBERNETES wins', () => {
  expect(k8s({ KUBECONFIG: '/a/config:/b/config' })).toMatchObject({
    credentials: 'kubeconfig',
    kubeconfigPath: '/a/config',
  });
  expect(k8s({ KUBERNETES_SERVICE_HOST: '10.0.0.1' }).credentials).toBe('in-cluster');
  expect(k8s({ KUBERNETES_SERVICE_HOST: '10.0.0.1', TRAINING_KUBERNETES: 'off' }).credentials).toBe('off');
  expect(() => k8s({ TRAINING_KUBERNETES: 'kubeconfig' })).toThrow(/needs KUBECONFIG/);
  expect(() => k8s({ TRAINING_KUBERNETES: 'yes' })).toThrow(ConfigError);
});

test('nodes, GPUs, pool, report URL (trailing slash dropped), tolerations as JSON', () => {
  const c = k8s({
    TRAINING_NODES: '2',
    TRAINING_GPUS_PER_NODE: '4',
    TRAINING_NODE_POOL: 'gpu-training',
    TRAINING_REPORT_URL: 'http://api:4000/',
    TRAINING_TOLERATIONS: '[{"key":"dedicated","operator":"Equal","value":"ml","effect":"NoSchedule"}]',
    TRAINING_NAMESPACE: 'ml',
    TRAINING_TEMPLATES_DIR: '/etc/t',
  });
  expect(c).toMatchObject({
    nodes: 2,
    gpusPerNode: 4,
    nodePool: 'gpu-training',
    reportUrl: 'http://api:4000',
    namespace: 'ml',
    templatesDir: '/etc/t',
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }],
  });
});

test.each([
  ['TRAINING_NODES', '0', /at least 1/],
  ['TRAINING_GPUS_PER_NODE', '-1', /at least 0/],
  ['TRAINING_REPORT_URL', 'api:4000', /http\(s\) base URL/],
  ['TRAINING_TOLERATIONS', '{nope', /not JSON/],
  ['TRAINING_TOLERATIONS', '{"key":"a"}', /JSON array/],
  ['TRAINING_TOLERATIONS', '[{"key":"a","operater":"Exists"}]', /unknown fields operater/],
  ['TRAINING_TOLERATIONS', '[{"key":"a","operator":"Exists","value":"x"}]', /takes no value/],
  ['TRAINING_TOLERATIONS', '[{"effect":"Sometimes"}]', /effect must be/],
])('%s=%s is refused with a reason', (name, value, reason) => {
  expect(() => k8s({ [name]: value })).toThrow(reason);
});
