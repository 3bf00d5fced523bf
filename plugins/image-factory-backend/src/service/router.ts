import { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';

/** Options for {@link createRouter}. */
export interface RouterOptions {
  logger: LoggerService;
}

/** Builds the plugin's HTTP API, mounted at `/api/image-factory`. */
export async function createRouter(
  _options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  return router;
}
