import { isPublicRegistry, normalizeRegistry } from './registries';

describe('isPublicRegistry', () => {
  it.each([
    'docker.io',
    'index.docker.io',
    'registry-1.docker.io',
    'ghcr.io',
    'GHCR.io',
    'quay.io',
    'gcr.io',
    'eu.gcr.io',
    'us-docker.gcr.io',
    'registry.k8s.io',
    'public.ecr.aws',
    'mcr.microsoft.com',
  ])('counts %s as public', host => {
    expect(isPublicRegistry(host)).toBe(true);
  });

  it.each([
    'registry.example.com',
    'localhost:5000',
    'ghcr.io:443',
    'europe-docker.pkg.dev',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    'evilgcr.io',
    'a.b.gcr.io',
    'docker.io.example.com',
  ])('counts %s as private', host => {
    expect(isPublicRegistry(host)).toBe(false);
  });
});

describe('normalizeRegistry', () => {
  it('maps the other names of Docker Hub to docker.io', () => {
    expect(normalizeRegistry('index.docker.io')).toBe('docker.io');
    expect(normalizeRegistry('registry-1.docker.io')).toBe('docker.io');
  });

  it('keeps other hosts as written', () => {
    expect(normalizeRegistry('Registry.Example.com:5000')).toBe(
      'Registry.Example.com:5000',
    );
  });
});
