import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Guest sign-in for the embedded default (`make start`); see https://backstage.io/docs/auth/guest/provider
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
// Replace with a real policy in production: https://backstage.io/docs/permissions/getting-started
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// Live updates to the frontend (the user settings storage API depends on it).
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@image-factory/backstage-plugin-image-factory-backend'));

backend.start();
