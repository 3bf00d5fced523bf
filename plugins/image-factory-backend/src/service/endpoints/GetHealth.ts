import { ImageFactoryRouter } from './types';

/** `GET /health`: answers without credentials (see the plugin's auth policy). */
export function bindGetHealthEndpoint(router: ImageFactoryRouter): void {
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
}
