/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Made on the device, so an
 * answer has its identity before it ever reaches a server; sorts roughly by creation time.
 */

let lastMs = -1;
let lastSeq = 0;

/** A new UUIDv7 string. Monotonic within one context even for ids made in the same ms. */
export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  // Keep ids made within one millisecond in order: a 12-bit sequence in rand_a.
  if (now <= lastMs) {
    now = lastMs;
    lastSeq += 1;
    if (lastSeq > 0xfff) {
      now = lastMs + 1;
      lastSeq = 0;
    }
  } else {
    lastSeq = 0;
  }
  lastMs = now;
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | ((lastSeq >> 8) & 0x0f);
  bytes[7] = lastSeq & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for any RFC 9562 UUID string (v4, v7, …). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
