import assert from 'node:assert/strict';
import { PROJECT_MANIFESTS, describeProject, detectProject, type ProjectFiles } from '../../../src/core/review';

function files(map: Record<string, string>): ProjectFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readText: async (p) => {
      reads.push(p);
      return map[p];
    },
  };
}

describe('project detection', () => {
  it('reads only the known manifest files', async () => {
    const f = files({});
    const info = await detectProject(f);
    assert.deepEqual(info, { languages: [], frameworks: [], notes: [] });
    assert.deepEqual([...f.reads].sort(), [...PROJECT_MANIFESTS].sort());
    assert.equal(describeProject(info), undefined);
  });

  it('TypeScript + React from package.json deps and a commented tsconfig', async () => {
    const info = await detectProject(
      files({
        'package.json': JSON.stringify({ dependencies: { react: '^19', express: '^5' }, devDependencies: { typescript: '^6', vitest: '^3' }, engines: { node: '>=20' } }),
        'tsconfig.json': '{\n  // comments are allowed\n  "compilerOptions": { "strict": true, "target": "ES2022", },\n}',
      }),
    );
    assert.deepEqual(info.languages, ['TypeScript', 'JavaScript']);
    assert.deepEqual(info.frameworks, ['React', 'Express', 'Vitest']);
    assert.deepEqual(info.notes, ['Node.js >=20', 'TypeScript strict mode is on', 'TypeScript target ES2022']);
  });

  it('a VS Code extension from engines.vscode; plain JavaScript without typescript', async () => {
    const info = await detectProject(files({ 'package.json': JSON.stringify({ engines: { vscode: '^1.101.0' }, devDependencies: { mocha: '^12' } }) }));
    assert.deepEqual(info.languages, ['JavaScript']);
    assert.deepEqual(info.frameworks, ['Mocha', 'VS Code extension API']);
  });

  it('Python from pyproject.toml with its version and frameworks', async () => {
    const info = await detectProject(files({ 'pyproject.toml': '[project]\nname = "svc"\nrequires-python = ">=3.12"\ndependencies = ["fastapi>=0.110", "pydantic"]\n[tool.pytest.ini_options]\n' }));
    assert.deepEqual(info.languages, ['Python']);
    assert.deepEqual(info.frameworks, ['FastAPI', 'Pydantic', 'pytest']);
    assert.deepEqual(info.notes, ['Python >=3.12']);
  });

  it('Go from go.mod, Rust from Cargo.toml', async () => {
    const go = await detectProject(files({ 'go.mod': 'module example.com/x\n\ngo 1.23\n\nrequire github.com/gin-gonic/gin v1.10.0\n' }));
    assert.deepEqual([go.languages, go.frameworks, go.notes], [['Go'], ['Gin'], ['Go 1.23']]);
    const rust = await detectProject(files({ 'Cargo.toml': '[package]\nname = "x"\nedition = "2021"\n\n[dependencies]\ntokio = { version = "1" }\naxum = "0.7"\n' }));
    assert.deepEqual([rust.languages, rust.frameworks, rust.notes], [['Rust'], ['Tokio', 'Axum'], ['Rust edition 2021']]);
  });

  it('JVM, Ruby, PHP, Dart and Swift', async () => {
    const info = await detectProject(
      files({
        'build.gradle.kts': 'plugins { id("org.springframework.boot") }',
        Gemfile: "gem 'rails', '~> 7'",
        'composer.json': '{"require":{"laravel/framework":"^11"}}',
        'pubspec.yaml': 'dependencies:\n  flutter:\n    sdk: flutter\n',
        'Package.swift': '// swift-tools-version:5.9',
      }),
    );
    assert.deepEqual(info.languages, ['Kotlin', 'Java', 'Ruby', 'PHP', 'Dart', 'Swift']);
    assert.deepEqual(info.frameworks, ['Spring', 'Ruby on Rails', 'Laravel', 'Flutter']);
  });

  it('skips malformed or unreadable files instead of failing', async () => {
    const info = await detectProject({
      readText: async (p) => {
        if (p === 'go.mod') throw new Error('EACCES');
        return p === 'package.json' ? '{ not json' : undefined;
      },
    });
    assert.deepEqual(info, { languages: [], frameworks: [], notes: [] });
  });

  it('describes the project as a short list', () => {
    assert.equal(describeProject({ languages: ['Go'], frameworks: ['Gin'], notes: ['Go 1.23'] }), '- Languages: Go\n- Frameworks and libraries: Gin\n- Go 1.23');
  });
});
