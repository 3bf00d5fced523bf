import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';

/** An HTTPS front for a loopback HTTP server. */
export interface TlsProxy {
  /** `https://127.0.0.1:<port>`. */
  url: string;
  /** The proxy's self-signed certificate: point `GIT_SSL_CAINFO` at it. */
  caFile: string;
  close(): Promise<void>;
}

/**
 * Terminates TLS on a free loopback port and passes the bytes on to a plain
 * HTTP server on loopback, so tests can speak `https://` to a test git server
 * (credentials are only ever sent over HTTPS). The certificate is made with the
 * `openssl` command for `IP:127.0.0.1` and lives until `close`.
 */
export async function startTlsProxy(targetPort: number): Promise<TlsProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'image-factory-tls-'));
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      caFile,
    ],
    { stdio: 'ignore' },
  );
  const sockets = new Set<Socket>();
  const server = createServer(
    { key: readFileSync(keyFile), cert: readFileSync(caFile) },
    client => {
      const upstream = connect(targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    },
  );
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `https://127.0.0.1:${port}`,
    caFile,
    close: () =>
      new Promise<void>(resolve => {
        sockets.forEach(socket => socket.destroy());
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
