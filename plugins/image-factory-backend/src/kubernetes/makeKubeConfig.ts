import { InputError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubernetesSettings } from '../config/readImageFactoryConfig';

/**
 * The client configuration for one Kubernetes API: the configured URL and
 * token, else the in-cluster service account.
 *
 * @param use - for the error: why a cluster is needed and the config key of
 *   its settings.
 * @throws InputError when no URL is configured and the backend is not in a cluster.
 */
export function makeKubeConfig(
  settings: KubernetesSettings | undefined,
  use: { because: string; key: string },
): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (settings?.url) {
    kubeConfig.loadFromClusterAndUser(
      {
        name: 'cluster',
        server: settings.url,
        skipTLSVerify: settings.skipTLSVerify,
      },
      { name: 'image-factory', token: settings.token },
    );
  } else if (process.env.KUBERNETES_SERVICE_HOST) {
    kubeConfig.loadFromCluster();
  } else {
    throw new InputError(
      `${use.because}, but ${use.key}.url is not set and the backend is not running in a Kubernetes cluster`,
    );
  }
  return kubeConfig;
}
