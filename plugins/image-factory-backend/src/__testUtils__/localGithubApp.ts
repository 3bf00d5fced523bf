import { KeyObject, randomInt, verify } from 'node:crypto';
import type { Answer, RecordedRequest } from './localHttpServer';

// Test support: the GitHub App side of the GitHub stand-in (localGithubApi.ts).
// It implements the documented endpoints through which Backstage's GitHub
// integration (GithubAppCredentialsMux in @backstage/integration) turns an
// app's private key into installation access tokens: list the app's
// installations and create an installation access token, both authenticated
// as the app with a JWT it signs with its private key (RS256), and, for an
// installation on selected repositories only, list the repositories the new
// token reaches. The JWT is verified as GitHub does: signature against the
// app's public key, `iss` the app id, a lifetime of at most 10 minutes.

/** An installation of the app on an organisation or user account. */
export interface LocalInstallation {
  id: number;
  /** The account's login, e.g. `acme`. */
  account: string;
  /** The repositories it was installed on; every repository of the account when absent. */
  repositories?: string[];
}

/** An installation access token the stand-in created. */
export interface IssuedToken {
  token: string;
  installationId: number;
  /** `Date.now()` when it was created. */
  createdAt: number;
  /** `Date.now()` from which it is refused. */
  expiresAt: number;
}

/** A request authenticated as the app that was refused, and why. */
export interface RefusedAppRequest {
  method: string;
  path: string;
  reason: string;
}

/** The stand-in's GitHub App. */
export interface LocalGithubApp {
  appId: number;
  /** Every installation access token created, in order. */
  issued: IssuedToken[];
  /** The claims of every JWT accepted, in order. */
  acceptedJwts: Array<{ iss: unknown; iat: number; exp: number }>;
  /** Every request refused for its JWT, in order. */
  refused: RefusedAppRequest[];
  /** Answers `path` (below the API base URL) when it is an app endpoint. */
  route(request: RecordedRequest, path: string): Answer | undefined;
  /**
   * Whether `token` is an installation access token of this app, not expired,
   * whose installation covers `repository` (`owner/name`); without
   * `repository`, whether it is one at all.
   */
  authorizes(token: string | undefined, repository?: string): boolean;
}

const DOCS = 'https://docs.github.com/rest/apps/apps';
// GitHub refuses a JWT that expires more than 10 minutes after it is checked.
const MAX_JWT_LIFETIME_S = 600;
const TOKEN_ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function error(status: number, message: string): Answer {
  return { status, body: { message, documentation_url: DOCS } };
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The claims of the JWT of an `Authorization: Bearer` header, or why it is refused. */
function checkJwt(
  authorization: string | undefined,
  appId: number,
  publicKey: KeyObject | string,
  nowS: number,
): { reason: string } | { claims: LocalGithubApp['acceptedJwts'][number] } {
  const jwt = /^bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const parts = jwt?.split('.') ?? [];
  if (parts.length !== 3) {
    return { reason: 'no JWT in a Bearer authorization' };
  }
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (!header || !payload) {
    return { reason: 'the JWT does not decode' };
  }
  if (header.alg !== 'RS256') {
    return { reason: `the JWT is signed with ${String(header.alg)}` };
  }
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    publicKey,
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!signed) {
    return { reason: "the JWT's signature does not verify" };
  }
  const { iss, iat, exp } = payload;
  // The app id is a number in Backstage's config; GitHub takes it either way.
  if (String(iss) !== String(appId)) {
    return { reason: `the JWT's iss is ${String(iss)}` };
  }
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > nowS) {
    return { reason: `the JWT's iat (${String(iat)}) is not in the past` };
  }
  if (typeof exp !== 'number' || !Number.isInteger(exp) || exp <= nowS) {
    return { reason: `the JWT's exp (${String(exp)}) is not in the future` };
  }
  if (exp > nowS + MAX_JWT_LIFETIME_S || exp - iat > MAX_JWT_LIFETIME_S) {
    return { reason: `the JWT's exp (${exp}) is too far in the future` };
  }
  return { claims: { iss, iat, exp } };
}

/** A token in the shape GitHub gives installation access tokens. */
function newToken(): string {
  let token = 'ghs_';
  for (let i = 0; i < 36; i++) {
    token += TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)];
  }
  return token;
}

/**
 * Creates the GitHub App of the stand-in: `publicKey` is the public half of the
 * key pair whose private half the integration config holds. Times are the
 * real clock's, which Octokit signs the JWT with.
 */
export function createLocalGithubApp(options: {
  appId: number;
  publicKey: KeyObject | string;
  installations: LocalInstallation[];
  /** How long an installation access token lasts; default an hour, as on GitHub. */
  tokenLifetimeMs?: number;
}): LocalGithubApp {
  const { appId, installations } = options;
  const lifetimeMs = options.tokenLifetimeMs ?? 60 * 60 * 1000;
  const issued: IssuedToken[] = [];
  const acceptedJwts: LocalGithubApp['acceptedJwts'] = [];
  const refused: RefusedAppRequest[] = [];
  const selection = (installation: LocalInstallation) =>
    installation.repositories ? 'selected' : 'all';
  const present = (installation: LocalInstallation) => ({
    id: installation.id,
    app_id: appId,
    account: { login: installation.account, type: 'Organization' },
    target_type: 'Organization',
    repository_selection: selection(installation),
    suspended_by: null,
  });
  const valid = (token: string | undefined) => {
    const found = issued.find(t => t.token === token);
    return found && Date.now() < found.expiresAt
      ? installations.find(i => i.id === found.installationId)
      : undefined;
  };

  const authorizes = (token: string | undefined, repository?: string) => {
    const installation = valid(token);
    if (!installation || repository === undefined) {
      return Boolean(installation);
    }
    const [owner, name] = repository.split('/');
    return (
      owner.toLowerCase() === installation.account.toLowerCase() &&
      (!installation.repositories || installation.repositories.includes(name))
    );
  };

  const asApp = (
    request: RecordedRequest,
    path: string,
    answer: () => Answer,
  ): Answer => {
    const checked = checkJwt(
      request.headers.authorization,
      appId,
      options.publicKey,
      Math.floor(Date.now() / 1000),
    );
    if ('reason' in checked) {
      refused.push({ method: request.method, path, reason: checked.reason });
      return error(401, 'A JSON web token could not be decoded');
    }
    acceptedJwts.push(checked.claims);
    return answer();
  };

  const route = (request: RecordedRequest, path: string) => {
    if (request.method === 'GET' && path === '/app/installations') {
      return asApp(request, path, () => ({
        status: 200,
        body: installations.map(present),
      }));
    }
    const create = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (request.method === 'POST' && create) {
      return asApp(request, path, () => {
        const installation = installations.find(
          i => i.id === Number(create[1]),
        );
        if (!installation) {
          return error(404, 'Not Found');
        }
        const createdAt = Date.now();
        const token: IssuedToken = {
          token: newToken(),
          installationId: installation.id,
          createdAt,
          expiresAt: createdAt + lifetimeMs,
        };
        issued.push(token);
        return {
          status: 201,
          body: {
            token: token.token,
            expires_at: new Date(token.expiresAt)
              .toISOString()
              .replace(/\.\d{3}Z$/, 'Z'),
            permissions: {
              actions: 'write',
              contents: 'write',
              metadata: 'read',
            },
            repository_selection: selection(installation),
          },
        };
      });
    }
    if (request.method === 'GET' && path === '/installation/repositories') {
      const token = request.headers.authorization?.replace(
        /^(token|Bearer) /i,
        '',
      );
      const installation = valid(token);
      if (!installation) {
        return error(401, 'Bad credentials');
      }
      // Only asked for an installation on selected repositories.
      const names = installation.repositories ?? [];
      return {
        status: 200,
        body: {
          total_count: names.length,
          repository_selection: selection(installation),
          repositories: names.map((name, index) => ({
            id: index + 1,
            name,
            full_name: `${installation.account}/${name}`,
            owner: { login: installation.account },
          })),
        },
      };
    }
    return undefined;
  };

  return { appId, issued, acceptedJwts, refused, route, authorizes };
}
