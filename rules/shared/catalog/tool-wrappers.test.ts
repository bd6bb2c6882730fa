import { describe, expect, it } from 'vitest';
import { deployTools } from './deploy-tools.js';
import { commandUses, prepareScript } from './match.js';
import { toolWrapperForAction, toolWrapperForImage, wrappedCommand } from './tool-wrappers.js';

/** The deploy commands a wrapper's arguments run, as a `run:` step would be matched. */
function deploysOf(args: string, wrapper = toolWrapperForAction('actions-hub/kubectl@master')): string[] {
  if (!wrapper) throw new Error('no wrapper');
  return commandUses(deployTools, prepareScript(wrappedCommand(wrapper, args))).map((use) => use.tool.name);
}

describe('tool wrappers: actions and images whose entrypoint is one CLI', () => {
  it('knows an action by owner/repo, with any ref or case, and not an action under its path', () => {
    expect(toolWrapperForAction('steebchen/kubectl@v2.0.0')).toMatchObject({ executable: 'kubectl', inputs: ['command'] });
    expect(toolWrapperForAction('Actions-Hub/Kubectl')).toMatchObject({ executable: 'kubectl', inputs: ['args'] });
    expect(toolWrapperForAction('actions-hub/kubectl/other@v1')).toBeUndefined();
    expect(toolWrapperForAction('azure/setup-kubectl@v4')).toBeUndefined();
  });

  it('knows an image by its name, whatever its registry prefix or tag', () => {
    expect(toolWrapperForImage('docker://bitnami/kubectl:1.30')).toMatchObject({ executable: 'kubectl' });
    expect(toolWrapperForImage('docker://docker.io/alpine/helm@sha256:abc')).toMatchObject({ executable: 'helm' });
    expect(toolWrapperForImage('docker://alpine:3.20')).toBeUndefined();
  });

  it('puts the CLI in front of the arguments, once, on one line', () => {
    const kubectl = toolWrapperForAction('actions-hub/kubectl');
    if (!kubectl) throw new Error('no wrapper');
    expect(wrappedCommand(kubectl, 'apply -f k8s/')).toBe('kubectl apply -f k8s/');
    expect(wrappedCommand(kubectl, 'kubectl apply -f k8s/')).toBe('kubectl apply -f k8s/');
    expect(wrappedCommand(kubectl, 'apply\n  -f k8s/\n')).toBe('kubectl apply -f k8s/');
    expect(wrappedCommand(kubectl, '  ')).toBe('');
    // Arguments are the repository's text: a long run of spaces must be read in linear time. A pattern that
    // backtracks over it takes hours here, far past the test's timeout; no timing of our own, which flakes.
    const spaced = `apply${' '.repeat(200_000)}-f k8s/`;
    expect(wrappedCommand(kubectl, spaced)).toBe(`kubectl ${spaced}`);
    expect(wrappedCommand(kubectl, `apply${' '.repeat(200_000)}\n-f k8s/`)).toBe('kubectl apply -f k8s/');
  });

  it('makes the arguments a deploy exactly when the whole command line is one', () => {
    expect(deploysOf('apply -f manifest/*.yaml')).toEqual(['kubernetes']);
    expect(deploysOf('set image deployment/api api=ghcr.io/acme/api:1.2.3')).toEqual(['kubernetes']);
    expect(deploysOf('get pods')).toEqual([]);
    expect(deploysOf('rollout status deployment/api')).toEqual([]);
    expect(deploysOf('apply --dry-run=client -f k8s/')).toEqual([]);
    expect(deploysOf('upgrade --install api ./chart', toolWrapperForImage('docker://alpine/helm:3.16'))).toEqual(['kubernetes']);
    expect(deploysOf('apply -auto-approve', toolWrapperForImage('docker://hashicorp/terraform:1.9'))).toEqual(['terraform']);
    expect(deploysOf('plan', toolWrapperForImage('docker://hashicorp/terraform:1.9'))).toEqual([]);
  });
});
