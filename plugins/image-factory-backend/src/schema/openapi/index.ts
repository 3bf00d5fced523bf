export { createOpenApiRouter, spec } from './generated/router';
