import { scrubSecrets } from './scrubSecrets';

describe('scrubSecrets', () => {
  it('removes the given secrets, authorization values, URL userinfo and token-shaped strings', () => {
    const text = [
      'literal s3cr3t-value',
      'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload.signature',
      'authorization: token ghs_16C7e42F292c6912E7710c838347Ae178B4a',
      'PRIVATE-TOKEN: glpat-abcdefghijklmnop1234',
      'clone https://x-access-token:abc123@github.com/acme/payments.git',
      'app token github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
    ].join('\n');
    const scrubbed = scrubSecrets(text, ['s3cr3t-value']);
    expect(scrubbed).toBe(
      [
        'literal ***',
        'Authorization: Bearer ***',
        'authorization: token ***',
        'PRIVATE-TOKEN: ***',
        'clone https://***@github.com/acme/payments.git',
        'app token ***',
      ].join('\n'),
    );
  });

  it('leaves ordinary sentences about tokens readable', () => {
    expect(scrubSecrets('the token has expired; Bad credentials')).toBe(
      'the token has expired; Bad credentials',
    );
  });
});
