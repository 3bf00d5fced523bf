/*
 * The outside world of the browser tests, on fixed loopback ports named in
 * app-config.e2e.yaml: Debian's docker-registry as a real OCI registry (:5055), and a
 * local stand-in for a GitHub Enterprise API (:7077), since no real GitHub is
 * reachable here. It implements the documented endpoints the plugin calls: file
 * contents (Backstage's GitHub URL reader), repository, workflow dispatch and
 * workflow run. Playwright starts this as a web server and stops it at the end.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createImagePusher } from '../plugins/image-factory-backend/src/__testUtils__';
import { GITHUB_PORT, REGISTRY } from './ports';

const DOCKERFILE = `ARG NODE_VERSION=22
FROM ${REGISTRY}/library/node:\${NODE_VERSION} AS build
RUN npm ci && npm run build
FROM ${REGISTRY}/library/nginx:1.27
COPY --from=build /src/dist /usr/share/nginx/html
`;

async function startRegistry(): Promise<ChildProcess> {
  const dir = await fs.mkdtemp(
    path.join(os.tmpdir(), 'image-factory-e2e-registry-'),
  );
  const config = path.join(dir, 'config.yml');
  await fs.writeFile(
    config,
    [
      'version: 0.1',
      'log: { level: error, accesslog: { disabled: true } }',
      `storage: { filesystem: { rootdirectory: ${JSON.stringify(
        path.join(dir, 'storage'),
      )} } }`,
      `http: { addr: ${REGISTRY} }`,
      '',
    ].join('\n'),
  );
  const child = spawn('/usr/bin/docker-registry', ['serve', config], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://${REGISTRY}/v2/`).then(
      r => r.ok,
      () => false,
    );
    if (up) {
      const pusher = createImagePusher(`http://${REGISTRY}`);
      await pusher.pushImage('library/node', '22', {
        content: 'node 22, first build',
      });
      await pusher.pushImage('library/nginx', '1.27', {
        content: 'nginx 1.27',
      });
      await pusher.pushImage('library/postgres', '16', {
        content: 'postgres 16',
      });
      return child;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`docker-registry did not answer on ${REGISTRY}`);
}

function startGithub(): http.Server {
  const base = `http://127.0.0.1:${GITHUB_PORT}`;
  const run = {
    id: 4242,
    status: 'completed',
    conclusion: 'success',
    html_url: `${base}/acme/payments/actions/runs/4242`,
  };
  return http
    .createServer((req, res) => {
      const url = new URL(req.url ?? '/', base);
      const send = (
        status: number,
        body?: unknown,
        type = 'application/json',
      ) => {
        res.writeHead(status, { 'content-type': type });
        res.end(typeof body === 'string' ? body : JSON.stringify(body ?? {}));
      };
      // Octokit sends `token …`, Backstage's GitHub URL reader `Bearer …`.
      const token = req.headers.authorization?.replace(/^(token|Bearer) /, '');
      if (token !== 'e2e-github-token' && url.pathname !== '/health') {
        send(401, { message: 'Bad credentials' });
      } else if (url.pathname === '/health') {
        send(200, { status: 'ok' });
      } else if (
        url.pathname === '/api/v3/repos/acme/payments/contents/Dockerfile'
      ) {
        send(200, DOCKERFILE, 'text/plain');
      } else if (url.pathname === '/api/v3/repos/acme/payments') {
        send(200, { full_name: 'acme/payments', default_branch: 'main' });
      } else if (
        req.method === 'POST' &&
        url.pathname ===
          '/api/v3/repos/acme/payments/actions/workflows/build.yml/dispatches'
      ) {
        send(200, {
          workflow_run_id: run.id,
          run_url: `${base}/api/v3/repos/acme/payments/actions/runs/${run.id}`,
          html_url: run.html_url,
        });
      } else if (
        url.pathname === `/api/v3/repos/acme/payments/actions/runs/${run.id}`
      ) {
        send(200, run);
      } else {
        send(404, { message: 'Not Found' });
      }
    })
    .listen(GITHUB_PORT, '127.0.0.1');
}

async function main() {
  const registry = await startRegistry();
  const github = startGithub();
  const stop = () => {
    registry.kill();
    github.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(error => {
  process.stderr.write(`e2e services: ${error}\n`);
  process.exit(1);
});
