import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appConfigFromEnv } from '@loris/engine';
import { kubernetesClusterConfigured } from './cluster-configured';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-configured-'));
  writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (env: NodeJS.ProcessEnv) => kubernetesClusterConfigured(appConfigFromEnv(env));

test('no cluster configured: refused with what to set', () => {
  const result = check({});
  expect(result.ok).toBe(false);
  expect(!result.ok && result.reason).toMatch(/TRAINING_KUBERNETES=in-cluster.*KUBECONFIG.*backend LOCAL/);
  expect(check({ TRAINING_KUBERNETES: 'off', KUBECONFIG: join(dir, 'kubeconfig') }).ok).toBe(false);
});

test('a kubeconfig that does not exist here: refused naming it', () => {
  const result = check({ KUBECONFIG: join(dir, 'missing'), TRAINING_REPORT_URL: 'http://api:4000' });
  expect(!result.ok && result.reason).toContain(join(dir, 'missing'));
});

test('no report URL: refused, since the pods could not report', () => {
  const result = check({ KUBECONFIG: join(dir, 'kubeconfig') });
  expect(!result.ok && result.reason).toMatch(/TRAINING_REPORT_URL/);
});

test('kubeconfig and report URL: ok; in-cluster likewise', () => {
  expect(check({ KUBECONFIG: join(dir, 'kubeconfig'), TRAINING_REPORT_URL: 'http://api:4000' })).toEqual({
    ok: true,
  });
  expect(check({ TRAINING_KUBERNETES: 'in-cluster', TRAINING_REPORT_URL: 'http://api:4000' })).toEqual({
    ok: true,
  });
});
