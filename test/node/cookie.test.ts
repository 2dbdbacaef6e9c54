import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_COOKIE, demoAuthenticate } from '../../server/auth.js';
import { cookieValue } from '../../src/cookie.js';

describe('cookieValue (one rule for the page and the server)', () => {
  it('finds a cookie by its exact name and percent-decodes it', () => {
    assert.equal(cookieValue('csrftoken', 'a=1; csrftoken=x%20y; b=2'), 'x y');
    assert.equal(cookieValue('csrftoken', 'xcsrftoken=1; novalue'), null);
    assert.equal(cookieValue('a', 'a = padded ; b=2'), 'padded');
  });
  it('keeps the raw text of a value that is not valid percent-encoding', () => {
    assert.equal(cookieValue('csrftoken', 'csrftoken=%E0%A4%A'), '%E0%A4%A');
  });
  it('answers null for no cookies at all', () => {
    assert.equal(cookieValue('a', null), null);
    assert.equal(cookieValue('a', ''), null);
  });
  it('is what the demo sign-in reads from a Cookie header', () => {
    const request = (cookie: string) => new Request('http://localhost/', { headers: { cookie } });
    assert.deepEqual(demoAuthenticate(request(`other=1; ${DEMO_COOKIE}=ana%40example`)), { userId: 'ana@example' });
    assert.equal(demoAuthenticate(request(`${DEMO_COOKIE}=two%20words`)), null);
    assert.equal(demoAuthenticate(request('other=1')), null);
  });
});
