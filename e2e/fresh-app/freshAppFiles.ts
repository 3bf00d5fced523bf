/** What the new app is made of, beyond what the README's install section says. */
export interface FreshAppSettings {
  /** The backend's port; the backend serves the built frontend too. */
  port: number;
  /** PostgreSQL the backend's plugins keep their databases in. */
  postgres: { host: string; port: number; user: string };
  /** Prefix of the databases, so each run starts empty. */
  databasePrefix: string;
  /** Package name → `./tarballs/….tgz`, installed in place of the npm registry. */
  tarballs: Record<string, string>;
  /** Package name → the range this repository's own app asks for. */
  ranges: Record<string, string>;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The files of a Backstage app written from scratch: a root workspace, a backend
 * with the catalog, guest sign-in and the Image Factory, a frontend with the
 * catalog and the Image Factory. The lines that install the plugins are the ones
 * the README's "Installing into your Backstage" section gives.
 */
export function freshAppFiles(
  settings: FreshAppSettings,
): Record<string, string> {
  const { ranges } = settings;
  const deps = (...names: string[]) =>
    Object.fromEntries(
      names.map(name => {
        const range = ranges[name];
        if (!range) throw new Error(`no version range known for ${name}`);
        return [name, range];
      }),
    );
  const baseUrl = `http://localhost:${settings.port}`;

  return {
    'package.json': json({
      name: 'fresh-backstage-app',
      version: '0.0.0',
      private: true,
      engines: { node: '22 || 24' },
      packageManager: ranges.yarn,
      workspaces: ['packages/*'],
      scripts: { tsc: 'tsc' },
      devDependencies: deps(
        '@backstage/cli',
        '@image-factory/cli',
        '@types/jest',
        'typescript',
      ),
      // The tarballs stand in for the npm registry; the backend's and the
      // frontend's dependency on the common package must find it too.
      resolutions: {
        ...Object.fromEntries(
          Object.entries(settings.tarballs).map(([name, file]) => [
            name,
            `file:${file}`,
          ]),
        ),
        '@types/react': '^18',
        '@types/react-dom': '^18',
      },
      dependenciesMeta: { keytar: { built: false } },
    }),
    '.yarnrc.yml': 'nodeLinker: node-modules\nenableTelemetry: false\n',
    'tsconfig.json': json({
      extends: '@backstage/cli/config/tsconfig.json',
      include: ['packages/*/src'],
      exclude: ['node_modules'],
      compilerOptions: { outDir: 'dist-types', rootDir: '.', jsx: 'react-jsx' },
    }),
    'app-config.yaml': [
      'app:',
      '  title: Fresh app',
      `  baseUrl: ${baseUrl}`,
      'backend:',
      `  baseUrl: ${baseUrl}`,
      `  listen: { port: ${settings.port} }`,
      '  workingDirectory: ./work',
      '  database:',
      '    client: pg',
      `    prefix: ${settings.databasePrefix}`,
      '    connection:',
      `      host: ${settings.postgres.host}`,
      `      port: ${settings.postgres.port}`,
      `      user: ${settings.postgres.user}`,
      'auth:',
      '  providers:',
      '    guest:',
      '      dangerouslyAllowOutsideDevelopment: true',
      'catalog:',
      '  rules:',
      '    - allow: [Component, Location]',
      '  locations:',
      '    - type: file',
      '      target: ./catalog/payments-api/catalog-info.yaml',
      // No registry is reachable from a test machine: asking none keeps the run
      // quick and its outcome the same everywhere.
      'imageFactory:',
      '  allowPublic: false',
      '',
    ].join('\n'),

    'packages/backend/package.json': json({
      name: 'backend',
      version: '0.0.0',
      private: true,
      main: 'dist/index.cjs.js',
      types: 'src/index.ts',
      backstage: { role: 'backend' },
      scripts: { build: 'backstage-cli package build' },
      dependencies: {
        ...deps(
          '@backstage/backend-defaults',
          '@backstage/plugin-app-backend',
          '@backstage/plugin-auth-backend',
          '@backstage/plugin-auth-backend-module-guest-provider',
          '@backstage/plugin-catalog-backend',
          '@image-factory/backstage-plugin-image-factory-backend',
          'pg',
        ),
        app: 'link:../app',
      },
    }),
    'packages/backend/src/index.ts': [
      "import { createBackend } from '@backstage/backend-defaults';",
      '',
      'const backend = createBackend();',
      "backend.add(import('@backstage/plugin-app-backend'));",
      "backend.add(import('@backstage/plugin-auth-backend'));",
      "backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));",
      "backend.add(import('@backstage/plugin-catalog-backend'));",
      "backend.add(import('@image-factory/backstage-plugin-image-factory-backend'));",
      'backend.start();',
      '',
    ].join('\n'),

    'packages/app/package.json': json({
      name: 'app',
      version: '0.0.0',
      private: true,
      bundled: true,
      backstage: { role: 'frontend' },
      scripts: { build: 'backstage-cli package build' },
      dependencies: deps(
        '@backstage/cli',
        '@backstage/frontend-defaults',
        '@backstage/plugin-catalog',
        '@backstage/ui',
        '@image-factory/backstage-plugin-image-factory',
        'react',
        'react-dom',
        'react-router-dom',
      ),
      devDependencies: deps('@types/react-dom'),
    }),
    'packages/app/public/index.html': [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '  <head><meta charset="utf-8" /><title>Fresh app</title></head>',
      '  <body><div id="root"></div></body>',
      '</html>',
      '',
    ].join('\n'),
    'packages/app/src/index.tsx': [
      "import '@backstage/cli/asset-types';",
      "import ReactDOM from 'react-dom/client';",
      "import App from './App';",
      "import '@backstage/ui/css/styles.css';",
      '',
      "ReactDOM.createRoot(document.getElementById('root')!).render(App.createRoot());",
      '',
    ].join('\n'),
    'packages/app/src/App.tsx': [
      "import { createApp } from '@backstage/frontend-defaults';",
      "import catalogPlugin from '@backstage/plugin-catalog/alpha';",
      "import imageFactoryPlugin from '@image-factory/backstage-plugin-image-factory/alpha';",
      '',
      'export default createApp({',
      '  features: [catalogPlugin, imageFactoryPlugin],',
      '});',
      '',
    ].join('\n'),
  };
}
