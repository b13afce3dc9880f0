export declare const packageDir: string;
export declare const repoDir: string;
export declare const cacheDir: string;
export declare const packagedVsix: string;
