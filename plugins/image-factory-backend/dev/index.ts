// `yarn start` in this folder: a backend with the Image Factory, the catalog of
// the repository's examples/, guest sign-in and an allow-all permission policy,
// on SQLite, as the repository's app-config.yaml configures them. Paths there
// are relative to the backend process, two folders below the repository root,
// as this one is.
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('../src'));

backend.start();
