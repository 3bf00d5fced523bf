import { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Who asked, as audit records name them: a user's entity ref, or `service:<subject>`
 * for a service or an external access token.
 */
export function describePrincipal(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return 'unknown';
}
