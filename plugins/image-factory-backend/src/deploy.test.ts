import {
  analyzeDockerfile,
  DEFAULT_ENROLLMENT_DEFAULTS,
  parseEnrollment,
} from '@image-factory/backstage-plugin-image-factory-common';
import knexFactory from 'knex';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { KARGO_FREIGHT_API } from './discovery/KargoFreightSource';
import { TRIVY_VULNERABILITY_REPORT_API } from './supplyChain/TrivyOperatorReports';
import { GITHUB_INPUT_NAMES } from './triggers/buildRunParameters';
import { freePort } from './__testUtils__/freePort';
import { startBackendProcess } from './__testUtils__/startBackendProcess';

// The scale-out deployment of docs/deploy.md: the root Dockerfile, the
// production config, the Kubernetes manifests of deploy/ and the app's own
// enrollment, checked against each other and against the code they rely on.
// The test lives in the backend plugin, not in packages/backend, because it
// reads the plugin's own constants and test helpers, and `yaml`, which only
// the plugin depends on.
jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../../..');
const DEPLOY = path.join(ROOT, 'deploy');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  [key: string]: any;
}

// The kustomization, and the files its configMapGenerator makes ConfigMaps of:
// not manifests, but files kustomize reads as they are.
// Folders of deploy/ are optional kustomize components, checked on their own.
const deployFiles = readdirSync(DEPLOY, { withFileTypes: true })
  .filter(entry => entry.isFile())
  .map(entry => entry.name)
  .sort();
const kustomization = parse(read('deploy/kustomization.yaml'));
const generators: { name: string; namespace?: string; files?: string[] }[] =
  kustomization.configMapGenerator ?? [];
const generatorFiles = generators.flatMap(generator => generator.files ?? []);

// Every document of every other file in deploy/, by file; a syntax error
// fails here.
const documents = new Map(
  deployFiles
    .filter(file => !generatorFiles.includes(file))
    .map(file => {
      const docs = parseAllDocuments(read(`deploy/${file}`));
      return [
        file,
        docs.map(doc => {
          if (doc.errors.length > 0) {
            throw new Error(`deploy/${file}: ${doc.errors[0].message}`);
          }
          return doc.toJS() as K8sObject;
        }),
      ];
    }),
);
const objects = [...documents.entries()]
  .filter(([file]) => file !== 'kustomization.yaml')
  .flatMap(([, docs]) => docs);

function theOnly(kind: string): K8sObject {
  const found = objects.filter(object => object.kind === kind);
  expect(found.map(object => object.kind)).toEqual([kind]);
  return found[0];
}

const deployment = theOnly('Deployment');
const container = deployment.spec.template.spec.containers[0];
const productionConfig = parse(read('deploy/app-config.production.yaml'));

// The instructions of each stage of a Dockerfile, comments dropped and
// continued lines joined: enough for a file written as ours is.
function dockerfileStages(text: string): string[][] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'));
  const stages: string[][] = [];
  for (const instruction of instructions) {
    if (/^FROM\s/i.test(instruction)) stages.push([]);
    stages[stages.length - 1]?.push(instruction);
  }
  return stages;
}

// Every `${NAME}` a config substitutes, read from its values (not comments).
function substitutedVariables(value: unknown): string[] {
  if (typeof value === 'string') {
    return [...value.matchAll(/\$\{(\w+)\}/g)].map(match => match[1]);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(substitutedVariables);
  }
  return [];
}

describe('the scale-out deployment', () => {
  it('holds Kubernetes objects in every file of deploy/ but the generated config, each named', () => {
    expect(deployFiles).toContain('kustomization.yaml');
    for (const object of objects) {
      expect(object).toEqual(
        expect.objectContaining({
          apiVersion: expect.any(String),
          kind: expect.any(String),
          metadata: expect.objectContaining({ name: expect.any(String) }),
        }),
      );
    }
    expect(objects.map(object => object.kind).sort()).toEqual(
      [
        'Application',
        'Deployment',
        'Namespace',
        'Namespace',
        'Project',
        'Role',
        'RoleBinding',
        'Service',
        'ServiceAccount',
      ].sort(),
    );
  });

  it('lists every file of deploy/ in its kustomization, and nothing else', () => {
    expect([...kustomization.resources, ...generatorFiles].sort()).toEqual(
      deployFiles.filter(file => file !== 'kustomization.yaml'),
    );
  });

  it('runs several replicas of the image docs/deploy.md documents, the one catalog-info.yaml enrolls', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const documented = [
      ...read('docs/deploy.md').matchAll(/`(ghcr\.io\/[\w./-]+:[\w.-]+)`/g),
    ].map(match => match[1]);
    expect(documented.length).toBeGreaterThan(0);
    expect(new Set(documented)).toEqual(new Set([container.image]));
    const entity = parse(read('catalog-info.yaml'));
    expect(container.image.replace(/:[\w.-]+$/, '')).toBe(
      entity.metadata.annotations['image-factory.io/image'],
    );
  });

  it('routes the Service to the port the backend listens on', () => {
    // deploy/app-config.production.yaml keeps app-config.yaml's port.
    expect(productionConfig.backend.listen).toBeUndefined();
    const port = container.ports.find((p: any) => p.name === 'http');
    expect(port.containerPort).toBe(
      parse(read('app-config.yaml')).backend.listen.port,
    );
    const service = theOnly('Service');
    expect(service.spec.ports.map((p: any) => p.targetPort)).toEqual(['http']);
    expect(service.spec.selector).toEqual(
      deployment.spec.template.metadata.labels,
    );
    expect(deployment.spec.selector.matchLabels).toEqual(
      deployment.spec.template.metadata.labels,
    );
  });

  it('builds the image on a slim Node 22 only, and runs it with git, as node, on both configs', () => {
    const dockerfile = read('Dockerfile');
    const analysis = analyzeDockerfile(dockerfile);
    expect(analysis.baseImages.map(image => image.ref)).toEqual([
      'docker.io/library/node:22-bookworm-slim',
    ]);
    // The stage that runs starts from that image itself, not from the stage
    // holding the compiler.
    const last = analysis.stages[analysis.stages.length - 1];
    expect(analysis.baseImages[0].stages).toContain(
      last.name ?? `#${last.index}`,
    );

    const runtime = dockerfileStages(dockerfile).pop()!;
    expect(
      runtime.some(line =>
        /^RUN\s.*apt-get install\b[^&;|]*\sgit(\s|$)/.test(line),
      ),
    ).toBe(true);
    expect(runtime.filter(line => /^USER\s/.test(line))).toEqual(['USER node']);
    const cmd = runtime.find(line => /^CMD\s/.test(line))!;
    expect(JSON.parse(cmd.replace(/^CMD\s+/, ''))).toEqual([
      'node',
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
    ]);
    const workdir = runtime
      .filter(line => /^WORKDIR\s/.test(line))
      .pop()!
      .replace(/^WORKDIR\s+/, '');
    const configPath = path.posix.join(workdir, 'app-config.production.yaml');
    // The image holds the file of deploy/ where that command reads it...
    const copied = runtime
      .filter(line => /^COPY\s/.test(line))
      .map(line => line.split(/\s+/).slice(1))
      .filter(args => !args.some(arg => arg.startsWith('--')))
      .flatMap(args => {
        const destination = args.pop()!;
        return args.map(source =>
          path.posix.resolve(
            workdir,
            destination.endsWith('/')
              ? path.posix.join(destination, path.posix.basename(source))
              : destination,
          ) === configPath
            ? source
            : undefined,
        );
      })
      .filter(Boolean);
    expect(copied).toEqual(['deploy/app-config.production.yaml']);
    // ...and the Deployment's ConfigMap lands there too.
    expect(container.volumeMounts).toContainEqual(
      expect.objectContaining({
        mountPath: configPath,
        subPath: 'app-config.production.yaml',
      }),
    );
  });

  it('mounts deploy/app-config.production.yaml from the ConfigMap its kustomization generates', () => {
    // One generator, of the one file: kustomize names the ConfigMap after it
    // with a hash of its content appended, and rewrites the Deployment's
    // reference to match, so a changed config rolls the pods.
    expect(generators).toHaveLength(1);
    const [generator] = generators;
    expect(generator.files).toEqual(['app-config.production.yaml']);
    expect(existsSync(path.join(DEPLOY, 'app-config.production.yaml'))).toBe(
      true,
    );
    expect(generator.namespace).toBe(deployment.metadata.namespace);
    const mount = container.volumeMounts.find(
      (m: any) => m.subPath === 'app-config.production.yaml',
    );
    const volume = deployment.spec.template.spec.volumes.find(
      (v: any) => v.name === mount?.name,
    );
    expect(volume?.configMap?.name).toBe(generator.name);
  });

  it('gives the backend every variable the production config substitutes, secrets from the Secret docs/deploy.md creates', () => {
    const variables = substitutedVariables(productionConfig);
    expect(variables).toEqual(
      expect.arrayContaining(['POSTGRES_PASSWORD', 'GITHUB_APP_PRIVATE_KEY']),
    );
    const provided = container.env.map((entry: any) => entry.name);
    expect(provided).toEqual(expect.arrayContaining(variables));

    const fromSecret = container.env.filter(
      (entry: any) => entry.valueFrom?.secretKeyRef,
    );
    const docs = read('docs/deploy.md');
    for (const entry of fromSecret) {
      const { name, key } = entry.valueFrom.secretKeyRef;
      expect(name).toBe(fromSecret[0].valueFrom.secretKeyRef.name);
      expect(docs).toMatch(new RegExp(`--from-(literal|file)=${key}=`));
    }
    expect(docs).toContain(
      `kubectl create secret generic ${fromSecret[0].valueFrom.secretKeyRef.name}`,
    );
  });

  it('offers, as an optional component, exactly what reading the Trivy Operator reports calls', () => {
    const component = parse(read('deploy/trivy-operator/kustomization.yaml'));
    expect(component).toMatchObject({
      kind: 'Component',
      resources: ['rbac.yaml'],
    });
    const [role, binding] = parseAllDocuments(
      read('deploy/trivy-operator/rbac.yaml'),
    ).map(doc => doc.toJS() as K8sObject);
    expect(role.kind).toBe('ClusterRole');
    expect(role.rules).toEqual([
      {
        apiGroups: [TRIVY_VULNERABILITY_REPORT_API.group],
        resources: [TRIVY_VULNERABILITY_REPORT_API.plural],
        verbs: [...TRIVY_VULNERABILITY_REPORT_API.verbs],
      },
    ]);
    expect(binding).toMatchObject({
      kind: 'ClusterRoleBinding',
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: role.metadata.name,
      },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: deployment.spec.template.spec.serviceAccountName,
          namespace: deployment.metadata.namespace,
        },
      ],
    });
  });

  it('grants the service account exactly what the Kargo freight source calls, in the Kargo namespace', () => {
    const namespace = productionConfig.imageFactory.kargo.namespace;
    const role = theOnly('Role');
    expect(role.metadata.namespace).toBe(namespace);
    expect(role.rules).toEqual([
      {
        apiGroups: [KARGO_FREIGHT_API.group],
        resources: [KARGO_FREIGHT_API.plural],
        verbs: [...KARGO_FREIGHT_API.verbs],
      },
    ]);
    const binding = theOnly('RoleBinding');
    expect(binding.metadata.namespace).toBe(namespace);
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: role.metadata.name,
    });
    expect(binding.subjects).toEqual([
      {
        kind: 'ServiceAccount',
        name: deployment.spec.template.spec.serviceAccountName,
        namespace: deployment.metadata.namespace,
      },
    ]);
    expect(theOnly('ServiceAccount').metadata).toEqual({
      name: deployment.spec.template.spec.serviceAccountName,
      namespace: deployment.metadata.namespace,
    });
    // Kargo adopts the namespace as its project's only with this label.
    const project = theOnly('Project');
    expect(project.metadata.name).toBe(namespace);
    expect(
      objects.find(o => o.kind === 'Namespace' && o.metadata.name === namespace)
        ?.metadata.labels,
    ).toEqual({ 'kargo.akuity.io/project': 'true' });
  });

  it('has Argo CD apply the manifests/ folder of the configured state repository', () => {
    const { url, branch, basePath } = productionConfig.imageFactory
      .stateRepository as { url: string; branch: string; basePath?: string };
    expect(url).toMatch(/^https:\/\//);
    const application = theOnly('Application');
    expect(application.spec.source).toEqual({
      repoURL: url,
      targetRevision: branch,
      path: path.posix.join(basePath ?? '', 'manifests'),
    });
    expect(application.spec.destination.namespace).toBe(
      productionConfig.imageFactory.kargo.namespace,
    );
  });

  it('enrolls the app’s own image, built by a workflow that takes the rebuild inputs', () => {
    const entity = parse(read('catalog-info.yaml'));
    // As the catalog sees it once registered from the repository on GitHub.
    entity.metadata.annotations['backstage.io/managed-by-location'] =
      'url:https://github.com/image-factory/backstage/blob/main/catalog-info.yaml';
    const enrollment = parseEnrollment(entity, DEFAULT_ENROLLMENT_DEFAULTS)!;
    expect(enrollment).toEqual(
      expect.objectContaining({
        kind: 'managed',
        image: 'ghcr.io/image-factory/backstage',
        dockerfile: 'Dockerfile',
        sourceLocation:
          'url:https://github.com/image-factory/backstage/blob/main/',
        workflow: 'image.yaml',
        errors: [],
      }),
    );
    expect(existsSync(path.join(ROOT, enrollment.dockerfile))).toBe(true);

    const workflow = parse(read(`.github/workflows/${enrollment.workflow}`));
    expect(Object.keys(workflow.on.workflow_dispatch.inputs).sort()).toEqual(
      Object.values(GITHUB_INPUT_NAMES).sort(),
    );
    expect(workflow['run-name']).toContain(
      `inputs.${GITHUB_INPUT_NAMES.rebuildId}`,
    );
    expect(workflow.env.IMAGE).toBe(enrollment.image);
  });

  describe('booted on the production config', () => {
    const connection = Object.entries(process.env).find(([name]) =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
    )?.[1];
    const prefix = `if_deploy_${Date.now().toString(36)}_`;
    let dir: string;
    const saved = new Map<string, string | undefined>();

    beforeAll(() => {
      if (!connection) {
        throw new Error(
          'No BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING: run the tests through make test, which starts PostgreSQL',
        );
      }
    });
    afterAll(async () => {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      if (dir) await fs.rm(dir, { recursive: true, force: true });
      if (!connection) return;
      // Every plugin made a database of its own under the prefix.
      const admin = knexFactory({ client: 'pg', connection });
      try {
        const { rows } = await admin.raw(
          'SELECT datname FROM pg_database WHERE datname LIKE ?',
          [`${prefix}%`],
        );
        for (const { datname } of rows) {
          await admin.raw('DROP DATABASE ??', [datname]);
        }
      } finally {
        await admin.destroy();
      }
    });

    it('answers the Deployment’s startup, readiness and liveness paths with 200, on PostgreSQL and the environment it provides', async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'image-factory-deploy-'));
      const port = await freePort();
      const database = new URL(connection!);
      // Each variable the Deployment sets, with a value for this machine:
      // the test PostgreSQL, a real RSA key (the GitHub App client may read
      // it), and stand-ins for the rest. Nothing else reaches the config.
      const values: Record<string, string> = {
        // The integration reads the App id as a number.
        GITHUB_APP_ID: '12345',
        POSTGRES_HOST: database.hostname,
        POSTGRES_PORT: database.port || '5432',
        POSTGRES_USER: decodeURIComponent(database.username),
        POSTGRES_PASSWORD: decodeURIComponent(database.password),
        GITHUB_APP_PRIVATE_KEY: generateKeyPairSync('rsa', {
          modulusLength: 2048,
        })
          .privateKey.export({ type: 'pkcs1', format: 'pem' })
          .toString(),
      };
      for (const { name } of container.env) {
        saved.set(name, process.env[name]);
        process.env[name] = values[name] ?? `test-${name.toLowerCase()}`;
      }

      // The production file as it is, with what differs on a test machine
      // layered on: port, folders, a database prefix of this test's own, and
      // no catalog location or pipeline run that would reach the network.
      const configFile = path.join(dir, 'app-config.test.yaml');
      await fs.writeFile(
        configFile,
        stringify({
          ...productionConfig,
          backend: {
            ...productionConfig.backend,
            baseUrl: `http://127.0.0.1:${port}`,
            listen: { port, host: '127.0.0.1' },
            workingDirectory: dir,
            database: { ...productionConfig.backend.database, prefix },
          },
          catalog: { locations: [] },
          imageFactory: {
            ...productionConfig.imageFactory,
            schedule: {
              ...productionConfig.imageFactory.schedule,
              initialDelay: { hours: 24 },
            },
          },
        }),
      );
      const backend = await startBackendProcess({ configFile, port });
      try {
        // The startup probe waits for readiness: a backend whose start failed
        // answers liveness with 200 and would never be restarted otherwise.
        expect(container.startupProbe.httpGet).toEqual(
          container.readinessProbe.httpGet,
        );
        for (const probe of [
          'startupProbe',
          'readinessProbe',
          'livenessProbe',
        ]) {
          const probePath = container[probe].httpGet.path;
          expect(container[probe].httpGet.port).toBe(container.ports[0].name);
          const answer = await fetch(`${backend.url}${probePath}`);
          expect({ probe, status: answer.status }).toEqual({
            probe,
            status: 200,
          });
        }
        // It really runs on PostgreSQL: the plugin's database exists.
        const admin = knexFactory({ client: 'pg', connection });
        try {
          const { rows } = await admin.raw(
            'SELECT datname FROM pg_database WHERE datname = ?',
            [`${prefix}image-factory`],
          );
          expect(rows).toHaveLength(1);
        } finally {
          await admin.destroy();
        }
      } catch (error) {
        throw new Error(`${error}\n${backend.output().slice(-4000)}`);
      } finally {
        await backend.kill('SIGTERM');
      }
    });
  });
});
