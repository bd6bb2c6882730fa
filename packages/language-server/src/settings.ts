/** What the user can set under `nospof.*` (workspace/configuration). */
export interface Settings {
  readonly enable: boolean;
  /** Lint while typing (debounced) or only when the file is saved. */
  readonly run: 'onType' | 'onSave';
  /** A config file to use instead of the nearest `.nospof.yaml`; relative to the workspace folder. */
  readonly configPath: string | undefined;
}

export const defaultSettings: Settings = { enable: true, run: 'onType', configPath: undefined };

/** Reads whatever the client sent (an object, null, a partial object) into complete settings. */
export function normalizeSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return defaultSettings;
  const value = raw as Record<string, unknown>;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : defaultSettings.enable,
    run: value.run === 'onSave' ? 'onSave' : 'onType',
    configPath: typeof value.configPath === 'string' && value.configPath.trim() !== '' ? value.configPath : undefined,
  };
}

export function sameSettings(a: Settings, b: Settings): boolean {
  return a.enable === b.enable && a.run === b.run && a.configPath === b.configPath;
}
