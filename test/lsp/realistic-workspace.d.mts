export interface RealisticOptions {
  readonly bundleLines?: number;
  readonly services?: number;
}

export interface RealisticWorkspace {
  readonly root: string;
  path(name: string): string;
  write(name: string, text: string): string;
  remove(): void;
}

export declare const deployWorkflow: string;
export declare function serviceManifest(team: string, i: number): string;
export declare function pdbManifest(team: string, i: number): string;
export declare function installBundle(app: string, lines?: number): string;
export declare function realisticFiles(options?: RealisticOptions): Record<string, string>;
export declare function writeRealisticWorkspace(options?: RealisticOptions): RealisticWorkspace;
