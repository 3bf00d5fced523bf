import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const BCRYPT_ALPHABET =
  './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Makes a bcrypt hash, the only kind docker-registry's htpasswd backend reads. No
 * bcrypt library is installed here, so the system's crypt(3) (libxcrypt, reached
 * through Perl, which every Debian has) makes it; the password travels in the
 * environment, not on a command line.
 */
export async function bcryptHash(password: string): Promise<string> {
  const random = randomBytes(22);
  // The 22nd salt character carries only 2 bits; these four are its canonical values.
  const salt =
    [...random.subarray(0, 21)]
      .map(byte => BCRYPT_ALPHABET[byte % 64])
      .join('') + '.Oeu'[random[21] % 4];
  const { stdout } = await promisify(execFile)(
    'perl',
    ['-e', 'print crypt($ENV{IF_PASSWORD}, $ENV{IF_SALT})'],
    { env: { IF_PASSWORD: password, IF_SALT: `$2b$05$${salt}` } },
  );
  if (!stdout.startsWith('$2b$05$') || stdout.length !== 60) {
    throw new Error(
      'could not make a bcrypt hash with crypt(3) for the registry htpasswd file',
    );
  }
  return stdout;
}
