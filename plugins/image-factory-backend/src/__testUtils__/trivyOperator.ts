/**
 * A Trivy Operator `VulnerabilityReport` (`aquasecurity.github.io/v1alpha1`),
 * as the operator writes one for a workload's container: the image it
 * scanned by registry server, repository and digest, when, and each finding.
 */
export function vulnerabilityReport(options: {
  namespace: string;
  name?: string;
  server: string;
  repository: string;
  digest: string;
  tag?: string;
  updateTimestamp: string;
  vulnerabilities: Array<{ id: string; severity: string }>;
}): object {
  const count = (severity: string) =>
    options.vulnerabilities.filter(v => v.severity === severity).length;
  return {
    apiVersion: 'aquasecurity.github.io/v1alpha1',
    kind: 'VulnerabilityReport',
    metadata: {
      name: options.name ?? 'replicaset-web-6d4cf56db6-web',
      namespace: options.namespace,
      labels: {
        'trivy-operator.container.name': 'web',
        'trivy-operator.resource.kind': 'ReplicaSet',
        'trivy-operator.resource.name': 'web-6d4cf56db6',
        'trivy-operator.resource.namespace': options.namespace,
      },
    },
    report: {
      artifact: {
        repository: options.repository,
        tag: options.tag ?? 'latest',
        digest: options.digest,
      },
      registry: { server: options.server },
      scanner: { name: 'Trivy', vendor: 'Aqua Security', version: '0.58.1' },
      os: { family: 'debian', name: '12.8' },
      summary: {
        criticalCount: count('CRITICAL'),
        highCount: count('HIGH'),
        mediumCount: count('MEDIUM'),
        lowCount: count('LOW'),
        unknownCount: count('UNKNOWN'),
        noneCount: 0,
      },
      updateTimestamp: options.updateTimestamp,
      vulnerabilities: options.vulnerabilities.map(({ id, severity }) => ({
        vulnerabilityID: id,
        resource: 'openssl',
        installedVersion: '3.0.15-1',
        fixedVersion: '3.0.15-2',
        severity,
        title: `${id} in openssl`,
        primaryLink: `https://avd.aquasec.com/nvd/${id.toLowerCase()}`,
        score: 9.8,
        target: '',
      })),
    },
  };
}
