import { expect } from '@open-wc/testing';
import { codeForStatus, errorForResponse, parseRetryAfter } from '../../../src/client/http-errors.js';

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('2', now)).to.equal(2000);
    expect(parseRetryAfter(' 0 ', now)).to.equal(0);
    expect(parseRetryAfter('120', now)).to.equal(120_000);
  });

  it('reads an HTTP date, never negative', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).to.equal(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('Thursday, 01-Jan-26 12:01:00 GMT', now)).to.be.a('number');
  });

  it('ignores what is neither', () => {
    expect(parseRetryAfter(null, now)).to.equal(undefined);
    expect(parseRetryAfter(undefined, now)).to.equal(undefined);
    expect(parseRetryAfter('', now)).to.equal(undefined);
    expect(parseRetryAfter('5.5', now)).to.equal(undefined);
    expect(parseRetryAfter('-3', now)).to.equal(undefined);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter('Xyz, nonsense GMT', now)).to.equal(undefined);
  });
});

describe('codeForStatus', () => {
  it('maps each status class to its stable code', () => {
    expect(codeForStatus(401, false)).to.equal('auth-required');
    expect(codeForStatus(403, false)).to.equal('forbidden');
    expect(codeForStatus(413, false)).to.equal('payload-too-large');
    expect(codeForStatus(429, false)).to.equal('rate-limited');
    expect(codeForStatus(503, true)).to.equal('rate-limited');
    expect(codeForStatus(503, false)).to.equal('server-error');
    expect(codeForStatus(502, true)).to.equal('server-error');
    expect(codeForStatus(400, false)).to.equal('bad-request');
    expect(codeForStatus(404, false)).to.equal('bad-request');
    expect(codeForStatus(304, false)).to.equal('invalid-response');
  });
});

describe('errorForResponse', () => {
  const info = { method: 'POST', url: '/api/review/sync' };

  it('keeps the server error code and message from the protocol body', async () => {
    const response = new Response(JSON.stringify({ error: { code: 'too-many-mutations', message: 'At most 500.' } }), {
      status: 413,
    });
    const error = await errorForResponse(response, info);
    expect(error.code).to.equal('payload-too-large');
    expect(error.details).to.deep.equal({ ...info, status: 413, serverCode: 'too-many-mutations', serverMessage: 'At most 500.' });
    expect(error.cause).to.equal(undefined);
  });

  it('still maps the status when the body is not the protocol error JSON', async () => {
    const html = await errorForResponse(new Response('<h1>Bad gateway</h1>', { status: 502 }), info);
    expect(html.code).to.equal('server-error');
    expect(html.details).to.deep.equal({ ...info, status: 502 });
    // The parse failure: a SyntaxError (WebKit's Response.json() rejects with a DOMException of that name).
    expect((html.cause as Error).name).to.equal('SyntaxError');
    const other = await errorForResponse(new Response(JSON.stringify({ error: 'nope' }), { status: 400 }), info);
    expect(other.details).to.deep.equal({ ...info, status: 400 });
    const odd = await errorForResponse(new Response(JSON.stringify({ error: { code: 1, message: 2 } }), { status: 400 }), info);
    expect(odd.details).to.deep.equal({ ...info, status: 400 });
    const retry = new Response('null', { status: 429, headers: { 'Retry-After': '3' } });
    expect((await errorForResponse(retry, info)).details).to.deep.equal({ ...info, status: 429, retryAfterMs: 3000 });
  });
});
