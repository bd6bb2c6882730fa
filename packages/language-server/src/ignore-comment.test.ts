import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { ignoreCommentEdit } from './ignore-comment.js';

describe('ignoreCommentEdit', () => {
  it('indents the comment like the line it silences and uses the language comment marker', () => {
    const document = TextDocument.create('file:///Jenkinsfile', 'groovy', 1, "pipeline {\n    agent { label 'arm4' }\n}\n");
    const edit = ignoreCommentEdit(document, 1, 'jenkins/single-agent', '//');
    expect(TextDocument.applyEdits(document, [edit])).toBe(
      "pipeline {\n    // nospof-ignore jenkins/single-agent -- <reason>\n    agent { label 'arm4' }\n}\n",
    );
  });

  it('keeps CRLF line endings', () => {
    const document = TextDocument.create('file:///a.yaml', 'yaml', 1, 'kind: Deployment\r\nspec:\r\n  replicas: 1\r\n');
    const edit = ignoreCommentEdit(document, 2, 'kubernetes/min-replicas', '#');
    expect(edit.newText).toBe('  # nospof-ignore kubernetes/min-replicas -- <reason>\r\n');
  });
});
