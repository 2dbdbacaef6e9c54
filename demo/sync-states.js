// The Sync states page: each <sync-indicator data-status="{…}"> shows the sync state written
// in its attribute (the tag's `status` property) instead of the live one, so every state can be
// seen without taking the network or the server down. Times in the attribute are offsets from
// now in milliseconds (-120000: two minutes ago), so the page reads the same whenever it opens.
const TIMES = ['lastSyncedAt', 'nextRetryAt'];

await customElements.whenDefined('sync-indicator');
for (const indicator of document.querySelectorAll('sync-indicator[data-status]')) {
  const status = JSON.parse(indicator.dataset.status);
  for (const key of TIMES) if (typeof status[key] === 'number') status[key] += Date.now();
  indicator.status = status;
}
