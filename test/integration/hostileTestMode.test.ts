// The integration harness runs this suite as the extension's own tests, so the extension is in
// ExtensionMode.Test: the only mode in which activate() returns an API and commands take test-only
// arguments (test/unit/hostile/testMode.test.ts checks the other modes get neither).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CompanionApi } from '../../src/vscode/testApi';
import { EXTENSION_ID, activatedApi } from './support';

describe('hostile workspace: test mode', () => {
  it('the extension under test runs in ExtensionMode.Test and returns its test API', async () => {
    const ext = vscode.extensions.getExtension<CompanionApi | undefined>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    const api = await activatedApi(ext);
    assert.equal(api.extensionMode, vscode.ExtensionMode.Test, `extension mode ${vscode.ExtensionMode[api.extensionMode]}, expected Test`);
  });
});
