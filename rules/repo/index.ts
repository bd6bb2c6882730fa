import type { AnyRule } from '@nospof/core';
import alertChannelRedundancy from './alert-channel-redundancy.js';
import securityScannerRedundancy from './security-scanner-redundancy.js';

export const repoRules: readonly AnyRule[] = [alertChannelRedundancy, securityScannerRedundancy];
