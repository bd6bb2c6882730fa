/**
 * Messages for the `yaml` package's error codes. Its own messages may quote the offending text (an alias
 * name, a tag, a snippet of the line); text from a scanned file is never trusted, so a finding says what
 * is wrong in nospof's words and its range says where.
 */
const messages: Readonly<Record<string, string>> = {
  ALIAS_PROPS: 'an alias cannot have an anchor or a tag',
  BAD_ALIAS: 'an alias names no anchor defined before it',
  BAD_COLLECTION_TYPE: 'a collection has a tag for the wrong kind of collection',
  BAD_DIRECTIVE: 'a directive is not valid',
  BAD_DQ_ESCAPE: 'a double-quoted string holds an invalid escape sequence',
  BAD_INDENT: 'the indentation is wrong',
  BAD_PROP_ORDER: 'an anchor or tag is in the wrong place',
  BAD_SCALAR_START: 'a plain value starts with a reserved character',
  BLOCK_AS_IMPLICIT_KEY: 'a block value is used as a key',
  BLOCK_IN_FLOW: 'a block value is inside a flow collection ([...] or {...})',
  DUPLICATE_KEY: 'a key appears twice in the same mapping',
  IMPOSSIBLE: 'the YAML parser reached a state it cannot handle',
  KEY_OVER_1024_CHARS: 'a key is longer than 1024 characters',
  MISSING_CHAR: 'a closing quote or bracket is missing',
  MULTILINE_IMPLICIT_KEY: 'a key spans several lines (is a quote or a colon missing?)',
  MULTIPLE_ANCHORS: 'a value has more than one anchor',
  MULTIPLE_DOCS: 'a stream holds several documents where one is expected',
  MULTIPLE_TAGS: 'a value has more than one tag',
  NON_STRING_KEY: 'a key is not a string',
  TAB_AS_INDENT: 'a tab is used for indentation (YAML allows only spaces)',
  TAG_RESOLVE_FAILED: 'a tagged value cannot be read as its tag says',
  UNEXPECTED_TOKEN: 'unexpected text for this place in the document',
};

/** The nospof message for a `yaml` error code. */
export function yamlErrorMessage(code: string): string {
  return `YAML syntax error: ${messages[code] ?? 'the text is not valid YAML'}`;
}
