#!/usr/bin/env node
// `node tools/wait-for-job.js <job>`: holds a pod's start (as an init container) until the Kubernetes Job
// <job> of its own namespace has succeeded with this pod's image, so a rollout's new API and worker pods
// start on the migrated schema (k8s/base: the migrate Job, and the wait-for-migrate init containers that
// run the same loris/migrate image). Polls the API server with the pod's service account, which needs `get`
// on that Job and on its own pod (POD_NAME, from the downward API).
// Exits 0 when the Job has succeeded with the same image as this init container, or when the Job is still
// absent after JOB_WAIT_ABSENT_S seconds (60: a finished Job removed by its TTL, i.e. a migration done by an
// earlier rollout); exits 1 when it failed, so the pod's init is retried with back-off and the rollout stops
// there. A Job with another image (one left from an earlier release) is waited out: delete it and apply again.
const fs = require('fs');

const SA_DIR = process.env.SERVICEACCOUNT_DIR || '/var/run/secrets/kubernetes.io/serviceaccount';

/** What a Job (or its absence, null) means for a pod whose init container runs `image`. */
function jobState(job, image) {
  if (!job) return 'absent';
  const containers = (job.spec && job.spec.template && job.spec.template.spec.containers) || [];
  if (image && !containers.some((c) => c.image === image)) return 'stale';
  const status = job.status || {};
  const holds = (type) => (status.conditions || []).some((c) => c.type === type && c.status === 'True');
  if (holds('Complete') || (status.succeeded || 0) > 0) return 'succeeded';
  if (holds('Failed')) return 'failed';
  return 'running';
}

/** The exit code once waiting is over; undefined: poll again. */
function decide(state, absentForMs, absentLimitMs) {
  if (state === 'succeeded') return 0;
  if (state === 'failed') return 1;
  if (state === 'absent' && absentForMs >= absentLimitMs) return 0;
  return undefined;
}

/** The image of the init container that runs this script, from the pod's own spec. */
function ownImage(pod, containerName) {
  const containers = [...(pod.spec.initContainers || []), ...(pod.spec.containers || [])];
  const own = containers.find((c) => c.name === containerName);
  return own ? own.image : undefined;
}

async function get(path) {
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT || '443';
  const token = fs.readFileSync(`${SA_DIR}/token`, 'utf8').trim();
  // The API server's certificate is signed by the cluster CA: run with NODE_EXTRA_CA_CERTS=${SA_DIR}/ca.crt.
  const res = await fetch(`https://${host}:${port}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return res.json();
}

async function main() {
  const name = process.argv[2];
  if (!name) {
    console.error('usage: node tools/wait-for-job.js <job-name>');
    process.exit(2);
  }
  const namespace = fs.readFileSync(`${SA_DIR}/namespace`, 'utf8').trim();
  const absentLimitMs = Number(process.env.JOB_WAIT_ABSENT_S || 60) * 1000;
  const pod = await get(`/api/v1/namespaces/${namespace}/pods/${process.env.POD_NAME}`);
  const image = pod ? ownImage(pod, process.env.WAIT_CONTAINER_NAME || 'wait-for-migrate') : undefined;
  if (!image)
    console.error(`own image unknown (pod ${process.env.POD_NAME}): not comparing it with the Job's`);
  const started = Date.now();
  let last;
  for (;;) {
    let state;
    try {
      state = jobState(await get(`/apis/batch/v1/namespaces/${namespace}/jobs/${name}`), image);
    } catch (error) {
      console.error(`job ${name}: ${error.message}; retrying`);
      state = 'unknown';
    }
    if (state !== last) console.log(`job ${name}: ${state}${state === 'stale' ? ` (not ${image})` : ''}`);
    last = state;
    const code = decide(state, Date.now() - started, absentLimitMs);
    if (code !== undefined) process.exit(code);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

module.exports = { jobState, decide, ownImage };

if (require.main === module) {
  main().catch((error) => {
    console.error(`wait-for-job failed: ${error.message}`);
    process.exit(1);
  });
}
