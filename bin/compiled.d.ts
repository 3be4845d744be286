/** Why dist/server must be rebuilt, or null when it is current (see compiled.js). */
export declare function serverStaleReason(root?: string): string | null;
