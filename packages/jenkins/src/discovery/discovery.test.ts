import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { jenkinsLanguage, parseJenkinsfile } from '../language.js';
import { isJenkinsfilePath, isLibraryStepPath } from './paths.js';
import { sniffGroovy } from './sniff.js';

const apacheHeader = `/*
 * Licensed to the Apache Software Foundation (ASF) under one
 * or more contributor license agreements.  See the NOTICE file
 * distributed with this work for additional information
 * regarding copyright ownership.  The ASF licenses this file
 * to you under the Apache License, Version 2.0 (the
 * "License"); you may not use this file except in compliance
 * with the License.  You may obtain a copy of the License at
 *
 *   http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing,
 * software distributed under the License is distributed on an
 * "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
 * KIND, either express or implied.  See the License for the
 * specific language governing permissions and limitations
 * under the License.
 */
`;

/** What a host hands `matches`: the head the language asks for (the linter hands 512 characters today). */
function claims(path: string, text: string, head = jenkinsLanguage.headBytes): boolean {
  return jenkinsLanguage.matches(path, text.slice(0, head));
}

function applicable(path: string, text: string): boolean {
  const result = parseJenkinsfile(new SourceFile(path, text));
  return result.notApplicable !== true && result.root !== undefined;
}

describe('Jenkinsfile names', () => {
  it.each([
    'Jenkinsfile', 'JenkinsFile', 'jenkinsfile', 'JENKINSFILE', 'Jenkinsfile.release', 'Jenkinsfile-jdk11', 'Jenkinsfile_k8s',
    'Jmh_Jenkinsfile', 'ci/nightly.jenkinsfile', 'ci/Release.Jenkinsfile', 'build-jenkinsfile', 'Jenkinsfile.groovy',
    '.ci/Jenkinsfile.windows.arm64', 'jenkins/Jenkinsfile-integration_tests',
  ])('claims %s', (path) => {
    expect(isJenkinsfilePath(path)).toBe(true);
    expect(jenkinsLanguage.matches(path, '')).toBe(true);
  });

  it.each([
    'Jenkinsfile.md', 'docs/Jenkinsfile.adoc', 'src/test/JenkinsfileTest.java', 'ci/jenkinsfile.yaml', 'Jenkinsfiles.txt',
    'JenkinsfileRunner', 'my-jenkinsfiles/README', 'Jenkinsfile.orig', 'tools/jenkinsfile-lint.sh',
  ])('leaves %s alone', (path) => {
    expect(isJenkinsfilePath(path)).toBe(false);
  });

  it('knows shared-library steps by their vars/ folder', () => {
    expect(isLibraryStepPath('vars/deployApp.groovy')).toBe(true);
    expect(isLibraryStepPath('pipeline-library/vars/notify.groovy')).toBe(true);
    expect(isLibraryStepPath('src/org/ci/vars/Util.groovy')).toBe(true);
    expect(isLibraryStepPath('vars/deployApp.txt')).toBe(false);
    expect(isLibraryStepPath('myvars/x.groovy')).toBe(false);
    expect(jenkinsLanguage.matches('vars/buildPlugin.groovy', 'def call(Map params = [:]) {')).toBe(true);
  });
});

describe('.groovy pipelines found by content', () => {
  it('sees a declarative pipeline after a licence header', () => {
    const text = `${apacheHeader}\n@Library('ci') _\n\npipeline {\n  agent any\n  stages { stage('a') { steps { sh 'make' } } }\n}\n`;
    expect(sniffGroovy(text)).toBe('pipeline');
    expect(claims('ci/build.groovy', text)).toBe(true);
    expect(applicable('ci/build.groovy', text)).toBe(true);
  });

  it('sees a scripted pipeline after line comments, a shebang, imports and variables', () => {
    const text = "#!/usr/bin/env groovy\n// Copyright 2024 Example\n// SPDX-License-Identifier: MIT\nimport groovy.json.JsonSlurper\ndef version = '1.0'\n\ntimeout(time: 1, unit: 'HOURS') {\n  node('linux') { sh 'make' }\n}\n";
    expect(sniffGroovy(text)).toBe('pipeline');
    expect(claims('release.groovy', text)).toBe(true);
  });

  it('sees a podTemplate pipeline', () => {
    expect(sniffGroovy("podTemplate(containers: [containerTemplate(name: 'maven', image: 'maven:3')]) {\n  node(POD_LABEL) { }\n}\n")).toBe('pipeline');
  });

  it('claims a file whose licence header outlasts the head, and lets the whole file decide', () => {
    const longHeader = `/*\n${' * This file is part of the example project and is distributed under a long licence text.\n'.repeat(12)} */\n`;
    const pipeline = `${longHeader}pipeline {\n  agent any\n  stages { stage('a') { steps { sh 'make' } } }\n}\n`;
    const libraryClass = `${longHeader}package org.example.ci\n\nclass Versions {\n  static String next(String v) { v }\n}\n`;
    expect(longHeader.length).toBeGreaterThan(512);
    expect(sniffGroovy(pipeline.slice(0, 512))).toBe('undecided');
    expect(claims('ci/deploy.groovy', pipeline, 512)).toBe(true);
    expect(applicable('ci/deploy.groovy', pipeline)).toBe(true);
    // the library class is read, found to be no pipeline, and reported as not Jenkins
    expect(claims('src/org/example/ci/Versions.groovy', libraryClass, 512)).toBe(true);
    expect(applicable('src/org/example/ci/Versions.groovy', libraryClass)).toBe(false);
  });

  it('does not claim library classes, Gradle-style scripts or Job DSL', () => {
    const utilClass = `${apacheHeader}package org.ci\n\nclass Util {\n  def run(script) {\n    script.node('linux') { script.sh 'make' }\n  }\n}\n`;
    expect(claims('src/org/ci/Util.groovy', utilClass)).toBe(false);
    // a host that passes only 512 characters sees nothing but the licence: the parse then declines the file
    expect(claims('src/org/ci/Util.groovy', utilClass, 512)).toBe(true);
    expect(applicable('src/org/ci/Util.groovy', utilClass)).toBe(false);
    expect(claims('Helper.groovy', "class Helper implements Serializable {\n  def steps\n  def build() { steps.node { steps.sh 'x' } }\n}\n")).toBe(false);
    expect(claims('scripts/bump.groovy', "def v = new File('VERSION').text.trim()\nprintln v\n")).toBe(false);
    expect(claims('jobs/seed.groovy', "pipelineJob('app') {\n  definition { cps { script('node { sh \"make\" }') } }\n}\n")).toBe(false);
    expect(claims('ci/methods.groovy', "def build() {\n  node('linux') { sh 'make' }\n}\ndef test() {\n  pipeline { agent any }\n}\n")).toBe(false);
  });

  it('claims scripts made to be loaded, which end with return this', () => {
    const script = "def notifyFailure(String msg) {\n  slackSend channel: '#ci', message: msg\n}\nreturn this\n";
    expect(sniffGroovy(script)).toBe('script');
    expect(claims('ci/utils.groovy', script)).toBe(true);
    const result = parseJenkinsfile(new SourceFile('ci/utils.groovy', script));
    expect(result.root?.role).toBe('script');
  });

  it('gives shared-library steps the library role, and a pipeline written in call() to the file', () => {
    const step = "def call(Map config = [:]) {\n  pipeline {\n    agent any\n    stages { stage('b') { steps { sh 'make' } } }\n  }\n}\n";
    const result = parseJenkinsfile(new SourceFile('vars/standardBuild.groovy', step));
    expect(result.root?.role).toBe('library');
    expect(result.root?.pipeline?.stages?.stages).toHaveLength(1);
    expect(result.root?.functions[0]?.steps).toEqual([]);
  });

  it('keeps a file named as a pipeline whatever it holds', () => {
    expect(applicable('Jenkinsfile', "buildPlugin(useContainerAgent: true)\n")).toBe(true);
    expect(applicable('Jenkinsfile.groovy', "def x = 1\n")).toBe(true);
  });

  it('reads markers only in code, never in comments or strings', () => {
    expect(sniffGroovy("/* pipeline { } */\n// node('x') {\ndef s = \"node('x') {\"\ndef t = '''\npipeline {\n'''\nprintln s\n")).toBe('library');
    expect(sniffGroovy('x.node("a") { }\n')).toBe('library');
  });
});
