import type { AnyRule } from '@nospof/core';
import deadMansSwitch from './dead-mans-switch.js';
import emptyReceiver from './empty-receiver.js';
import routeChannelRedundancy from './route-channel-redundancy.js';
import singleAlertmanager from './single-alertmanager.js';

export const alertingRules: readonly AnyRule[] = [routeChannelRedundancy, emptyReceiver, singleAlertmanager, deadMansSwitch];
