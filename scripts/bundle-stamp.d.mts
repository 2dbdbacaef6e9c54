// Types of scripts/bundle-stamp.mjs, for the tests that import it.
export declare const BUNDLE_INPUTS: string[];
export declare const BUNDLES: string[];
/** The hash of every input's path and bytes under `root`, in a fixed order. */
export declare function bundleInputsHash(root?: string): string;
/** Why the bundles under `root` must be rebuilt, or null when they match the sources. */
export declare function staleBundles(root?: string): string | null;
/** Records that the bundles match the sources hashed as `hash`. */
export declare function writeBundleStamp(hash: string, root?: string): void;
