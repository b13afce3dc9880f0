export declare const NODE_VERSION: string;
export declare const CODE_SERVER_VERSION: string;
export declare const cacheDir: string;
export declare const nodeDir: string;
export declare const codeServerPrefix: string;
export declare const codeServerBin: string;
export declare function node24Env(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export declare function setup(): void;
