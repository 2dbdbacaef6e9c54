// Types of sw/build-plugins.mjs, for the bench that lists the CDN build's files.
import type { Plugin } from 'rollup';
/** The CDN build's JavaScript files: the entry, then its chunks (source maps are not precached). */
export declare function cdnFiles(dir?: string, entry?: string): string[];
/** Replaces `self.__WB_MANIFEST` with the CDN files and a revision hash of each. */
export declare function precacheManifest(options?: { files?: () => string[]; output?: string }): Plugin;
/** Resolves `workbox-window` to its ES2017 production build. */
export declare function modernWorkboxWindow(): Plugin;
