/** Commands the server executes (`workspace/executeCommand`); clients may bind them to UI. */
export const OPEN_RULE_DOCS = 'nospof.openRuleDocs';
export const APPLY_FIX_ALL = 'nospof.applyFixAll';

export const SERVER_COMMANDS = [OPEN_RULE_DOCS, APPLY_FIX_ALL];

/** The code action kind of "fix everything nospof can fix", for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.nospof';
