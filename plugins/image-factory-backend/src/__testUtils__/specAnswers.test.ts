import { exampleImageStatus } from './apiExamples';
import { checkAgainstSpec } from './specAnswers';

const notFound = {
  error: { name: 'NotFoundError', message: 'no such image' },
  request: { method: 'GET', url: '/images/default/component/x' },
  response: { statusCode: 404 },
};

describe('checkAgainstSpec', () => {
  it('accepts an answer the spec describes', () => {
    expect(() =>
      checkAgainstSpec('GET', '/images/default/component/payments', {
        status: 200,
        body: exampleImageStatus(),
      }),
    ).not.toThrow();
    expect(() =>
      checkAgainstSpec('GET', '/images/default/component/x?a=b', {
        status: 404,
        body: notFound,
      }),
    ).not.toThrow();
  });

  it('refuses a status the operation does not document', () => {
    expect(() =>
      checkAgainstSpec('GET', '/images/default/component/x', {
        status: 409,
        body: notFound,
      }),
    ).toThrow(/answered 409, which the spec does not describe for getImage/);
  });

  it('refuses a field the schema does not have', () => {
    expect(() =>
      checkAgainstSpec('GET', '/images/default/component/payments', {
        status: 200,
        body: { ...exampleImageStatus(), surprise: true },
      }),
    ).toThrow(/must NOT have additional properties/);
  });

  it('refuses a missing required field and a wrong type deep inside', () => {
    const { links: _links, ...withoutLinks } = exampleImageStatus();
    expect(() =>
      checkAgainstSpec('GET', '/images/default/component/payments', {
        status: 200,
        body: withoutLinks,
      }),
    ).toThrow(/must have required property 'links'/);
    const status = exampleImageStatus();
    expect(() =>
      checkAgainstSpec('GET', '/images/default/component/payments', {
        status: 200,
        body: {
          ...status,
          baseImages: [{ ...status.baseImages[0], lastUpdated: 'yesterday' }],
        },
      }),
    ).toThrow(/lastUpdated must match format "date-time"/);
  });

  it('refuses a request the spec has no operation for', () => {
    expect(() =>
      checkAgainstSpec('DELETE', '/images', { status: 200, body: {} }),
    ).toThrow(/no operation DELETE \/images/);
  });
});
