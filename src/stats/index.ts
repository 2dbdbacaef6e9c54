/** Review statistics derived on the device from the merged answers: pure, for pages and Node. */
export * from './review-days.js';
export * from './retention.js';
export * from './forecast.js';
