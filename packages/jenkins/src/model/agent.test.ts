import { describe, expect, it } from 'vitest';
import { modelOf } from '../testing/parse.js';

function agentOf(agent: string) {
  const file = modelOf(`pipeline {\n  ${agent}\n  stages { stage('a') { steps { sh 'x' } } }\n}\n`);
  return file.pipeline?.agent;
}

describe('declarative agents', () => {
  it('reads any and none', () => {
    expect(agentOf('agent any')).toMatchObject({ kind: 'any', label: undefined, ephemeral: false });
    expect(agentOf('agent none')).toMatchObject({ kind: 'none' });
  });

  it('reads a label with its exact range', () => {
    const agent = agentOf("agent { label 'linux && docker' }");
    expect(agent).toMatchObject({ kind: 'label', label: { known: true, value: 'linux && docker' } });
    expect(agent?.label?.range?.start).toMatchObject({ line: 2, column: 17 });
    expect(agent?.range.start).toMatchObject({ line: 2, column: 3 });
  });

  it('reads label and customWorkspace written as named arguments', () => {
    expect(agentOf("agent { label label: 'linux', customWorkspace: '/ws' }")).toMatchObject({
      kind: 'label',
      label: { value: 'linux' },
      customWorkspace: { value: '/ws' },
    });
  });

  it('reads the short docker form and dockerfile true', () => {
    expect(agentOf("agent { docker 'node:20' }")).toMatchObject({ kind: 'docker', image: { value: 'node:20' }, label: undefined, ephemeral: false });
    expect(agentOf('agent { dockerfile true }')).toMatchObject({ kind: 'dockerfile', ephemeral: false });
    expect(agentOf("agent { dockerfile { filename 'ci.Dockerfile'; label 'docker' } }")).toMatchObject({ label: { value: 'docker' } });
  });

  it('reads kubernetes agents and custom agent types', () => {
    expect(agentOf("agent { kubernetes { yaml '''\nspec: {}\n''' } }")).toMatchObject({ kind: 'kubernetes', ephemeral: true });
    expect(agentOf("agent { ecs { inheritFrom 'base'; label 'fargate' } }")).toMatchObject({ kind: 'other', keyword: 'ecs', label: { value: 'fargate' } });
  });

  it('keeps labels from variables and parameters unknown', () => {
    expect(agentOf('agent { label params.AGENT }')?.label).toMatchObject({ known: false, reason: 'property AGENT' });
    expect(agentOf('agent { label "${LABEL}-x" }')?.label).toMatchObject({ known: false, reason: 'interpolated string' });
    expect(agentOf("agent { label 'linux' + '-arm' }")?.label).toMatchObject({ known: true, value: 'linux-arm' });
  });
});
