// nospof loads this module only when a configuration names the plugin (`plugins: [nospof-plugin-acme]`)
// and the run was not started with --no-plugins. Rule ids are `acme/<name>`: the prefix comes from the
// package name (nospof-plugin-<prefix>).
import criticalPriorityClass from './rules/critical-priority-class.js';

export const meta = { name: 'nospof-plugin-acme', version: '1.0.0' };

export const rules = {
  'critical-priority-class': criticalPriorityClass,
};

export default { meta, rules };
