import { existsSync } from 'node:fs';
import type { AppConfig } from '@loris/engine';

/** The service account token a pod's in-cluster credentials are read from. */
export const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export type ClusterCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether a KUBERNETES training run can be started with these settings, checked before it is queued so a
 * run that could never be submitted is refused with what to set, rather than failing later on a worker.
 * It checks what the API can know (it does not hold the worker's templates or service account): the
 * credentials are chosen (a kubeconfig file that exists), and the pods have an address to report to. The
 * templates are checked by the worker's runner, and the API server's answer (RBAC, the namespace) comes when
 * it submits; either fails the run with the reason.
 */
export function kubernetesClusterConfigured(config: Pick<AppConfig, 'trainingKubernetes'>): ClusterCheck {
  const k = config.trainingKubernetes;
  if (k.credentials === 'off') {
    return {
      ok: false,
      reason:
        'No Kubernetes cluster is configured for training: set TRAINING_KUBERNETES=in-cluster (workers running in the cluster, with the worker service account) or KUBECONFIG to a kubeconfig file, or train with backend LOCAL',
    };
  }
  if (k.credentials === 'kubeconfig' && (!k.kubeconfigPath || !existsSync(k.kubeconfigPath))) {
    return {
      ok: false,
      reason: `The kubeconfig for Kubernetes training (KUBECONFIG=${k.kubeconfigPath ?? ''}) does not exist on this server; point KUBECONFIG at a readable kubeconfig file`,
    };
  }
  if (!k.reportUrl) {
    return {
      ok: false,
      reason:
        "Kubernetes training needs TRAINING_REPORT_URL, the API's base URL as the training pods reach it (for example http://api:4000), to report metrics and upload the trained model",
    };
  }
  return { ok: true };
}
