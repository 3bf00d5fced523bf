import { scrubSecrets } from './scrubSecrets';

describe('scrubSecrets', () => {
  it('removes the userinfo of every URL in a message', () => {
    expect(
      scrubSecrets(
        "fatal: unable to access 'https://bot:p%40ss@git.example.com/a.git/' and http://tok@h:1/x",
      ),
    ).toBe(
      "fatal: unable to access 'https://***@git.example.com/a.git/' and http://***@h:1/x",
    );
  });

  it('replaces each given secret wherever it appears', () => {
    expect(
      scrubSecrets('header Basic eC1hOnQ= for t0ken, again t0ken', [
        't0ken',
        'eC1hOnQ=',
        '',
      ]),
    ).toBe('header Basic *** for ***, again ***');
  });

  it('leaves URLs without userinfo and e-mail addresses alone', () => {
    const text =
      'pushed to https://git.example.com/a.git by factory@example.com';
    expect(scrubSecrets(text)).toBe(text);
  });

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
